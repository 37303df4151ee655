import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unzstd } from '../../../detectors/pii/zstd.js';
import { expectSafeDecoding } from '../../support/frames.js';
import { zstdBomb, zstdFrame, zstdWindow } from '../../support/zstd-writer.js';

const csv = readFileSync(new URL('../../fixtures/pii/customers.csv.zst', import.meta.url));

describe('unzstd', () => {
  it('reads what the zstd tool wrote, and frames of raw blocks of any size, one after another', () => {
    const whole = unzstd(csv, 1 << 20);
    expect(whole.end).toBe('whole');
    expect(whole.bytes.toString().split('\n')[0]).toBe('id,first_name,last_name,email,card_number,dob');
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 700 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 300 }),
        (parts, block) => {
          const data = Buffer.concat(parts);
          expect(unzstd(Buffer.concat(parts.map((p) => zstdFrame(p, block))), 1 << 20)).toEqual({
            bytes: data,
            end: 'whole',
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the first `max` bytes and says it is full, a bomb costing its head only', () => {
    const bomb = zstdBomb(Buffer.from('head '), 0x20, 1000);
    const head = unzstd(bomb, 4096);
    expect(head.end).toBe('full');
    expect(head.bytes).toEqual(Buffer.concat([Buffer.from('head '), Buffer.alloc(4091, 0x20)]));
    expect(unzstd(csv, 100)).toEqual({ bytes: whole(csv).subarray(0, 100), end: 'full' });
  });

  it('gives a body cut anywhere as far as its whole blocks go, and says it is cut', () => {
    const data = Buffer.from('ada@example.org,'.repeat(40));
    const frame = zstdFrame(data, 50);
    for (let at = 0; at < frame.length; at++) {
      const { bytes, end } = unzstd(frame.subarray(0, at), 1 << 20);
      expect(end, `cut at ${at}`).toBe(at === 0 ? 'whole' : 'cut');
      expect(data.subarray(0, bytes.length)).toEqual(bytes);
    }
  });

  it('passes over skippable frames, and refuses a window past 2^27 bytes or bytes that are no frame', () => {
    const skippable = Buffer.from([0x5f, 0x2a, 0x4d, 0x18, 1, 0, 0, 0, 0]);
    expect(unzstd(Buffer.concat([skippable, zstdFrame(Buffer.from('x'))]), 10)).toEqual({
      bytes: Buffer.from('x'),
      end: 'whole',
    });
    // a dictionary's id (one byte, 7) before the content size: no dictionary is needed for raw blocks
    const withDictionary = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x21, 0x07, 0x01, 0x09, 0x00, 0x00, 0x78]);
    expect(unzstd(withDictionary, 10)).toEqual({ bytes: Buffer.from('x'), end: 'whole' });
    expect(unzstd(zstdWindow(27), 10).end).toBe('whole');
    expect(unzstd(zstdWindow(28), 10).end).toBe('corrupt');
    // a reserved bit, an unknown block type, text after a frame
    const reserved = zstdFrame(Buffer.from('x'));
    reserved[4] = (reserved[4] as number) | 8;
    const blockType = zstdFrame(Buffer.from('x'));
    blockType[6] = (blockType[6] as number) | 6;
    for (const bad of [reserved, blockType, Buffer.concat([zstdFrame(Buffer.from('x')), Buffer.from('trailing text')])])
      expect(unzstd(bad, 10).end).toBe('corrupt');
  });

  it('never throws on random or mangled bytes', () => {
    expectSafeDecoding(
      [csv, zstdFrame(Buffer.from('ada@example.org,'.repeat(30)), 64), zstdBomb(Buffer.from('head '), 0x20, 4)],
      unzstd,
    );
  });
});

function whole(frame: Buffer): Buffer {
  return unzstd(frame, 1 << 20).bytes;
}
