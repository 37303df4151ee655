import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dechunker, dechunk, looksAwsChunked } from '../../../detectors/pii/chunked.js';
import { type Detection, LimitKind, type ScanOptions, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { awsChunkedOf } from '../../support/aws-chunked.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const options: ScanOptions = { fingerprintKey: KEY };
const request = readFileSync(new URL('../../fixtures/pii/s3-put-object.http', import.meta.url));
/** The object the fixture uploads (see SOURCES.md). */
const ROWS = [
  '1,Jane,Doe,jane.doe@example.com,4111111111111111,1985-03-12',
  '2,John,Roe,john.roe@example.com,5500005555555559,1990-11-02',
  '3,Ada,Lovelace,ada@example.com,4012888888881881,1979-12-10',
];
const object = Buffer.from(
  `id,first_name,last_name,email,card_number,dob\n${Array.from({ length: 300 }, (_, i) => `${ROWS[i % 3]}\n`).join('')}`,
);

/** What a dechunker gives for `bytes` fed in pieces cut at `cuts`, and what it says of the framing. */
function feed(bytes: Buffer, cuts: number[]): { data: string; framed: boolean; broken: boolean } {
  const d = new Dechunker();
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(...d.write(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...d.write(bytes.subarray(at)), ...d.end());
  return { data: Buffer.concat(out).toString('latin1'), framed: d.framed, broken: d.broken };
}

const types = (ds: Detection[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const d of ds) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
};

describe('Dechunker', () => {
  it('gives the same data and verdicts however its input is cut, framed or not', () => {
    const framed = fc
      .tuple(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 90 }), fc.boolean())
      .map(([data, size, signed]) => awsChunkedOf(Buffer.from(data), size, signed));
    const anything = fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(fc.oneof(framed, anything), fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (bytes, raw, cut) => {
        const input = bytes.subarray(0, cut % (bytes.length + 1));
        const cuts = raw.map((c) => c % (input.length + 1));
        expect(feed(input, cuts)).toEqual(feed(input, []));
      }),
      { numRuns: 300 },
    );
  });

  it('undoes signed and trailer framings whole', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (data, size, s) => {
          expect(feed(awsChunkedOf(Buffer.from(data), size, s), [])).toEqual({
            data: Buffer.from(data).toString('latin1'),
            framed: true,
            broken: false,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('passes on a body whose first line is no size line as it is, and says it is not framed', () => {
    expect(feed(Buffer.from('mail ada@example.com\r\n'), [3])).toEqual({
      data: 'mail ada@example.com\r\n',
      framed: false,
      broken: false,
    });
    expect(dechunk(Buffer.from('mail ada@example.com'))).toBeUndefined();
    // a size line is short: a long first line is a body sent whole, even when it starts with hex digits
    expect(feed(Buffer.from(`abc;${'x'.repeat(300)}\r\n`), [10]).framed).toBe(false);
  });

  it('passes on the rest as it is after a size line that breaks the framing, and says it broke', () => {
    expect(feed(Buffer.from('5\r\nhello\r\nnot a size\r\nworld'), [])).toEqual({
      data: 'hellonot a size\r\nworld',
      framed: true,
      broken: true,
    });
  });

  it('reads bare line feeds and lone carriage returns around chunk data', () => {
    expect(feed(Buffer.from('5\nhello\n6\n world\r0\n\n'), [])).toEqual({
      data: 'hello world',
      framed: true,
      broken: false,
    });
  });

  it('passes on a last line too long to be a size line, cut or not', () => {
    const long = 'x'.repeat(300);
    expect(feed(Buffer.from(`5\r\nhello\r\n${long}`), [20])).toEqual({
      data: `hello${long}`,
      framed: true,
      broken: true,
    });
  });

  it('gives what arrived of a chunk cut short and of a capture cut inside its last size line', () => {
    expect(feed(Buffer.from('5\r\nhello\r\n6\r\n wo'), [])).toEqual({ data: 'hello wo', framed: true, broken: true });
    expect(feed(Buffer.from('5\r\nhello\r\n6;chunk-sig'), [])).toEqual({ data: 'hello', framed: true, broken: false });
  });
});

describe('looksAwsChunked', () => {
  it('knows a signed first chunk, and nothing that merely starts with hex digits', () => {
    expect(looksAwsChunked(awsChunkedOf(object, 65536))).toBe(true);
    expect(looksAwsChunked(Buffer.from('10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e'))).toBe(true);
    expect(looksAwsChunked(awsChunkedOf(object, 65536, false))).toBe(false);
    expect(looksAwsChunked(Buffer.from('deadbeef;chunk=1\r\n'))).toBe(false);
    expect(looksAwsChunked(Buffer.from('2024-01-01;chunk-signature=ab'))).toBe(false);
  });
});

describe('scanBuffer and scanStream on S3 uploads', () => {
  it("read the object of an SDK's PutObject request as the CSV it is, through both framings", () => {
    const report = scanBuffer(request, options);
    const alone = scanBuffer(object, options).detections;
    expect(types(alone)).toEqual({ PERSON_NAME: 600, EMAIL: 300, CREDIT_CARD: 300, DATE_OF_BIRTH: 300 });
    const body = request.indexOf('\r\n\r\n') + 4;
    const inBody = report.detections.filter((d) => d.start >= body);
    expect(inBody.map((d) => `${d.type} ${d.fingerprint}`).sort()).toEqual(
      alone.map((d) => `${d.type} ${d.fingerprint}`).sort(),
    );
    // the object's offsets are not the request's: its detections are at the body's range
    expect(inBody.every((d) => d.start === body && d.end === request.length)).toBe(true);
    expect(report.limits).toEqual([]);
  });

  it('read an upload body declared aws-chunked (the object gzipped inside too), or known by its signed chunks', () => {
    const expected = types(scanBuffer(object, options).detections);
    const cases: [Buffer, string | undefined][] = [
      [awsChunkedOf(object, 8192, false), 'aws-chunked'],
      [awsChunkedOf(gzipSync(object), 1000), 'aws-chunked,gzip'],
      [awsChunkedOf(object, 8192), undefined],
    ];
    for (const [body, contentEncoding] of cases) {
      const report = scanBuffer(body, { ...options, contentEncoding });
      expect(types(report.detections)).toEqual(expected);
      expect(report.limits).toEqual([]);
    }
  });

  it('say a broken framing is corrupt and read both sides of the break; give the framing one level of depth', async () => {
    const framed0 = awsChunkedOf(Buffer.from('{"email":"ada@example.org"}'), 8);
    // the closing zero-size chunk replaced by a line that is no size line
    const body = Buffer.concat([
      framed0.subarray(0, framed0.lastIndexOf('0;chunk-signature=')),
      Buffer.from('not a size line\r\nmail grace@example.org\r\n'),
    ]);
    const report = scanBuffer(body, { ...options, contentEncoding: 'aws-chunked' });
    expect(report.detections.map((d) => d.type)).toEqual(['EMAIL', 'EMAIL']);
    expect(report.limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: body.length }]);
    // the framing takes one level, the base64 block inside the second
    const encoded = awsChunkedOf(
      Buffer.from(`note ${Buffer.from('{"email":"ada@example.org"}').toString('base64')}`),
      9,
    );
    expect(scanBuffer(encoded, { ...options, maxDepth: 2 }).detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(scanBuffer(encoded, { ...options, maxDepth: 1 }).detections).toEqual([]);
    const deep = awsChunkedOf(object, 4096);
    const depthLimit = [{ kind: LimitKind.DEPTH, start: 0, end: deep.length }];
    expect(scanBuffer(deep, { ...options, maxDepth: 0 }).limits).toEqual(depthLimit);
    expect((await scanStream([deep.subarray(0, 9), deep.subarray(9)], { ...options, maxDepth: 0 })).limits).toEqual(
      depthLimit,
    );
  });

  it('read a body declared aws-chunked that is not framed as it is, at its own offsets, and say so', () => {
    const body = Buffer.from('mail ada@example.org');
    const report = scanBuffer(body, { ...options, contentEncoding: 'aws-chunked' });
    expect(report.detections.map((d) => [d.type, d.start, d.end])).toEqual([['EMAIL', 5, body.length]]);
    expect(report.limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: body.length }]);
  });

  it('read alike streamed in chunks cut anywhere and whole', async () => {
    const bodies: [Buffer, string | undefined][] = [
      [request, undefined],
      [awsChunkedOf(gzipSync(object), 1000), 'aws-chunked,gzip'],
      [awsChunkedOf(object, 4096), undefined],
      [Buffer.from('5\r\nhello\r\nnot a size\r\nmail ada@example.org'), 'aws-chunked'],
    ];
    for (const [bytes, contentEncoding] of bodies) {
      const o = { ...options, contentEncoding };
      const whole = scanBuffer(bytes, o);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 6 }), async (cuts) => {
          expect(await streamedKeys(bytes, cuts, o)).toEqual(whole.detections.map(detectionKey).sort());
        }),
        { numRuns: 10 },
      );
      expect((await scanStream([bytes.subarray(0, 30), bytes.subarray(30)], o)).limits).toEqual(whole.limits);
    }
  });
});
