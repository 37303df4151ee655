/**
 * Zstandard (RFC 8878): bodies under `Content-Encoding: zstd` or with its magic number, `.zst` files and `tar --zstd`
 * archives, Parquet's ZSTD pages and Avro's `zstandard` blocks. Frames are decoded by fzstd one at a time, each after
 * its header is read here: fzstd allocates the window a header asks for, so a window past `WINDOW_MAX` is refused
 * before anything is allocated.
 */
import { Decompress } from 'fzstd';
import { skippableEnd, u32le as u32 } from './frames.js';

/** A Zstandard frame's magic number, little-endian (`28 b5 2f fd`). */
const MAGIC = 0xfd2fb528;
/** Largest window decoded: what zstd itself refuses past without `--long` (2^27 bytes; HTTP's coding allows 8 MiB). */
const WINDOW_MAX = 2 ** 27;
/** fzstd's code for data that ends inside a frame. */
const UNEXPECTED_EOF = 5;

/**
 * @internal How decoding ended: every frame whole, the input ending inside one (`cut`: what came before is kept), the
 * output reaching `max` (`full`: the first `max` bytes are kept), or bytes no encoder writes (`corrupt`).
 */
export type ZstdEnd = 'whole' | 'cut' | 'full' | 'corrupt';

/** Thrown from fzstd's output handler once `max` bytes are kept: it has no other way to stop. */
class Full extends Error {}

/** @internal The bytes the Zstandard frames of `input` hold, at most `max` of them, and how decoding ended. */
export function unzstd(input: Uint8Array, max: number): { bytes: Buffer; end: ZstdEnd } {
  const parts: Buffer[] = [];
  let size = 0;
  const take = (chunk: Uint8Array): void => {
    const kept = chunk.subarray(0, max - size);
    parts.push(Buffer.from(kept));
    size += kept.length;
    if (kept.length < chunk.length) throw new Full();
  };
  const made = (end: ZstdEnd): { bytes: Buffer; end: ZstdEnd } => ({ bytes: Buffer.concat(parts, size), end });
  for (let p = 0; p < input.length; ) {
    const frame = frameAt(input, p);
    if (frame === CORRUPT) return made('corrupt');
    const end = frame === CUT ? input.length : frame;
    // fzstd passes over a skippable frame, and refuses reserved bits and block types
    try {
      new Decompress(take).push(input.subarray(p, end), true);
    } catch (error) {
      if (error instanceof Full) return made('full');
      return made((error as { code?: number }).code === UNEXPECTED_EOF ? 'cut' : 'corrupt');
    }
    if (frame === CUT) return made('cut');
    p = end;
  }
  return made('whole');
}

const CUT = -1;
const CORRUPT = -2;

/**
 * Where the frame at `b[p]` ends, walking its header and block headers (no block is decoded); `CUT` when the input
 * ends first, `CORRUPT` when it is no frame, or asks for a window past `WINDOW_MAX`.
 */
function frameAt(b: Uint8Array, p: number): number {
  if (p + 8 > b.length) return p + 4 > b.length || u32(b, p) === MAGIC ? CUT : CORRUPT;
  const skipped = skippableEnd(b, p);
  if (skipped >= 0) return skipped > b.length ? CUT : skipped;
  if (u32(b, p) !== MAGIC) return CORRUPT;
  const descriptor = b[p + 4] as number;
  const singleSegment = (descriptor >> 5) & 1;
  const sizeFlag = descriptor >> 6;
  let q = p + 5;
  let window = 0;
  if (!singleSegment) {
    const w = b[q++] as number;
    const base = 2 ** (10 + (w >> 3));
    window = base + (base / 8) * (w & 7);
  }
  q += [0, 1, 2, 4][descriptor & 3] as number;
  const sizeBytes = sizeFlag === 0 ? singleSegment : 2 ** sizeFlag;
  if (q + sizeBytes > b.length) return CUT;
  // a single-segment frame's window is its content (a size in two bytes is 256 less: far below any limit)
  if (singleSegment) for (let k = 0; k < sizeBytes; k++) window += (b[q + k] as number) * 2 ** (8 * k);
  if (window > WINDOW_MAX) return CORRUPT;
  q += sizeBytes;
  for (let last = 0; !last; ) {
    if (q + 3 > b.length) return CUT;
    const header = (b[q] as number) | ((b[q + 1] as number) << 8) | ((b[q + 2] as number) << 16);
    last = header & 1;
    // an RLE block is one byte, repeated
    q += 3 + (((header >> 1) & 3) === 1 ? 1 : header >>> 3);
  }
  // the content checksum
  if (descriptor & 4) q += 4;
  return q > b.length ? CUT : q;
}
