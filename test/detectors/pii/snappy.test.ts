import fc from 'fast-check';
import snappyjs from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { SnappyError, SnappyTooLarge, snappyHead, unsnappy } from '../../../detectors/pii/snappy.js';

/** Text with runs and repeats, so the compressor writes copies as well as literals. */
const repetitive = fc
  .array(fc.oneof(fc.constantFrom('ada@example.org,', 'Lovelace ', 'aaaaaaaaaaaa'), fc.string({ maxLength: 80 })), {
    maxLength: 60,
  })
  .map((parts) => Buffer.from(parts.join('')));

describe('unsnappy', () => {
  it('undoes what snappyjs compressed: literals of every length field, copies near and far', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          repetitive,
          fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
        ),
        (data) => {
          expect(unsnappy(snappyjs.compress(data), data.length)).toEqual(data);
        },
      ),
      { numRuns: 300 },
    );
    const long = Buffer.alloc(70_000);
    for (let k = 0; k < long.length; k++) long[k] = (k * 2654435761) >>> 24;
    expect(unsnappy(snappyjs.compress(long), long.length)).toEqual(long);
  });

  it('reads a copy with a four-byte offset, which snappyjs never writes', () => {
    // length 8; literal "abcd"; copy 4 bytes from offset 4 (tag 0b000011_11: size 4)
    const data = Buffer.from([8, 3 << 2, 0x61, 0x62, 0x63, 0x64, (3 << 2) | 3, 4, 0, 0, 0]);
    expect(unsnappy(data, 8).toString()).toBe('abcdabcd');
  });

  it('refuses a length past the cap before allocating it, and anything corrupt with its own error', () => {
    const data = snappyjs.compress(Buffer.alloc(1000, 0x61));
    expect(() => unsnappy(data, 999)).toThrow(SnappyTooLarge);
    for (const bad of [
      Buffer.from([]),
      Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
      Buffer.from([4, 3 << 2, 0x61]),
      Buffer.from([4, 1, 0]),
      Buffer.from([2, 0, 0x61]),
      // a literal or a copy writing past the declared length
      Buffer.from([2, 2 << 2, 0x61, 0x62, 0x63]),
      Buffer.from([5, 3 << 2, 0x61, 0x62, 0x63, 0x64, (1 << 2) | 2, 4, 0]),
      Buffer.from([8, 3 << 2, 0x61, 0x62, 0x63, 0x64, (3 << 2) | 1, 5]),
    ])
      expect(() => unsnappy(bad, 100), bad.toString('hex')).toThrow(SnappyError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          unsnappy(bytes, 10_000);
        } catch (e) {
          expect(e instanceof SnappyError || e instanceof SnappyTooLarge).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the head of a body cut short or past the cap, exactly as far as it goes', () => {
    fc.assert(
      fc.property(repetitive, fc.nat(), fc.nat(), (data, cutAt, capAt) => {
        const packed = Buffer.from(snappyjs.compress(data));
        const cut = packed.subarray(0, cutAt % (packed.length + 1));
        const head = snappyHead(cut, data.length);
        // what a cut body makes is the text's start; a whole one is the whole text
        expect(data.subarray(0, head.bytes.length)).toEqual(head.bytes);
        if (cut.length === packed.length) expect(head).toEqual({ bytes: data, cut: false });
        const cap = capAt % (data.length + 1);
        expect(snappyHead(packed, cap).bytes).toEqual(data.subarray(0, cap));
      }),
      { numRuns: 300 },
    );
    // cut inside a literal: the literal's bytes that came are kept
    expect(snappyHead(Buffer.from([8, 7 << 2, 0x61, 0x62, 0x63]), 100)).toEqual({
      bytes: Buffer.from('abc'),
      cut: true,
    });
  });
});
