import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackSignature } from '../../adapters/slack/verify-signature.js';
import { loadJson } from './fixtures.js';

/** A Web API call the stand-in received. */
export interface SlackCall {
  method: string;
  token: string | undefined;
  body: Record<string, unknown>;
  /** The `ts` the stand-in answered with (the message's id in Slack). */
  ts?: string;
}

/** A signed interactivity request as Slack would send it. */
export interface SlackCallback {
  headers: Record<string, string>;
  body: string;
}

/** How to click: which button on which incident, as whom, signed with what and when. */
export interface ClickOptions {
  actionId: string;
  incidentId: string;
  userId?: string;
  /** Unix seconds of `X-Slack-Request-Timestamp` (default: now from `clock`). */
  timestamp?: number;
  /** Sign with this secret instead of the right one (a forgery). */
  forgeWith?: string;
}

/**
 * A local HTTP server standing in for Slack: implements `chat.postMessage` and `chat.update` (records each
 * call, answers with a `ts`), receives `response_url` posts, and sends `block_actions` callbacks to an
 * interaction endpoint, correctly signed, forged or stale. `failNext` makes the next API calls fail.
 */
export class SlackStandIn {
  readonly calls: SlackCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  private server?: Server;
  private origin = '';
  private failures = 0;
  private seq = 0;

  constructor(
    private readonly signingSecret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts listening on a free loopback port. */
  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.setHeader('content-type', 'application/json');
      if (path.startsWith('/response/')) {
        this.responses.push({ path, body });
        return res.end('{"ok":true}');
      }
      const method = path.replace(/^\/api\//, '');
      const call: SlackCall = { method, token: req.headers.authorization?.replace(/^Bearer /, ''), body };
      this.calls.push(call);
      if (this.failures > 0) {
        this.failures -= 1;
        return res.end(JSON.stringify({ ok: false, error: 'internal_error' }));
      }
      if (method !== 'chat.postMessage' && method !== 'chat.update')
        return res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
      const ts = method === 'chat.update' ? body.ts : `1763604000.${String(++this.seq).padStart(6, '0')}`;
      call.ts = String(ts);
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The Web API base URL to configure as `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  /** Calls of one method, in order. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The next `n` Web API calls answer `ok: false`. */
  failNext(n: number): void {
    this.failures = n;
  }

  /** A `block_actions` callback for a button click, built from the documented payload shape. */
  callback(options: ClickOptions): SlackCallback {
    const payload = loadJson<Record<string, unknown>>('slack/block-actions-payload.constructed.json');
    const action = (payload.actions as Array<Record<string, unknown>>)[0]!;
    Object.assign(action, { action_id: options.actionId, value: options.incidentId, block_id: 'bw_incident_actions' });
    payload.user = { ...(payload.user as object), id: options.userId ?? 'U0123ABCD' };
    payload.response_url = `${this.origin}/response/${++this.seq}`;
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timestamp = String(options.timestamp ?? Math.floor(this.clock().getTime() / 1000));
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': slackSignature(options.forgeWith ?? this.signingSecret, timestamp, body),
      },
      body,
    };
  }

  /** Sends a callback to an interaction endpoint (e.g. `http://127.0.0.1:PORT/slack/interactions`). */
  async send(endpoint: string, callback: SlackCallback): Promise<{ status: number; body: string }> {
    const res = await fetch(endpoint, { method: 'POST', headers: callback.headers, body: callback.body });
    return { status: res.status, body: await res.text() };
  }

  /** Builds, signs and sends a click. */
  async click(endpoint: string, options: ClickOptions): Promise<{ status: number; body: string }> {
    return this.send(endpoint, this.callback(options));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
