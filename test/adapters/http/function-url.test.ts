import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFunctionUrl, iamCaller, toFunctionUrl } from '../../../adapters/http/function-url.js';
import { urlEvent } from '../../support/function-url-event.js';

describe('iamCaller', () => {
  it.each([
    [
      'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DPO_1a2b/anna@example.com',
      'iam:AWSReservedSSO_DPO_1a2b/anna@example.com',
    ],
    ['arn:aws:sts::123456789012:assumed-role/breachwatch-oncall/sam', 'iam:breachwatch-oncall/sam'],
    ['arn:aws:iam::123456789012:user/ops/jo', 'iam:user/jo'],
    ['arn:aws:iam::123456789012:root', 'iam:arn:aws:iam::123456789012:root'],
  ])('names %s as %s', (arn, expected) => {
    expect(iamCaller(urlEvent({ userArn: arn }))).toBe(expected);
  });

  it('is undefined without an IAM authorizer, whatever the headers claim', () => {
    const event = urlEvent({ headers: { 'x-breachwatch-user': 'dpo-anna' } });
    expect(iamCaller(event)).toBeUndefined();
    expect(fromFunctionUrl(event).caller).toBeUndefined();
  });
});

describe('fromFunctionUrl', () => {
  it('maps method, path, query, lower-case headers, cookies and a base64 body', () => {
    const event = {
      ...urlEvent({
        method: 'POST',
        path: '/console/api/incidents/BW-1/commands',
        query: 'a=1&b=x%20y',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from('{"action":"acknowledge"}').toString('base64'),
        base64: true,
      }),
      cookies: ['a=1', 'b=2'],
    };
    const req = fromFunctionUrl(event);
    expect(req).toMatchObject({ method: 'POST', path: '/console/api/incidents/BW-1/commands' });
    expect(req.query.get('b')).toBe('x y');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.cookie).toBe('a=1; b=2');
    expect(req.body.toString('utf8')).toBe('{"action":"acknowledge"}');
  });

  it('takes any body and path without throwing (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (path, body, base64) => {
        const req = fromFunctionUrl(urlEvent({ path, body, base64 }));
        expect(Buffer.isBuffer(req.body)).toBe(true);
      }),
    );
  });
});

describe('toFunctionUrl', () => {
  it('sends objects as JSON, strings as they are and buffers as base64', () => {
    expect(toFunctionUrl({ status: 404, body: { error: 'x' } })).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'x' }, null, 2),
    });
    expect(toFunctionUrl({ status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/html' },
      body: '<p>',
    });
    const pdf = Buffer.from('%PDF-1.7\n\u00ff');
    const result = toFunctionUrl({ status: 200, headers: { 'content-type': 'application/pdf' }, body: pdf });
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body ?? '', 'base64').equals(pdf)).toBe(true);
    expect(toFunctionUrl({ status: 302, headers: { location: '/x' } })).toEqual({
      statusCode: 302,
      headers: { location: '/x' },
      body: '',
    });
  });
});
