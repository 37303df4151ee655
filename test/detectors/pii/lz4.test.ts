import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unlz4, unlz4Block } from '../../../detectors/pii/lz4.js';
import { expectSafeDecoding } from '../../support/frames.js';
import { lz4Block, lz4Frame } from '../../support/lz4-writer.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
/** Text with runs and repeats, so the writer makes matches (overlapping ones too) as well as literals. */
const repetitive = fc
  .array(
    fc.oneof(fc.constantFrom('ada@example.org,', 'aaaaaaaaaaaaaaaaaaaa', '12345678'), fc.string({ maxLength: 40 })),
    {
      maxLength: 40,
    },
  )
  .map((parts) => Buffer.from(parts.join('')));

describe('unlz4', () => {
  it('reads what the lz4 tool wrote: -9, and blocks that refer back to earlier ones, with checksums', () => {
    const csv = unlz4(fixture('customers.csv.lz4'), 1 << 20);
    expect(csv.end).toBe('whole');
    expect(csv.bytes.toString().split('\n')[0]).toBe('id,first_name,last_name,email,card_number,dob');
    const tar = unlz4(fixture('customers-export.tar.lz4'), 1 << 20);
    expect(tar).toEqual({ bytes: fixture('customers-export.tar'), end: 'whole' });
  });

  it('undoes frames and raw blocks of any content, one frame after another', () => {
    fc.assert(
      fc.property(
        fc.array(repetitive, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 200 }),
        (parts, block) => {
          const data = Buffer.concat(parts);
          expect(unlz4(Buffer.concat(parts.map((p) => lz4Frame(p, block))), 1 << 20)).toEqual({
            bytes: data,
            end: 'whole',
          });
          expect(unlz4Block(lz4Block(data), 1 << 20)).toEqual(data);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the first `max` bytes and says it is full; a raw block past `max` is capped', () => {
    const data = Buffer.concat([Buffer.from('head '), Buffer.alloc(100_000, 0x20)]);
    expect(unlz4(lz4Frame(data), 4096)).toEqual({ bytes: data.subarray(0, 4096), end: 'full' });
    expect(unlz4Block(lz4Block(data), 4096)).toBe('capped');
  });

  it('gives a frame cut anywhere as far as it goes, and says it is cut; a cut raw block is not read', () => {
    const data = Buffer.from('ada@example.org,'.repeat(20) + 'x'.repeat(40));
    const frame = lz4Frame(data, 50);
    for (let at = 0; at < frame.length; at++) {
      const { bytes, end } = unlz4(frame.subarray(0, at), 1 << 20);
      expect(end, `cut at ${at}`).toBe(at === 0 ? 'whole' : 'cut');
      expect(data.subarray(0, bytes.length)).toEqual(bytes);
    }
    expect(unlz4Block(lz4Block(data).subarray(0, 10), 1 << 20)).toBeUndefined();
  });

  it('passes over skippable frames, and refuses another version, a match before the start, bytes that are no frame', () => {
    const skippable = Buffer.from([0x5f, 0x2a, 0x4d, 0x18, 1, 0, 0, 0, 0]);
    expect(unlz4(Buffer.concat([skippable, lz4Frame(Buffer.from('x'))]), 10)).toEqual({
      bytes: Buffer.from('x'),
      end: 'whole',
    });
    // a skippable frame longer than what came is a cut body
    expect(unlz4(skippable.subarray(0, 8), 10).end).toBe('cut');
    // the frame's content size (8 bytes) and a dictionary's id (4) before its header checksum
    const sized = lz4Frame(Buffer.from('ada@example.org'));
    const withSize = Buffer.concat([
      sized.subarray(0, 4),
      Buffer.from([0x69, 0x40]),
      Buffer.alloc(12),
      sized.subarray(6),
    ]);
    expect(unlz4(withSize, 100)).toEqual({ bytes: Buffer.from('ada@example.org'), end: 'whole' });
    const version = lz4Frame(Buffer.from('x'));
    version[4] = 0xa0;
    // a block of one sequence: one literal `a`, then a match 2 back, where only one byte was made
    const before = Buffer.concat([
      Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 5, 0, 0, 0]),
      Buffer.from([0x10, 0x61, 2, 0, 0]),
    ]);
    for (const bad of [version, before, Buffer.from('plain text, no frame')])
      expect(unlz4(bad, 100).end).toBe('corrupt');
  });

  it('never throws on random or mangled bytes', () => {
    expectSafeDecoding(
      [fixture('customers-export.tar.lz4'), lz4Frame(Buffer.from('ada@example.org,'.repeat(30)), 64)],
      unlz4,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        unlz4Block(bytes, 4096);
      }),
      { numRuns: 300 },
    );
  });
});
