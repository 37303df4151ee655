import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const basic = (pair: string): string => Buffer.from(pair, 'latin1').toString('base64');

/** Basic credentials found in `text`, as `token@start`. */
function credentials(text: string): string[] {
  return scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY })
    .detections.filter((d) => d.fineType === 'BASIC_AUTH')
    .map((d) => `${text.slice(d.start, d.end)}@${d.start}`);
}

describe('HTTP Basic credentials', () => {
  it('reports the token after `Basic` that decodes to user-id:password, short or long, padded or not', () => {
    for (const pair of ['ada:pw1', 'ada:hunter2', 'ada@example.org:correct horse battery staple 42', 'svc:p@ss:w0rd']) {
      const token = basic(pair).replace(/=+$/, '');
      for (const text of [
        `GET / HTTP/1.1\r\nAuthorization: Basic ${basic(pair)}\r\n`,
        `proxy-authorization: basic ${basic(pair)}\n`,
        `{"headers":{"Authorization":"BASIC ${basic(pair)}"}}`,
      ])
        expect(credentials(text), text).toEqual([`${token}@${text.indexOf(token)}`]);
    }
  });

  it('fingerprints the decoded pair: the same credential padded or not is one', () => {
    const fingerprints = [`Basic ${basic('ada:hunter2')}`, `Basic ${basic('ada:hunter2').replace(/=+$/, '')}`].map(
      (text) => scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections[0]?.fingerprint,
    );
    expect(fingerprints[0]).toBeDefined();
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });

  it('leaves tokens that are no Basic credential', () => {
    for (const text of [
      `Authorization: Bearer ${basic('ada:hunter2')}`,
      `Authorization: Basic ${basic('adahunter2')}`,
      `Authorization: Basic ${basic(':hunter2')}`,
      `Authorization: Basic ${basic('ada2x:')}`,
      `Authorization: Basic ${basic('ada:\x01\x02pw9')}`,
      `Authorization: Basicx ${basic('ada:hunter2')}`,
      `Authorization: xBasic ${basic('ada:hunter2')}`,
      'Authorization: Basic YWRhOmh1bnRlcjJ',
      'Authorization: Basic YWRhOmh1bnRlcjJ1Y',
    ])
      expect(credentials(text), text).toEqual([]);
  });

  it('finds the same however the request is chunked', () => {
    const text = Buffer.from(`${'x'.repeat(50)}\r\nAuthorization: Basic ${basic('ada:hunter2')}\r\n\r\n`);
    for (let cut = 1; cut < text.length; cut++) {
      const found = scannedInTwo(text, cut);
      expect(found.filter((d) => d.fineType === 'BASIC_AUTH').length, `cut at ${cut}`).toBe(1);
    }
  });
});
