import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import snappyjs from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { type Detection, LimitKind, type ScanOptions, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { awsChunkedOf } from '../../support/aws-chunked.js';
import { lz4Frame } from '../../support/lz4-writer.js';
import { detectionKey } from '../../support/streamed.js';
import { tarOf } from '../../support/tar-writer.js';
import { zipOf } from '../../support/zip-writer.js';
import { zstdFrame } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const pdf = readFileSync(new URL('../../fixtures/pii/customer-record.pdfkit.pdf', import.meta.url));
const xz = readFileSync(new URL('../../fixtures/pii/customers-export.tar.xz', import.meta.url));

/** A body with the headers it travels under. */
interface Body {
  bytes: Buffer;
  contentType?: string;
  contentEncoding?: string;
}

const texts = [
  '{"first_name":"Zoë","email":"ada@example.org"}',
  'card_number=4111111111111111&x=1',
  '<!DOCTYPE html><p>ada&#64;example.org &quot;iban&quot;: GB82 WEST 1234 5698 7654 32</p>',
  'prénom,email\nZoë,zoe@example.org\n',
  Buffer.from('mail grace@example.org').toString('hex'),
  'plain text, phone +44 20 7946 0958',
];
const wrapBase64 = (b: Buffer): Buffer => Buffer.from(b.toString('base64').replace(/.{76}/g, '$&\n'));

/**
 * Bodies inside bodies: gzip, wrapped base64, multipart parts (one brotli-coded), HTTP responses, ZIP and tar
 * archives, S3's aws-chunked framing.
 */
const { body } = fc.letrec<{ body: Body }>((tie) => ({
  body: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...texts).map((t) => ({ bytes: Buffer.from(t) })),
    fc.constant({ bytes: pdf }),
    fc.constant({ bytes: xz }),
    tie('body').map((b) => ({ bytes: gzipSync(b.bytes) })),
    tie('body').map((b) => ({ bytes: Buffer.concat([Buffer.from('data:\n'), wrapBase64(b.bytes)]) })),
    // declared by its content type, or (sampled without it) known by its first delimiter
    fc.tuple(fc.array(tie('body'), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([parts, declared]) => ({
      bytes: Buffer.concat([
        ...parts.flatMap((p, i) => [
          Buffer.from(`--B\r\nContent-Type: ${i === 1 ? 'text/html' : 'application/octet-stream'}\r\n`),
          Buffer.from(i === 2 ? 'Content-Encoding: br\r\n\r\n' : '\r\n'),
          i === 2 ? brotliCompressSync(p.bytes) : p.bytes,
          Buffer.from('\r\n'),
        ]),
        Buffer.from('--B--\r\n'),
      ]),
      contentType: declared ? 'multipart/mixed; boundary=B' : undefined,
    })),
    tie('body').map((b) => ({
      bytes: Buffer.concat([
        Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'),
        gzipSync(b.bytes),
      ]),
    })),
    tie('body').map((b) => ({ bytes: zipOf([{ name: 'upload.bin', data: b.bytes, deflate: true }]) })),
    // a raw HTTP upload whose headers ask for no decoding: its body is read by what it is
    tie('body').map((b) => ({
      bytes: Buffer.concat([
        Buffer.from('PUT /upload HTTP/1.1\r\nContent-Type: application/octet-stream\r\n\r\n'),
        b.bytes,
      ]),
    })),
    fc
      .array(tie('body'), { minLength: 1, maxLength: 3 })
      .map((members) => ({ bytes: tarOf(members.map((m, i) => ({ name: `export/m${i}.bin`, data: m.bytes }))) })),
    tie('body').map((b) => ({ ...b, bytes: gzipSync(b.bytes), contentEncoding: 'gzip' })),
    tie('body').map((b) => ({ ...b, bytes: zstdFrame(b.bytes, 300) })),
    tie('body').map((b) => ({ ...b, bytes: lz4Frame(b.bytes, 300) })),
    tie('body').map((b) => ({
      ...b,
      bytes: Buffer.from(snappyjs.compress(b.bytes)),
      contentEncoding: b.contentEncoding ? `${b.contentEncoding}, snappy` : 'snappy',
    })),
    // an S3 upload's framing: declared (the object's own coding inside it), or known by its signed chunks
    fc.tuple(tie('body'), fc.integer({ min: 1, max: 300 }), fc.boolean()).map(([b, size, signed]) => ({
      ...b,
      bytes: awsChunkedOf(b.bytes, size, signed),
      contentEncoding:
        signed && !b.contentEncoding ? undefined : `aws-chunked${b.contentEncoding ? `,${b.contentEncoding}` : ''}`,
    })),
  ),
}));

const keys = (ds: Detection[]): string[] => ds.map(detectionKey).sort();

