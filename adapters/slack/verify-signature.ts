import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConfigError } from '../../events/errors.js';
import { SlackRejection, SlackSignatureError } from './errors.js';

/** The v0 signature of a request body: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Checks a Slack request: both headers present, timestamp within `maxAgeS` of `now` (either side, against
 * replays of captured requests), signature equal in constant time. Throws `SlackSignatureError` otherwise.
 * @see https://api.slack.com/authentication/verifying-requests-from-slack
 */
export function checkSlackSignature(
  signingSecret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: string,
  now: Date,
  maxAgeS = 300,
): void {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) throw new SlackSignatureError(SlackRejection.MISSING, 'signature headers missing');
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature))
    throw new SlackSignatureError(SlackRejection.MALFORMED, 'expected a unix timestamp and a v0= hex signature');
  const ageS = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (ageS > maxAgeS)
    throw new SlackSignatureError(SlackRejection.STALE, `timestamp ${Math.round(ageS)} s away, limit ${maxAgeS} s`);
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, rawBody));
  if (!timingSafeEqual(expected, Buffer.from(signature)))
    throw new SlackSignatureError(SlackRejection.MISMATCH, 'signature does not match the body');
}

/** Options of `verifySlackSignature`. */
export interface VerifySlackSignatureOptions {
  /** The app's signing secret, or a loader (SSM, cached per cold start). */
  signingSecret: string | (() => Promise<string>);
  now?: () => Date;
  maxAgeS?: number;
  /** Records a signature as seen; resolves false when it was seen before (a replay). Optional. */
  markSeen?: (key: string, expiresAt: Date) => Promise<boolean>;
}

const defaults = { now: () => new Date(), maxAgeS: 300, markSeen: undefined };
const allowed = new Set(['signingSecret', 'now', 'maxAgeS', 'markSeen']);

/** Checks middleware options at creation; a typo or a missing secret fails with the fix in the message. */
export function verifySlackSignatureValidateOptions(options: Record<string, unknown>): void {
  for (const key of Object.keys(options))
    if (!allowed.has(key))
      throw new ConfigError(
        `verifySlackSignature: unknown option "${key}", expected one of ${[...allowed].join(', ')}`,
      );
  const secret = options.signingSecret;
  if (!(typeof secret === 'function' || (typeof secret === 'string' && secret.length > 0)))
    throw new ConfigError('verifySlackSignature: signingSecret must be a non-empty string or a loader function');
  if (options.maxAgeS !== undefined && !(typeof options.maxAgeS === 'number' && options.maxAgeS > 0))
    throw new ConfigError('verifySlackSignature: maxAgeS must be a positive number of seconds (Slack uses 300)');
}

/** The raw body exactly as Slack signed it (function URLs may base64-encode it). */
export function rawBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

type SlackRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined>;

/**
 * middy middleware for Slack callbacks (function URL / API Gateway v2 events): verifies `X-Slack-Signature`
 * before the handler runs and answers 401 with no state change for missing, malformed, stale, forged or
 * replayed requests.
 * @example middy(handler).use(verifySlackSignature({ signingSecret: () => loadSecret(ref) }))
 */
export function verifySlackSignature(
  opts: VerifySlackSignatureOptions,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 | undefined> {
  verifySlackSignatureValidateOptions(opts as unknown as Record<string, unknown>);
  const options = { ...defaults, ...opts };

  const verifySlackSignatureMiddlewareBefore = async (request: SlackRequest): Promise<void> => {
    const secret = typeof options.signingSecret === 'string' ? options.signingSecret : await options.signingSecret();
    const headers = request.event.headers ?? {};
    const signed = { timestamp: headers['x-slack-request-timestamp'], signature: headers['x-slack-signature'] };
    const now = options.now();
    checkSlackSignature(secret, signed, rawBody(request.event), now, options.maxAgeS);
    if (options.markSeen) {
      const expiresAt = new Date(now.getTime() + 2 * options.maxAgeS * 1000);
      if (!(await options.markSeen(`${signed.timestamp}:${signed.signature}`, expiresAt)))
        throw new SlackSignatureError(SlackRejection.REPLAYED, 'this signed request was already received');
    }
  };

  const verifySlackSignatureMiddlewareOnError = async (request: SlackRequest): Promise<void> => {
    if (request.response !== undefined) return;
    if (!(request.error instanceof SlackSignatureError)) return;
    request.response = {
      statusCode: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'invalid Slack signature', reason: request.error.reason }),
    };
  };

  return { before: verifySlackSignatureMiddlewareBefore, onError: verifySlackSignatureMiddlewareOnError };
}
