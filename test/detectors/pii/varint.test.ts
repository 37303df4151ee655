import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unzigzag, VARINT, varintAt } from '../../../detectors/pii/varint.js';

describe('varintAt', () => {
  it('reads seven bits a byte, low bits first, and says where it ended', () => {
    const bytes = Buffer.from([0x7f, 0xac, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10]);
    expect([varintAt(bytes, 0, bytes.length, 10), VARINT.next]).toEqual([127, 1]);
    expect([varintAt(bytes, 1, bytes.length, 10), VARINT.next]).toEqual([300, 3]);
    expect([varintAt(bytes, 3, bytes.length, 10), VARINT.next]).toEqual([2 ** 32, 8]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const out: number[] = [];
        for (let v = n; ; v = Math.floor(v / 128)) {
          out.push((v % 128) | (v >= 128 ? 0x80 : 0));
          if (v < 128) break;
        }
        expect(varintAt(Buffer.from(out), 0, out.length, 10)).toBe(n);
      }),
    );
  });

  it('gives NaN when the bytes run out (cut) or the varint is longer than allowed (not cut)', () => {
    const long = Buffer.from([0x80, 0x80, 0x80, 0x01]);
    expect(varintAt(long, 0, 3, 10)).toBeNaN();
    expect([VARINT.cut, VARINT.next]).toEqual([true, 3]);
    expect(varintAt(long, 0, 4, 3)).toBeNaN();
    expect([VARINT.cut, VARINT.next]).toEqual([false, 3]);
    expect(varintAt(long, 0, 4, 4)).toBe(2 ** 21);
    expect(VARINT.cut).toBe(false);
  });
});

describe('unzigzag', () => {
  it('maps 0, 1, 2, 3 … to 0, -1, 1, -2 …', () => {
    expect([0, 1, 2, 3, 4, 2 ** 53 - 1].map(unzigzag)).toEqual([0, -1, 1, -2, 2, -(2 ** 52)]);
  });
});