describe('scanStream and scanBuffer', () => {
  it('read nested containers alike, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(), { maxLength: 5 }), async (b, raw) => {
        const options: ScanOptions = {
          fingerprintKey: KEY,
          contentType: b.contentType,
          contentEncoding: b.contentEncoding,
        };
        const whole = scanBuffer(b.bytes, options);
        const cuts = [...new Set(raw.map((c) => c % (b.bytes.length + 1)))].sort((x, y) => x - y);
        const chunks = [0, ...cuts].map((at, k) => b.bytes.subarray(at, [...cuts, b.bytes.length][k]));
        const streamed = await scanStream(chunks, options);
        expect(keys(streamed.detections)).toEqual(keys(whole.detections));
        expect(streamed.limits).toEqual(whole.limits);
      }),
      { numRuns: 80 },
    );
  });

  it('read a gzipped archive, a gzipped multipart body and a ZIP uploaded as a form part alike', async () => {
    const csv = Buffer.from('first_name,email\nAda,ada@example.org\n');
    const zip = zipOf([{ name: 'customers.csv', data: csv, deflate: true }]);
    const form = Buffer.concat([
      Buffer.from('--F\r\nContent-Disposition: form-data; name="file"; filename="c.zip"\r\n'),
      Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
      zip,
      Buffer.from('\r\n--F--\r\n'),
    ]);
    const cases: Body[] = [
      { bytes: gzipSync(zip) },
      { bytes: gzipSync(form), contentType: 'multipart/form-data; boundary=F', contentEncoding: 'gzip' },
      { bytes: form, contentType: 'multipart/form-data; boundary=F' },
    ];
    for (const b of cases) {
      const options: ScanOptions = {
        fingerprintKey: KEY,
        contentType: b.contentType,
        contentEncoding: b.contentEncoding,
      };
      const whole = scanBuffer(b.bytes, options);
      expect(whole.detections.map((d) => d.type).sort()).toEqual(['EMAIL', 'PERSON_NAME']);
      const streamed = await scanStream([b.bytes.subarray(0, 7), b.bytes.subarray(7)], options);
      expect(keys(streamed.detections)).toEqual(keys(whole.detections));
    }
  });

  it('give a declared coding one level of depth, streamed or whole', async () => {
    // gzip takes one level, the base64 block inside it the second: maxDepth 2 reads the address both ways
    const inner = Buffer.from(`note ${Buffer.from('{"email":"ada@example.org","n":1}').toString('base64')}`);
    const options: ScanOptions = { fingerprintKey: KEY, contentEncoding: 'gzip', maxDepth: 2 };
    const body = gzipSync(inner);
    const whole = scanBuffer(body, options);
    expect(whole.detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(whole.limits).toEqual([]);
    const streamed = await scanStream([body], options);
    expect(keys(streamed.detections)).toEqual(keys(whole.detections));
    expect(streamed.limits).toEqual([]);
  });

  it('read a compressed body cut short as far as it goes, and both say it was cut', async () => {
    const notes = Array.from({ length: 300 }, (_, i) => `order ${(i * 7919) % 10007} shipped`).join(', ');
    const text = Buffer.from(`{"email":"ada@example.org","notes":"${notes}"}`);
    // repetitive: the 30 bytes cut off its end hold nearly all of it, and what arrives decodes to fewer bytes (39
    // and 32) than a streamed head needs before it is sniffed
    const short = Buffer.from(`{"email":"ada@example.org","n":"${'order shipped, '.repeat(200)}","iban":"x"}`);
    const cuts: (readonly [Buffer, string | undefined])[] = [
      ...[gzipSync(text), deflateSync(text)].map(
        (c) => [c.subarray(0, Math.floor(c.length * 0.6)), undefined] as const,
      ),
      ...[gzipSync(short), deflateSync(short)].map((c) => [c.subarray(0, c.length - 30), undefined] as const),
      // brotli and Snappy have no magic: a cut one is known by its declared coding
      [brotliCompressSync(text).subarray(0, Math.floor(brotliCompressSync(text).length * 0.6)), 'br'],
      [Buffer.from(snappyjs.compress(text)).subarray(0, Math.floor(snappyjs.compress(text).length * 0.6)), 'snappy'],
      [zstdFrame(text, 512).subarray(0, Math.floor(text.length * 0.6)), undefined],
      [lz4Frame(text, 512).subarray(0, Math.floor(lz4Frame(text, 512).length * 0.6)), undefined],
    ];
    for (const [cut, contentEncoding] of cuts) {
      const whole = scanBuffer(cut, { fingerprintKey: KEY, contentEncoding });
      expect(whole.detections.map((d) => d.type)).toEqual(['EMAIL']);
      expect(whole.limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: cut.length }]);
      const streamed = await scanStream([cut], { fingerprintKey: KEY, contentEncoding });
      expect(keys(streamed.detections)).toEqual(keys(whole.detections));
      expect(streamed.limits).toEqual(whole.limits);
    }
  });
});
