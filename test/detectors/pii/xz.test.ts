import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unxz } from '../../../detectors/pii/xz.js';
import { expectSafeDecoding } from '../../support/frames.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
/** 80 synthetic rows (see SOURCES.md), which the `customers-80.csv.*.xz` fixtures hold, through `xz` in several ways. */
const csv = fixture('customers-80.csv');
const csvTwice = Buffer.concat([csv, csv]);
/** Each fixture, what it holds, and where a cut leaves whole streams (a file `xz` reads whole). */
const FIXTURES: { name: string; holds: Buffer; whole: number[] }[] = [
  ...['xz', 'crc32.xz', 'sha256.xz', 'none.xz', 'blocks.xz', '9e.xz', 'lc1-lp3-pb0.xz', 'lc4-pb4.xz'].map((kind) => ({
    name: `customers-80.csv.${kind}`,
    holds: csv,
    whole: [],
  })),
  // the default (580 bytes) then `-0 --check=crc32` (584), with 4 and 8 zero bytes of padding in the padded one
  { name: 'customers-80.csv.twice.xz', holds: csvTwice, whole: [580] },
  { name: 'customers-80.csv.padded.xz', holds: csvTwice, whole: [580, 584, 1168, 1172] },
];
/** Fixtures whose plain bytes are not committed: their SHA-256 and length. */
const HASHED: { name: string; sha256: string; length: number }[] = [
  { name: 'repeats.txt.xz', sha256: '2eb8931b52f61327264aa0cd75377cafd074ac856295b7d021bd7995397b17e2', length: 20485 },
  {
    name: 'random-3000.bin.xz',
    sha256: '25158aeafdc15cf1a74658bd02a41c7ad277f1a01da5f92341f4481c083dec55',
    length: 3000,
  },
  { name: 'flushed.bin.xz', sha256: 'fad6613e7764a0ea15ecb2cbcc5ba3a11c3791390d2523a6ac5a6ce7f7ad0b10', length: 13441 },
];
/** Asserts `result` is `bytes` and `end` (Buffer.equals: vitest compares large buffers slowly). */
function expectDecoded(result: { bytes: Buffer; end: string }, bytes: Uint8Array, end: string, label = ''): void {
  expect(result.end, label).toBe(end);
  expect(result.bytes.length, label).toBe(bytes.length);
  expect(result.bytes.equals(bytes), label).toBe(true);
}
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** CRC32 bit by bit, apart from the decoder's table. */
function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
/** Writes at `at` the CRC32 of `b[from, to)`, after the test changed a field it covers. */
function recrc(b: Buffer, from: number, to: number, at = to): Buffer {
  b.writeUInt32LE(crc32(b.subarray(from, to)), at);
  return b;
}
/** `b` with the byte at `at` set to `value`. */
function withByte(b: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(b);
  copy[at] = value;
  return copy;
}
const flip = (b: Buffer, at: number, mask = 1): Buffer => withByte(b, at, (b[at] as number) ^ mask);
const endOf = (b: Uint8Array): string => unxz(b, 1 << 20).end;
/** Where the index of the last stream in `b` (with no padding after it) starts, from its footer's backward size. */
const indexAt = (b: Buffer): number => b.length - 12 - (b.readUInt32LE(b.length - 8) + 1) * 4;

const varint = (n: number): number[] => {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
  return [...out, n];
};
const pad4 = (n: number): Buffer => Buffer.alloc((4 - (n % 4)) % 4);

/** The size of each check type's field (the .xz format's §2.1.1.2), written out apart from the decoder's formula. */
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

/**
 * An .xz stream of one block of the LZMA2 data `lzma2` (chunks, end marker), which makes `size` bytes; `dict` is the
 * dictionary size's byte, `recorded` the uncompressed size its index says, `check` a check type whose field (all
 * zeros) is not verified: None, or one of the types XZ Utils does not define.
 */
