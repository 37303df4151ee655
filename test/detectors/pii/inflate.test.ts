import { brotliCompressSync, deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Compression } from '../../../detectors/pii/decoders.js';
import { inflateCapped, inflateHead } from '../../../detectors/pii/inflate.js';

const text = Buffer.from(
  Array.from({ length: 300 }, (_, i) => `order ${(i * 7919) % 10007} shipped to ada${i}@example.org; `).join(''),
);
const compressed = [
  [Compression.GZIP, gzipSync(text)],
  [Compression.DEFLATE, deflateSync(text)],
  ['deflate-raw', deflateRawSync(text)],
  // `Content-Encoding: deflate` as some servers send it: raw, without the zlib header
  [Compression.DEFLATE, deflateRawSync(text)],
  [Compression.BROTLI, brotliCompressSync(text)],
] as const;

describe('inflateCapped', () => {
  it('marks a stream cut before its end, and yields what it holds', () => {
    // varied: half of a brotli stream of one repeated line holds no whole meta-block, and yields nothing
    for (const [kind, bytes] of compressed) {
      expect(inflateCapped(bytes, kind, 1 << 20)).toEqual({ ok: true, bytes: text });
      const cut = inflateCapped(bytes.subarray(0, bytes.length >> 1), kind, 1 << 20);
      expect(cut).toMatchObject({ ok: true, truncated: true });
      expect(cut.ok && text.subarray(0, cut.bytes.length).equals(cut.bytes) && cut.bytes.length > 0).toBe(true);
    }
  });
});

describe('inflateHead', () => {
  it('gives exactly the first bytes a stream inflates to, for gzip, zlib, raw deflate and brotli', () => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), (max) => {
        for (const [kind, bytes] of compressed)
          expect(inflateHead(bytes, kind, max).equals(text.subarray(0, max)), `${kind} head of ${max}`).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('reads a raw stream whose first bytes pass for a zlib header with a window zlib has not, as Node does', () => {
    // a stored block (88: not final, stored; 1c 00: 28 bytes) whose first two bytes make 88 1c, a multiple of 31
    const data = Buffer.from('mail ada@example.org, thanks');
    const nlen = Buffer.from([~data.length & 0xff, (~data.length >> 8) & 0xff]);
    const raw = Buffer.concat([Buffer.from([0x88, data.length, 0]), nlen, data, Buffer.from([1, 0, 0, 0xff, 0xff])]);
    expect(inflateCapped(raw, Compression.DEFLATE, 100)).toEqual({ ok: true, bytes: data });
    expect(inflateHead(raw, Compression.DEFLATE, 100)).toEqual(data);
  });

  it('stops a bomb at its head, having made little past it', () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('mail ada@example.org '), Buffer.alloc(32 << 20)]));
    expect(inflateCapped(bomb, Compression.GZIP, 1 << 20)).toEqual({ ok: false, reason: 'bomb' });
    for (const [kind, compressed] of [
      [Compression.GZIP, bomb],
      [Compression.BROTLI, brotliCompressSync(gunzipSync(bomb))],
    ] as const) {
      const head = inflateHead(compressed, kind, 1 << 20);
      expect(head.length).toBe(1 << 20);
      expect(head.subarray(0, 21).toString()).toBe('mail ada@example.org ');
    }
  });

  it('keeps the head made before the stream turned corrupt, and never throws', () => {
    const bytes = Buffer.from(gzipSync(text));
    bytes.fill(0xff, bytes.length >> 1, bytes.length - 8);
    const head = inflateHead(bytes, Compression.GZIP, text.length);
    expect(head.length).toBeLessThan(text.length);
    expect(head.subarray(0, 100).equals(text.subarray(0, 100))).toBe(true);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(Compression.GZIP, Compression.DEFLATE, Compression.BROTLI, 'deflate-raw' as const),
        (junk, kind) => {
          expect(inflateHead(junk, kind, 1000).length <= 1000).toBe(true);
        },
      ),
    );
  });
});
