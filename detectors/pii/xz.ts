/**
 * The .xz file format (XZ Utils' `xz`, `tar cJf` exports, `mysqldump | xz`), undone here within a size cap without a
 * dependency: streams, one after another with zero padding between them, each of blocks of LZMA2 data with a check of
 * the bytes they hold (CRC32, CRC64 or SHA-256), then an index of the blocks' sizes and a footer. Only LZMA2 is read:
 * a block that runs its data through another filter first (BCJ for executables, delta) is refused as corrupt.
 */
import { createHash } from 'node:crypto';
import { CappedOutput, type DecodeEnd } from './capped-output.js';
import { u32le } from './frames.js';
import { unlzma2 } from './lzma2.js';
import { VARINT, varintAt } from './varint.js';

/** @internal A stream header's magic number (§2.1.1.1), by which `sniffCompression` knows an xz body. */
export const XZ_MAGIC: readonly number[] = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
/** The stream footer's magic number, `YZ`. */
const FOOTER_MAGIC = 0x5a59;
const LZMA2 = 0x21;

/** @internal The bytes the xz streams of `input` hold, at most `max` of them, and how decoding ended. */
export function unxz(input: Uint8Array, max: number): { bytes: Buffer; end: DecodeEnd } {
  const out = new CappedOutput(max);
  let p = 0;
  do {
    const end = stream(input, p, out);
    if (typeof end === 'string') return out.result(end);
    // stream padding: zero bytes, a multiple of four of them, as `xz` writes and reads them
    p = end;
    while (input[p] === 0) p++;
    // zero bytes to the end and not a multiple of four: most likely padding cut short
    if ((p - end) % 4 !== 0) return out.result(p === input.length ? 'cut' : 'corrupt');
  } while (p < input.length);
  return out.result('whole');
}

/** Decodes the stream at `b[p]` into `out`: where it ends, or how decoding ended when it did not reach its end. */
function stream(b: Uint8Array, p: number, out: CappedOutput): number | DecodeEnd {
  for (let k = 0; k < XZ_MAGIC.length; k++) {
    if (p + k >= b.length) return 'cut';
    if (b[p + k] !== XZ_MAGIC[k]) return 'corrupt';
  }
  if (p + 12 > b.length) return 'cut';
  // stream flags: a zero byte, then the check type in the low four bits
  if (b[p + 6] !== 0 || (b[p + 7] as number) > 15 || crc32(b, p + 6, p + 8) !== u32le(b, p + 8)) return 'corrupt';
  const check = b[p + 7] as number;
  p += 12;
  // the blocks' unpadded and uncompressed sizes, to compare with the index's records
  const records: number[] = [];
  for (;;) {
    if (p >= b.length) return 'cut';
    if (b[p] === 0) break;
    const start = out.n;
    const next = block(b, p, out, check);
    if (typeof next === 'string') return next;
    records.push(next[1], out.n - start);
    p = next[0];
  }
  // the index: its indicator (0), the number of records, each record, padding, CRC32
  const index = p;
  const at = { p: p + 1 };
  const count = varint(b, at, b.length);
  if (count < 0) return count === CUT ? 'cut' : 'corrupt';
  if (count !== records.length / 2) return 'corrupt';
  for (const size of records) {
    const recorded = varint(b, at, b.length);
    if (recorded < 0) return recorded === CUT ? 'cut' : 'corrupt';
    if (recorded !== size) return 'corrupt';
  }
  for (p = at.p; (p - index) % 4 !== 0; p++) {
    if (p >= b.length) return 'cut';
    if (b[p] !== 0) return 'corrupt';
  }
  if (p + 4 > b.length) return 'cut';
  if (crc32(b, index, p) !== u32le(b, p)) return 'corrupt';
  p += 4;
  // the footer: CRC32, the index's size in four-byte units less one, the header's flags, `YZ`
  if (p + 12 > b.length) return 'cut';
  if (crc32(b, p + 4, p + 10) !== u32le(b, p)) return 'corrupt';
  if ((u32le(b, p + 4) + 1) * 4 !== p - index || b[p + 8] !== 0 || b[p + 9] !== check) return 'corrupt';
  if ((b[p + 10] as number) + ((b[p + 11] as number) << 8) !== FOOTER_MAGIC) return 'corrupt';
  return p + 12;
}

/**
 * Decodes the block at `b[p]` into `out` and verifies its check: where it ends and its unpadded size (header, data,
 * check), or how decoding ended when it did not reach its end.
 */