function xzOf(lzma2: Buffer, size: number, { dict = 0x16, recorded = size, check = 0 } = {}): Buffer {
  const flags = Buffer.from([0, check]);
  const header = Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]), flags, u32(crc32(flags))]);
  const blockHeader = recrc(Buffer.from([2, 0, 0x21, 1, dict, 0, 0, 0, 0, 0, 0, 0]), 0, 8);
  const checkSize = CHECK_SIZES[check] as number;
  const block = Buffer.concat([blockHeader, lzma2, pad4(lzma2.length), Buffer.alloc(checkSize)]);
  const records = Buffer.from([0, 1, ...varint(12 + lzma2.length + checkSize), ...varint(recorded)]);
  const index = Buffer.concat([records, pad4(records.length)]);
  const indexed = Buffer.concat([index, u32(crc32(index))]);
  const back = Buffer.concat([u32(indexed.length / 4 - 1), flags]);
  const footer = Buffer.concat([u32(crc32(back)), back, Buffer.from('YZ')]);
  return Buffer.concat([header, block, indexed, footer]);
}

/** An LZMA2 chunk of stored bytes: 0x01 resets the dictionary first, 0x02 does not. */
const stored = (control: 1 | 2, data: string | Uint8Array): Buffer =>
  Buffer.concat([
    Buffer.from([control, (data.length - 1) >> 8, (data.length - 1) & 0xff]),
    typeof data === 'string' ? Buffer.from(data, 'latin1') : data,
  ]);

/**
 * An LZMA2 chunk of LZMA data: `bits` range-coded as an LZMA encoder would, each with a probability of one half (each
 * in a context of its own, used once, so none adapts); `props` follows the sizes from control byte 0xc0 on.
 */
function lzmaChunk(control: number, unpacked: number, bits: number[], props = 0x5d): Buffer {
  let low = 0;
  let range = 0xffffffff;
  let cache = 0;
  let pending = 1;
  const out: number[] = [];
  const shiftLow = (): void => {
    if (low < 0xff000000 || low >= 2 ** 32) {
      const carry = low >= 2 ** 32 ? 1 : 0;
      for (let byte = cache; pending > 0; pending--, byte = 0xff) out.push((byte + carry) & 0xff);
      cache = Math.floor(low / 2 ** 24) & 0xff;
    }
    pending++;
    low = (low % 2 ** 24) * 256;
  };
  for (const bit of bits) {
    // 2 and 3 are a 0 and a 1 coded directly, as a distance's middle bits are: the range halves either way
    const bound = bit >= 2 ? range >>> 1 : (range >>> 11) * 1024;
    if (bit & 1) low += bound;
    range = bit === 1 ? range - bound : bound;
    for (; range < 2 ** 24; range *= 256) shiftLow();
  }
  for (let k = 0; k < 5; k++) shiftLow();
  const sizes = [control | ((unpacked - 1) >> 16), ((unpacked - 1) >> 8) & 0xff, (unpacked - 1) & 0xff];
  sizes.push((out.length - 1) >> 8, (out.length - 1) & 0xff);
  return Buffer.from([...sizes, ...(control >= 0xc0 ? [props] : []), ...out]);
}
/** A short rep (the byte at the last distance, 1 after a reset): is-match, is-rep, rep0, not long. */
const SHORT_REP = [1, 1, 0, 0];
/** A match of length 2 (is-match, not a rep, the low length tree's 0), its slot's six bits, then the distance's others. */
const match = (slot: number[], rest: number[] = []): number[] => [1, 0, 0, 0, 0, 0, ...slot, ...rest];
/** Distance 4 (slot 3). */
const MATCH_4 = match([0, 0, 0, 0, 1, 1]);
/** Distance 162 (slot 14: 128, then direct bits 10 and align bits 0001, least significant first). */
const MATCH_162 = match([0, 0, 1, 1, 1, 0], [3, 2, 1, 0, 0, 0]);
/** From 3 GiB on (slot 63, then 26 direct bits and 4 align bits), all 0s or all 1s. */
const farMatch = (bit: 0 | 1): number[] =>
  match([1, 1, 1, 1, 1, 1], [...Array(26).fill(2 + bit), ...Array(4).fill(bit)]);
