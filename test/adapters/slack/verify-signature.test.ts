import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { SlackSignatureError } from '../../../adapters/slack/errors.js';
import { checkSlackSignature, slackSignature, verifySlackSignature } from '../../../adapters/slack/verify-signature.js';
import { ConfigError } from '../../../events/errors.js';
import { localContext } from '../../../local/lambda-context.js';
import { loadJson } from '../../support/fixtures.js';

type Vector = { signing_secret: string; x_slack_request_timestamp: string; body: string; x_slack_signature: string };
type SignedRequest = { signing_secret: string; headers: Record<string, string>; body: string };
const vector = loadJson<Vector>('slack/signing-test-vector.json');
const request = loadJson<SignedRequest>('slack/block-actions-request.constructed.json');
const at = (unixS: string, offsetS = 0) => new Date((Number(unixS) + offsetS) * 1000);

const urlEvent = (headers: Record<string, string>, body: string, base64 = false) =>
  ({
    headers,
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  }) as unknown as APIGatewayProxyEventV2;
const fixtureEvent = (base64 = false) =>
  urlEvent(
    {
      'x-slack-request-timestamp': request.headers['X-Slack-Request-Timestamp']!,
      'x-slack-signature': request.headers['X-Slack-Signature']!,
    },
    request.body,
    base64,
  );
const ts = request.headers['X-Slack-Request-Timestamp']!;

describe('slackSignature', () => {
  it('reproduces the signature of the Slack docs worked example', () => {
    expect(slackSignature(vector.signing_secret, vector.x_slack_request_timestamp, vector.body)).toBe(
      vector.x_slack_signature,
    );
  });
});

describe('checkSlackSignature', () => {
  const headers = { timestamp: vector.x_slack_request_timestamp, signature: vector.x_slack_signature };
  const reason = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return (error as SlackSignatureError).reason;
    }
    return 'accepted';
  };

  it('accepts the docs example within 5 minutes of its timestamp, either side', () => {
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, headers, vector.body, at(headers.timestamp, 300))),
    ).toBe('accepted');
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, headers, vector.body, at(headers.timestamp, -300))),
    ).toBe('accepted');
  });

  it('rejects a timestamp older than 5 minutes as stale', () => {
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, headers, vector.body, at(headers.timestamp, 301))),
    ).toBe('stale');
  });

  it('rejects a body changed by one byte, a wrong secret and a missing or malformed header', () => {
    const now = at(headers.timestamp);
    expect(reason(() => checkSlackSignature(vector.signing_secret, headers, `${vector.body}x`, now))).toBe('mismatch');
    expect(reason(() => checkSlackSignature('another-secret', headers, vector.body, now))).toBe('mismatch');
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, { timestamp: headers.timestamp }, vector.body, now)),
    ).toBe('missing');
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, { ...headers, signature: 'v0=abc' }, vector.body, now)),
    ).toBe('malformed');
    expect(
      reason(() => checkSlackSignature(vector.signing_secret, { ...headers, timestamp: '1e9' }, vector.body, now)),
    ).toBe('malformed');
  });
});

describe('verifySlackSignature middleware', () => {
  const handlerWith = (options: Parameters<typeof verifySlackSignature>[0]) => {
    const inner = vi.fn(async () => ({ statusCode: 200, body: 'ok' }));
    return { inner, handler: middy(inner).use(verifySlackSignature(options)) };
  };

  it('lets a correctly signed request through, also when the body arrives base64-encoded', async () => {
    const { inner, handler } = handlerWith({ signingSecret: request.signing_secret, now: () => at(ts, 10) });
    expect(await handler(fixtureEvent(), localContext('slack'))).toEqual({ statusCode: 200, body: 'ok' });
    expect(await handler(fixtureEvent(true), localContext('slack'))).toEqual({ statusCode: 200, body: 'ok' });
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it('answers 401 without running the handler for forged, stale and unsigned requests', async () => {
    const { inner, handler } = handlerWith({ signingSecret: async () => 'not-the-secret', now: () => at(ts) });
    const forged = await handler(fixtureEvent(), localContext('slack'));
    expect(forged).toMatchObject({ statusCode: 401, body: expect.stringContaining('mismatch') });
    const stale = handlerWith({ signingSecret: request.signing_secret, now: () => at(ts, 600) });
    expect(await stale.handler(fixtureEvent(), localContext('slack'))).toMatchObject({
      statusCode: 401,
      body: expect.stringContaining('stale'),
    });
    expect(await handler(urlEvent({}, request.body), localContext('slack'))).toMatchObject({ statusCode: 401 });
    expect(inner).not.toHaveBeenCalled();
    expect(stale.inner).not.toHaveBeenCalled();
  });

  it('refuses the same signed request a second time when a replay store is given', async () => {
    const seen = new Set<string>();
    const markSeen = async (key: string) => !seen.has(key) && Boolean(seen.add(key));
    const { inner, handler } = handlerWith({ signingSecret: request.signing_secret, now: () => at(ts), markSeen });
    await handler(fixtureEvent(), localContext('slack'));
    expect(await handler(fixtureEvent(), localContext('slack'))).toMatchObject({
      statusCode: 401,
      body: expect.stringContaining('replayed'),
    });
    expect(inner).toHaveBeenCalledTimes(1);
  });

  it('leaves a response set by another onError middleware alone, and other errors to others', async () => {
    const existing = { statusCode: 418, body: 'set earlier' };
    const handler = middy(async () => ({ statusCode: 200 }))
      .use(verifySlackSignature({ signingSecret: 'x', now: () => at(ts) }))
      .use({
        onError: async (req) => {
          req.response = existing;
        },
      });
    expect(await handler(fixtureEvent(), localContext('slack'))).toBe(existing);
    const boom = middy(async () => {
      throw new Error('boom');
    }).use(verifySlackSignature({ signingSecret: request.signing_secret, now: () => at(ts) }));
    await expect(boom(fixtureEvent(), localContext('slack'))).rejects.toThrow('boom');
  });

  it('checks its options when it is created, naming the fix', () => {
    expect(() => verifySlackSignature({ signingSecret: '' })).toThrow(ConfigError);
    expect(() => verifySlackSignature({ signingSecret: 's', maxAge: 300 } as never)).toThrow(/unknown option "maxAge"/);
    expect(() => verifySlackSignature({ signingSecret: 's', maxAgeS: -1 })).toThrow(/positive number/);
  });
});
