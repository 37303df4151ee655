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
  /** The id the stand-in gave a modal opened with `views.open`. */
  viewId?: string;
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

/** How to submit a modal: the view `views.open` received, the values typed (by `block_id`), as whom, when. */
export interface SubmitOptions {
  view: Record<string, unknown>;
  /** Values by input `block_id`; an input not given submits its pre-filled value, as Slack does. */
  values?: Record<string, string>;
  userId?: string;
  timestamp?: number;
  forgeWith?: string;
}

type InputBlock = {
  type: string;
  block_id?: string;
  element?: {
    type: string;
    initial_value?: string;
    options?: Array<{ value: string }>;
    initial_option?: { value: string };
  };
};

/**
 * A local HTTP server standing in for Slack: implements `chat.postMessage`, `chat.update` and `views.open`
 * (records each call, answers with a `ts` or a view id), receives `response_url` posts, and sends
 * `block_actions` and `view_submission` callbacks to an interaction endpoint, correctly signed, forged or
 * stale. `failNext` makes the next API calls fail.
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
      if (method === 'views.open') {
        const view = { ...(body.view as object), id: `V0VIEW${String(++this.seq).padStart(4, '0')}` };
        call.viewId = view.id;
        return res.end(JSON.stringify({ ok: true, view }));
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
    payload.trigger_id = `${this.seq}.1234567890.trigger`;
    return this.signed(payload, options);
  }

  /** The modals opened so far (`views.open`), each with the id the stand-in gave it. */
  get views(): Array<Record<string, unknown>> {
    return this.callsOf('views.open').map((c) => ({ ...(c.body.view as object), id: c.viewId }));
  }

  /**
   * A `view_submission` callback for a modal: its inputs' `state.values` as Slack builds them (typed values,
   * else the pre-filled ones), the view's `callback_id` and `private_metadata` passed back untouched.
   */
  submission(options: SubmitOptions): SlackCallback {
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of (options.view.blocks ?? []) as InputBlock[]) {
      if (block.type !== 'input' || !block.block_id || !block.element) continue;
      const e = block.element;
      const given = options.values?.[block.block_id];
      const value = given ?? e.initial_value ?? e.initial_option?.value;
      values[block.block_id] = {
        value:
          e.type === 'plain_text_input'
            ? { type: e.type, value: value ?? null }
            : { type: e.type, selected_option: e.options?.find((o) => o.value === value) ?? null },
      };
    }
    const payload = {
      type: 'view_submission',
      team: { id: 'T0123ABCD', domain: 'example-workspace' },
      user: { id: options.userId ?? 'U0123ABCD', team_id: 'T0123ABCD' },
      api_app_id: 'A0123ABCD',
      view: {
        id: options.view.id,
        type: 'modal',
        callback_id: options.view.callback_id,
        private_metadata: options.view.private_metadata,
        state: { values },
        hash: '1763604000.abcdef',
      },
    };
    return this.signed(payload, options);
  }

  /** Builds, signs and sends a modal submission. */
  async submit(endpoint: string, options: SubmitOptions): Promise<{ status: number; body: string }> {
    return this.send(endpoint, this.submission(options));
  }

  private signed(payload: unknown, options: { timestamp?: number; forgeWith?: string }): SlackCallback {
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
