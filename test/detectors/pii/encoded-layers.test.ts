import { describe, expect, it } from 'vitest';
import { jwtPayload } from '../../../detectors/pii/encoded-layers.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const segment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = segment({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
const CLAIMS = segment({
  sub: '248289761001',
  email: 'ada@example.org',
  given_name: 'Ada',
  family_name: 'Lovelace',
  phone_number: '+447700900123',
});
const ID_TOKEN = `${HEADER}.${CLAIMS}.${'c2lnbmF0dXJl'.repeat(4)}`;

/** The payload `jwtPayload` finds in `token`, as text, or undefined. */
function payloadOf(token: string, windowEnd = token.length): string | undefined {
  const [ps, pe] = jwtPayload(Buffer.from(token, 'latin1'), 0, windowEnd);
  return ps < 0 ? undefined : token.slice(ps, pe);
}

describe('jwtPayload', () => {
  it("finds a signed token's second segment when both it and the header are JSON", () => {
    expect(payloadOf(ID_TOKEN)).toBe(CLAIMS);
    // a token signed with `none` has an empty signature
    expect(payloadOf(`${HEADER}.${CLAIMS}.`)).toBe(CLAIMS);
  });

  it('finds none in a token whose header or payload is no JSON, or that has no third segment', () => {
    expect(payloadOf(`abc.${CLAIMS}.sig`)).toBeUndefined();
    expect(payloadOf(`eyZ${HEADER.slice(3)}.${CLAIMS}.sig`)).toBeUndefined();
    expect(payloadOf(`eXJ${HEADER.slice(3)}.${CLAIMS}.sig`)).toBeUndefined();
    expect(payloadOf(`${HEADER}.eyZ${CLAIMS.slice(3)}.sig`)).toBeUndefined();
    // the dot after the payload must be the window's own
    const text = `${HEADER}.${CLAIMS} and.more`;
    expect(payloadOf(text, text.indexOf(' '))).toBeUndefined();
    // an encrypted token (JWE) holds a key, not JSON, in its second segment
    expect(
      payloadOf(`${HEADER}.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.iv.ct.tag`),
    ).toBeUndefined();
    expect(payloadOf(`${HEADER}.${CLAIMS}`)).toBeUndefined();
    expect(payloadOf(`${HEADER}`)).toBeUndefined();
  });
});

describe('JWT claims', () => {
  const body = `GET /userinfo HTTP/1.1\nAuthorization: Bearer ${ID_TOKEN}\n`;

  it("reports an ID token's personal claims at its payload, beside the token itself", () => {
    const found = scanBuffer(Buffer.from(body), { fingerprintKey: KEY }).detections;
    const at = body.indexOf(CLAIMS);
    expect(found.map((d) => `${d.type} ${d.start}-${d.end}`).sort()).toEqual(
      [
        `CREDENTIAL ${body.indexOf(HEADER)}-${body.indexOf(HEADER) + ID_TOKEN.length}`,
        ...['EMAIL', 'PERSON_NAME', 'PERSON_NAME', 'PHONE'].map((type) => `${type} ${at}-${at + CLAIMS.length}`),
      ].sort(),
    );
  });

  it('reports the claims under the fingerprints of the values themselves', () => {
    const plain =
      '{"email":"ada@example.org","given_name":"Ada","family_name":"Lovelace","phone_number":"+447700900123"}';
    const prints = (text: string): string[] =>
      scanBuffer(Buffer.from(text), { fingerprintKey: KEY })
        .detections.filter((d) => d.type !== 'CREDENTIAL')
        .map((d) => `${d.type} ${d.fingerprint}`)
        .sort();
    expect(prints(body)).toEqual(prints(plain));
  });

  it('finds the same however the request is chunked', () => {
    const bytes = Buffer.from(body);
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    for (let cut = 1; cut < bytes.length; cut += 13) expect(scannedInTwo(bytes, cut), `cut ${cut}`).toEqual(whole);
  });
});
