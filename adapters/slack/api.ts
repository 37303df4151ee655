import { SlackApiError } from './errors.js';

/** A message as Block Kit: the fallback `text` (notifications, screen readers) and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** Settings of the Slack Web API client. */
export interface SlackApiOptions {
  /** `https://slack.com/api` in production, a stand-in's URL in tests and locally. */
  baseUrl?: string;
  /** The bot token (`xoxb-…`), loaded lazily: from SSM in AWS, from the environment locally. */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  /** Per call; Slack's own limit for an interaction answer is 3 s, so keep calls short. */
  timeoutMs?: number;
}

/**
 * The few Slack Web API methods breachwatch uses, over `fetch`: `chat.postMessage`, `chat.update`,
 * `views.open` and posts to an interaction's `response_url`. Errors raise `SlackApiError` with Slack's error code.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 */
export class SlackApi {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: SlackApiOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Posts a message (a reply when `threadTs` is given); returns where it landed. */
  async postMessage(
    channel: string,
    message: SlackMessage,
    threadTs?: string,
  ): Promise<{ channel: string; ts: string }> {
    const res = await this.call('chat.postMessage', {
      channel,
      ...message,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { channel: String(res.channel ?? channel), ts: String(res.ts) };
  }

  /** Replaces a message in place. */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.call('chat.update', { channel, ts, ...message });
  }

  /**
   * Opens a modal for the person who clicked, exchanging the interaction's `trigger_id` (valid for 3 s, once).
   * @see https://docs.slack.dev/reference/methods/views.open
   */
  async openView(triggerId: string, view: Record<string, unknown>): Promise<{ viewId: string }> {
    const res = await this.call('views.open', { trigger_id: triggerId, view });
    return { viewId: String((res.view as { id?: unknown } | undefined)?.id ?? '') };
  }

  /** Answers an interaction through its `response_url` (no token: the URL is the credential). */
  async respond(responseUrl: string, body: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<void> {
    const res = await this.fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new SlackApiError('response_url', `HTTP ${res.status}`);
  }

  private async call(method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await this.fetch(`${this.baseUrl}/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await this.options.token()}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after') ?? '1');
      throw new SlackApiError(method, 'ratelimited', Number.isFinite(retryAfter) ? retryAfter : 1);
    }
    if (!res.ok) throw new SlackApiError(method, `HTTP ${res.status}`);
    const json = (await res.json()) as Record<string, unknown>;
    if (json.ok !== true) throw new SlackApiError(method, typeof json.error === 'string' ? json.error : 'not ok');
    return json;
  }
}