const END = Buffer.from([0]);

describe('unxz', () => {
  it('reads what xz wrote: presets, check types, blocks, literal settings, streams one after another, padding', () => {
    for (const { name, holds } of FIXTURES) expectDecoded(unxz(fixture(name), 1 << 20), holds, 'whole', name);
    expectDecoded(unxz(fixture('customers-export.tar.xz'), 1 << 20), fixture('customers-export.tar'), 'whole');
  });

  it('reads long repeats, stored chunks of random bytes, and chunks that reset the state but not the dictionary', () => {
    for (const { name, sha256: hash, length } of HASHED) {
      const { bytes, end } = unxz(fixture(name), 1 << 20);
      expect([end, bytes.length, sha256(bytes)], name).toEqual(['whole', length, hash]);
    }
  });

  it('reads stored chunks of any content, split anyhow, with padding and multibyte sizes in the index', () => {
    const parts = fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, (parts) => {
        const lzma2 = Buffer.concat([...parts.map((part, k) => stored(k === 0 ? 1 : 2, part)), END]);
        const data = Buffer.concat(parts);
        expect(unxz(xzOf(lzma2, data.length), 1 << 20)).toEqual({ bytes: data, end: 'whole' });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the first `max` bytes and says it is full, reading nothing past them', () => {
    const flushed = { name: 'flushed.bin.xz', holds: unxz(fixture('flushed.bin.xz'), 1 << 20).bytes };
    for (const { name, holds } of [...FIXTURES, flushed]) {
      const file = fixture(name);
      for (const max of [0, 1, 1000, 1024, 1500, 4000, holds.length - 1]) {
        expectDecoded(unxz(file, max), holds.subarray(0, max), 'full', `${name} to ${max}`);
      }
      expectDecoded(unxz(file, holds.length), holds, 'whole', name);
    }
    // a check that fails after the last byte kept is not reached
    const file = fixture('customers-80.csv.xz');
    expectDecoded(unxz(flip(file, indexAt(file) - 1), 4000), csv.subarray(0, 4000), 'full');
  });

  it('gives a file cut anywhere as far as it goes, and says it is cut', () => {
    const hashed = HASHED.map(({ name }) => ({ name, holds: unxz(fixture(name), 1 << 20).bytes, whole: [] }));
    // one assertion over every cut (vitest's own take a while, 16,000 times over): what went wrong where
    const wrong: string[] = [];
    for (const { name, holds, whole } of [...FIXTURES, ...hashed]) {
      const file = fixture(name);
      let came = 0;
      for (let at = 0; at <= file.length; at++) {
        const { bytes, end } = unxz(file.subarray(0, at), 1 << 20);
        const expected = at === file.length || whole.includes(at) ? 'whole' : 'cut';
        // a prefix, never shorter than a shorter cut's
        if (end !== expected || !holds.subarray(0, bytes.length).equals(bytes) || bytes.length < came) {
          wrong.push(`${name} cut at ${at}: ${end}, ${bytes.length} bytes`);
        }
        came = bytes.length;
      }
      // cut in its index or footer, a stream still gives every byte its blocks hold
      expect(unxz(file.subarray(0, file.length - 1), 1 << 20).bytes.equals(holds), name).toBe(true);
    }
    expect(wrong).toEqual([]);
    // a stored chunk gives each byte that came: 12 bytes of stream header, 12 of block header, 3 of chunk header
    expect(unxz(fixture('random-3000.bin.xz').subarray(0, 1027), 1 << 20).bytes.length).toBe(1000);
  });

  it('refuses a check, a header CRC, an index or a footer that does not match', () => {
    for (const name of ['customers-80.csv.xz', 'customers-80.csv.crc32.xz', 'customers-80.csv.sha256.xz']) {
      const file = fixture(name);
      const at = indexAt(file);
      // the block's check (its first and last bytes, before the index): the bytes came before it failed
      const checkSize = CHECK_SIZES[file[7] as number] as number;
      expect(unxz(flip(file, at - 1), 1 << 20), name).toEqual({ bytes: csv, end: 'corrupt' });
      expect(unxz(flip(file, at - checkSize), 1 << 20), name).toEqual({ bytes: csv, end: 'corrupt' });
      // the byte before the check (padding, or the end marker); the stream header's CRC; the block header's padding and CRC; the index's
      // count, a record, its CRC; the footer's CRC and magic
      const fields = [at - checkSize - 1, 8, 12 + 5, 12 + 11, at + 1, at + 4, file.length - 16, file.length - 12];
      for (const where of [...fields, file.length - 1]) {
        expect(endOf(flip(file, where, 0x10)), `${name} at ${where}`).toBe('corrupt');
      }
    }
    const file = fixture('customers-80.csv.xz');
    const at = indexAt(file);
    const footer = file.length - 12;
    // with their CRCs made right: an index's record or count that differs from the blocks
    expect(endOf(recrc(withByte(file, at + 4, 0xc6), at, footer - 4))).toBe('corrupt');
    expect(endOf(recrc(withByte(file, at + 1, 2), at, footer - 4))).toBe('corrupt');
    // a footer's backward size or check type that differs, and the footer made right again
    const footed = (where: number, value: number): Buffer =>
      recrc(withByte(file, where, value), footer + 4, footer + 10, footer);
    expect(unxz(footed(footer + 4, 3), 1 << 20)).toEqual({ bytes: csv, end: 'corrupt' });
    expect(unxz(footed(footer + 9, 1), 1 << 20)).toEqual({ bytes: csv, end: 'corrupt' });
    expect(unxz(footed(footer + 4, 2), 1 << 20)).toEqual({ bytes: csv, end: 'whole' });
    // a header's check type (CRC32) the blocks were not written with; reserved bits of the stream flags; index padding
    expect(endOf(recrc(withByte(file, 7, 1), 6, 8))).toBe('corrupt');
    expect(endOf(recrc(withByte(file, 6, 1), 6, 8))).toBe('corrupt');
    expect(endOf(recrc(withByte(file, 7, 0x14), 6, 8))).toBe('corrupt');
    expect(endOf(recrc(withByte(file, at + 7, 1), at, footer - 4))).toBe('corrupt');
    // the compressed data itself
    for (const where of [40, 100, 300, 500]) expect(endOf(flip(file, where, 4)), `at ${where}`).toBe('corrupt');
  });

  it('refuses a block header that is malformed, declares sizes the block does not have, or another filter', () => {
    // `-T2` writes each block's compressed (224 = e0 01) and uncompressed (1024 = 80 08) size in its header
    const blocks = fixture('customers-80.csv.blocks.xz');
    const header = (at: number, value: number): Buffer => recrc(withByte(blocks, at, value), 12, 24);
    expect(unxz(header(14, 0xe1), 1 << 20)).toEqual({ bytes: csv.subarray(0, 1024), end: 'corrupt' });
    // a chunk that runs past the compressed size is not decoded
    expect(unxz(header(14, 0xc8), 1 << 20)).toEqual({ bytes: Buffer.alloc(0), end: 'corrupt' });
    expect(unxz(header(16, 0x81), 1 << 20)).toEqual({ bytes: csv.subarray(0, 1024), end: 'corrupt' });
    // a reserved flag bit; two filters; a dictionary size byte past 40 (4 GiB); padding that is not zero
    expect(endOf(header(13, 0xc4))).toBe('corrupt');
    expect(endOf(header(13, 0xc1))).toBe('corrupt');
    expect(endOf(header(20, 41))).toBe('corrupt');
    expect(endOf(header(20, 40))).toBe('whole');
    expect(endOf(header(23, 1))).toBe('corrupt');
    // a size written in more bytes than it needs (224 as e0 81 00, 1024 as 80 88 00), its CRC made right or not
    const longer = (at: number, bytes: number[]): Buffer =>
      Buffer.concat([blocks.subarray(0, at), Buffer.from(bytes), blocks.subarray(at + 1, 23), blocks.subarray(24)]);
    for (const sized of [longer(15, [0x81, 0]), longer(17, [0x88, 0])]) {
      expect(unxz(sized, 1 << 20)).toEqual({ bytes: Buffer.alloc(0), end: 'corrupt' });
      expect(unxz(recrc(sized, 12, 24), 1 << 20)).toEqual({ bytes: Buffer.alloc(0), end: 'corrupt' });
    }
    // `xz --x86 --lzma2`: a BCJ filter before LZMA2
    expect(unxz(fixture('customers-80.csv.x86.xz'), 1 << 20)).toEqual({ bytes: Buffer.alloc(0), end: 'corrupt' });
  });

  it('refuses bytes that are no stream, garbage or odd padding after one, and keeps what came before', () => {
    const file = fixture('customers-80.csv.xz');
    expect(endOf(Buffer.from('plain text, no stream'))).toBe('corrupt');
    expect(unxz(Buffer.alloc(0), 100)).toEqual({ bytes: Buffer.alloc(0), end: 'cut' });
    for (const after of [[0x78], [0, 0, 1], [0, 0, 0, 0, 0xfd, 0x37, 0x7a, 0]]) {
      expect(unxz(Buffer.concat([file, Buffer.from(after)]), 1 << 20)).toEqual({ bytes: csv, end: 'corrupt' });
    }
    expect(unxz(Buffer.concat([file, Buffer.alloc(6)]), 1 << 20)).toEqual({ bytes: csv, end: 'cut' });
  });

  it('holds LZMA2 to its control bytes, properties, resets and chunk sizes', () => {
    const decode = (...chunks: Buffer[]): { bytes: string; end: string } => {
      const lzma2 = Buffer.concat([...chunks, END]);
      // the index records what the block makes: decoded once (its index then wrong) to learn it
      const { bytes, end } = unxz(xzOf(lzma2, unxz(xzOf(lzma2, 0), 1 << 20).bytes.length), 1 << 20);
      return { bytes: bytes.toString('latin1'), end };
    };
    const a = stored(1, 'a');
    const abcd = stored(1, 'abcd');
    // a match reaches back into what the chunks before made, no further than the dictionary's last reset
    expect(decode(abcd, lzmaChunk(0xc0, 2, MATCH_4))).toEqual({ bytes: 'abcdab', end: 'whole' });
    expect(decode(abcd, lzmaChunk(0xe0, 2, MATCH_4))).toEqual({ bytes: 'abcd', end: 'corrupt' });
    expect(decode(stored(1, 'abc'), lzmaChunk(0xc0, 2, MATCH_4))).toEqual({ bytes: 'abc', end: 'corrupt' });
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP))).toEqual({ bytes: 'aa', end: 'whole' });
    expect(decode(a, stored(2, 'b'), lzmaChunk(0xc0, 1, SHORT_REP)).bytes).toBe('abb');
    expect(decode(a, lzmaChunk(0xe0, 1, SHORT_REP))).toEqual({ bytes: 'a', end: 'corrupt' });
    expect(decode(lzmaChunk(0xe0, 1, SHORT_REP)).end).toBe('corrupt');
    const text = Array.from({ length: 200 }, (_, k) => String.fromCharCode(33 + ((k * 7) % 90))).join('');
    expect(decode(stored(1, text), lzmaChunk(0xc0, 2, MATCH_162))).toEqual({
      bytes: text + text.slice(38, 40),
      end: 'whole',
    });
    // distances from 3 GiB on, up to the end-of-payload marker (0xffffffff), which LZMA2 does not allow
    expect(decode(abcd, lzmaChunk(0xc0, 2, farMatch(0)))).toEqual({ bytes: 'abcd', end: 'corrupt' });
    expect(decode(abcd, lzmaChunk(0xc0, 2, farMatch(1)))).toEqual({ bytes: 'abcd', end: 'corrupt' });
    // the first chunk resets the dictionary; an LZMA chunk after a reset sets properties; 0x03-0x7f mean nothing
    expect(decode(stored(2, 'a')).end).toBe('corrupt');
    expect(decode(lzmaChunk(0xc0, 1, SHORT_REP)).end).toBe('corrupt');
    expect(decode(a, lzmaChunk(0xa0, 1, SHORT_REP))).toEqual({ bytes: 'a', end: 'corrupt' });
    expect(decode(a, lzmaChunk(0x80, 1, SHORT_REP)).end).toBe('corrupt');
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP), a, lzmaChunk(0xa0, 1, SHORT_REP)).end).toBe('corrupt');
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP), lzmaChunk(0xa0, 1, SHORT_REP)).end).toBe('whole');
    expect(decode(a, Buffer.from([3, 0, 0, 0x61])).end).toBe('corrupt');
    // lc + lp at most 4 (lc 0 and lp 4 is fine, lc 4 and lp 1 is not), and no properties byte from 225 on
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP, 36)).end).toBe('whole');
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP, 13)).end).toBe('corrupt');
    expect(decode(a, lzmaChunk(0xc0, 1, SHORT_REP, 225)).end).toBe('corrupt');
    // a chunk makes exactly its unpacked size, from exactly its packed size, starting on a zero byte
    expect(decode(a, lzmaChunk(0xc0, 2, SHORT_REP)).end).toBe('corrupt');
    expect(decode(abcd, lzmaChunk(0xc0, 1, MATCH_4)).end).toBe('corrupt');
    const chunk = lzmaChunk(0xc0, 1, SHORT_REP);
    const packed = chunk[4] as number;
    expect(decode(a, withByte(Buffer.concat([chunk, Buffer.from([0])]), 4, packed + 1)).end).toBe('corrupt');
    expect(decode(a, withByte(chunk.subarray(0, chunk.length - 1), 4, packed - 1)).end).toBe('corrupt');
    expect(decode(a, withByte(chunk, 6, 1)).end).toBe('corrupt');
    // the last byte changes none of the bits, but leaves the range coder's code short of zero
    expect(decode(a, flip(chunk, chunk.length - 1))).toEqual({ bytes: 'aa', end: 'corrupt' });
    // check types XZ Utils does not define are passed over, each with its size
    for (const check of [2, 3, 5, 6, 7, 9, 11, 12, 13, 15]) {
      expect(unxz(xzOf(Buffer.concat([a, END]), 1, { check }), 100), `check ${check}`).toEqual({
        bytes: Buffer.from('a'),
        end: 'whole',
      });
    }
    // an index that records another size
    const lzma2 = Buffer.concat([stored(1, 'abc'), END]);
    expect(unxz(xzOf(lzma2, 3, { recorded: 4 }), 100)).toEqual({ bytes: Buffer.from('abc'), end: 'corrupt' });
  });

  it('never allocates the dictionary a header declares, nor more than `max`', () => {
    // 4 GiB (byte 40), and a first chunk that declares 2 MiB but is cut short
    const huge = xzOf(Buffer.concat([stored(1, 'x'.repeat(60_000)), END]), 60_000, { dict: 40 });
    const started = performance.now();
    const full = unxz(huge, 4096);
    expect([full.end, full.bytes.length, full.bytes.buffer.byteLength <= 4096]).toEqual(['full', 4096, true]);
    expect(endOf(huge)).toBe('whole');
    const chunk = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0, 0x12, 0x34, 0x56, 0x78, 0x9a]);
    const cut = unxz(xzOf(chunk, 0, { dict: 40 }).subarray(0, 24 + chunk.length), 4096);
    expect([cut.end, cut.bytes.buffer.byteLength <= 4096]).toEqual(['cut', true]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never throws on random or mangled bytes', () => {
    const files = ['customers-80.csv.xz', 'customers-80.csv.blocks.xz', 'flushed.bin.xz', 'customers-80.csv.padded.xz'];
    expectSafeDecoding(files.map(fixture), unxz);
  });
});