function block(b: Uint8Array, p: number, out: CappedOutput, check: number): [number, number] | DecodeEnd {
  const size = ((b[p] as number) + 1) * 4;
  if (p + size > b.length) return 'cut';
  const headerEnd = p + size - 4;
  if (crc32(b, p, headerEnd) !== u32le(b, headerEnd)) return 'corrupt';
  const flags = b[p + 1] as number;
  // reserved bits, or more than one filter: another filter before LZMA2, which is not read here
  if (flags & 0x3f) return 'corrupt';
  const at = { p: p + 2 };
  // the sizes the header may declare (infinite when it does not), which the block must then have
  const compressed = flags & 0x40 ? varint(b, at, headerEnd) : Number.POSITIVE_INFINITY;
  if (compressed <= 0) return 'corrupt';
  const uncompressed = flags & 0x80 ? varint(b, at, headerEnd) : Number.POSITIVE_INFINITY;
  if (uncompressed < 0) return 'corrupt';
  // filter flags: the id, the size of its properties, the LZMA2 dictionary size (at most 4 GiB, never allocated here)
  if (varint(b, at, headerEnd) !== LZMA2 || varint(b, at, headerEnd) !== 1) return 'corrupt';
  if (at.p >= headerEnd || (b[at.p] as number) > 40) return 'corrupt';
  for (let k = at.p + 1; k < headerEnd; k++) if (b[k] !== 0) return 'corrupt';
  const data = p + size;
  const start = out.n;
  const dataEnd = unlzma2(b, data, data + compressed, out);
  if (typeof dataEnd === 'string') return dataEnd;
  let q = dataEnd;
  const declared = (size: number, actual: number): boolean => size === Number.POSITIVE_INFINITY || size === actual;
  if (!declared(compressed, q - data) || !declared(uncompressed, out.n - start)) return 'corrupt';
  for (; (q - p) % 4 !== 0; q++) {
    if (q >= b.length) return 'cut';
    if (b[q] !== 0) return 'corrupt';
  }
  // the check's size by type: none, then 4, 8, 16, 32 and 64 bytes for three types each
  const checkSize = check === 0 ? 0 : 4 << Math.floor((check - 1) / 3);
  if (q + checkSize > b.length) return 'cut';
  if (!checked(check, out.bytes.subarray(start, out.n), b.subarray(q, q + checkSize))) return 'corrupt';
  return [q + checkSize, size + (dataEnd - data) + checkSize];
}

/** Whether `expected` is the check of type `check` of `data`: CRC32, CRC64, SHA-256; other types are not verified. */
function checked(check: number, data: Uint8Array, expected: Uint8Array): boolean {
  if (check === 1) return crc32(data, 0, data.length) === u32le(expected, 0);
  if (check === 4) {
    const [low, high] = crc64(data);
    return low === u32le(expected, 0) && high === u32le(expected, 4);
  }
  if (check === 10) return createHash('sha256').update(data).digest().equals(expected);
  return true;
}

const CUT = -1;
const MALFORMED = -2;

/**
 * The multibyte integer at `b[at.p]` (seven bits a byte, least significant first, at most nine bytes), moving `at.p`
 * past it: `CUT` when it runs past `end`, `MALFORMED` when it is longer than it needs to be or than nine bytes.
 */
function varint(b: Uint8Array, at: { p: number }, end: number): number {
  const start = at.p;
  const value = varintAt(b, start, end, 9);
  at.p = VARINT.next;
  if (Number.isNaN(value)) return VARINT.cut ? CUT : MALFORMED;
  // a zero last byte after others adds nothing: the spec forbids it (§1.2)
  return b[at.p - 1] === 0 && at.p - start > 1 ? MALFORMED : value;
}

const CRC32_TABLE = new Int32Array(256);
// CRC-64/XZ (ECMA-182's polynomial, reflected), as two 32-bit halves so the byte loop stays on numbers
const CRC64_LOW = new Int32Array(256);
const CRC64_HIGH = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  let low = n;
  let high = 0;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    const odd = low & 1;
    low = (low >>> 1) | (high << 31);
    high >>>= 1;
    if (odd) {
      low ^= 0xd7870f42;
      high ^= 0xc96c5795;
    }
  }
  CRC32_TABLE[n] = c;
  CRC64_LOW[n] = low;
  CRC64_HIGH[n] = high;
}

/** The CRC32 (IEEE 802.3, as zlib's) of `b[from, to)`. */
function crc32(b: Uint8Array, from: number, to: number): number {
  let c = -1;
  for (let k = from; k < to; k++) c = (CRC32_TABLE[(c ^ (b[k] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** The CRC64 of `data`, as xz stores it: its low and high 32 bits. */
function crc64(data: Uint8Array): [number, number] {
  let low = -1;
  let high = -1;
  for (let k = 0; k < data.length; k++) {
    const i = (low ^ (data[k] as number)) & 0xff;
    low = ((low >>> 8) | (high << 24)) ^ (CRC64_LOW[i] as number);
    high = (high >>> 8) ^ (CRC64_HIGH[i] as number);
  }
  return [~low >>> 0, ~high >>> 0];
}
