import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Compression, SNIFF_BYTES, sniffCompression } from '../../../detectors/pii/decoders.js';

describe('sniffCompression', () => {
  it('trusts a declared content-encoding over the bytes', () => {
    expect(sniffCompression(Buffer.from('plain text'), 'gzip')).toBe(Compression.GZIP);
    expect(sniffCompression(Buffer.from('plain text'), ' Deflate ')).toBe(Compression.DEFLATE);
    expect(sniffCompression(Buffer.from('plain text'), 'br')).toBe(Compression.BROTLI);
    expect(sniffCompression(Buffer.from('plain text'), 'identity')).toBeUndefined();
  });

  it('finds gzip and zlib streams of every compression level by their magic bytes', () => {
    const body = Buffer.from('{"email":"jane.doe@example.com","note":"some text to compress"}'.repeat(4));
    expect(sniffCompression(gzipSync(body).subarray(0, SNIFF_BYTES))).toBe(Compression.GZIP);
    for (let level = 1; level <= 9; level++)
      expect(sniffCompression(deflateSync(body, { level }).subarray(0, SNIFF_BYTES))).toBe(Compression.DEFLATE);
  });

  it('reads text that happens to start with a zlib header as text', () => {
    // fast-check found "x^ aws_access_key_id=…" inflated as corrupt zlib and its credential lost
    expect(sniffCompression(Buffer.from('x^ aws_access_key_id=AKIAQWERTY234567ABCD'))).toBeUndefined();
    fc.assert(
      fc.property(
        fc.constantFrom('x\x01', 'x^', 'x\x9c', 'x\xda'),
        fc.string({ minLength: 1, maxLength: 80 }),
        (h, t) => {
          const text = Buffer.from(h + t.replace(/[^\x20-\x7e]/g, 'a'), 'latin1');
          expect(sniffCompression(text)).toBeUndefined();
        },
      ),
    );
  });

  it('sniffs zlib from real compressed bytes whatever they hold', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.integer({ min: 1, max: 9 }), (raw, level) => {
        expect(sniffCompression(deflateSync(raw, { level }).subarray(0, SNIFF_BYTES))).toBe(Compression.DEFLATE);
      }),
      { numRuns: 300 },
    );
  });
});
