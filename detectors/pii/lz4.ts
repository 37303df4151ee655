/**
 * LZ4: the frame format the `lz4` tool writes (`.lz4` files, `tar --lz4` exports) and the raw block format of Parquet's
 * LZ4_RAW pages. Undone here within a size cap, without a dependency: a block is sequences of literals and matches
 * reaching back at most 64 KiB into what was made.
 */

import { CappedOutput, type DecodeEnd } from './capped-output.js';
import { skippableEnd, u32le as u32 } from './frames.js';

/** An LZ4 frame's magic number, little-endian (`04 22 4d 18`). */
const MAGIC = 0x184d2204;

/** @internal The bytes the LZ4 frames of `input` hold, at most `max` of them, and how decoding ended. */
export function unlz4(input: Uint8Array, max: number): { bytes: Buffer; end: DecodeEnd } {
  const out = new CappedOutput(max);
  for (let p = 0; p < input.length; ) {
    if (p + 8 > input.length) return out.result('cut');
    const skipped = skippableEnd(input, p);
    if (skipped > input.length) return out.result('cut');
    if (skipped >= 0) {
      p = skipped;
      continue;
    }
    if (u32(input, p) !== MAGIC) return out.result('corrupt');
    const flags = input[p + 4] as number;
    // version 01, the reserved bit clear
    if (flags >> 6 !== 1 || flags & 2) return out.result('corrupt');
    const blockChecksum = (flags >> 4) & 1;
    let q = p + 7 + ((flags >> 3) & 1) * 8 + (flags & 1) * 4;
    for (;;) {
      if (q + 4 > input.length) return out.result('cut');
      const header = u32(input, q);
      q += 4;
      if (header === 0) break;
      const size = header & 0x7fffffff;
      if (q + size > input.length) {
        // a block cut short: a stored one keeps what came, a compressed one as far as its whole sequences go
        const end = header >>> 31 ? out.append(input.subarray(q)) : block(out, input, q, input.length);
        return out.result(end === 'whole' ? 'cut' : end);
      }
      const end = header >>> 31 ? out.append(input.subarray(q, q + size)) : block(out, input, q, q + size);
      if (end !== 'whole') return out.result(end);
      q += size + blockChecksum * 4;
    }
    // the content checksum
    p = q + ((flags >> 2) & 1) * 4;
  }
  return out.result('whole');
}

/**
 * @internal The bytes an LZ4 raw block (a Parquet LZ4_RAW page) holds, at most `max`; undefined when it is corrupt or
 * cut short, `'capped'` when it makes more than `max`.
 */
export function unlz4Block(data: Uint8Array, max: number): Buffer | 'capped' | undefined {
  const out = new CappedOutput(max);
  const end = block(out, data, 0, data.length);
  return end === 'whole' ? out.result(end).bytes : end === 'full' ? 'capped' : undefined;
}

/** Decodes the sequences of the block `b[from, to)`: literals, then a match (offset, length), until the block ends. */
function block(out: CappedOutput, b: Uint8Array, from: number, to: number): DecodeEnd {
  let p = from;
  while (p < to) {
    const token = b[p++] as number;
    let literals = token >> 4;
    if (literals === 15) {
      for (let c = 255; c === 255; literals += c) {
        if (p >= to) return 'cut';
        c = b[p++] as number;
      }
    }
    if (p + literals > to) return out.append(b.subarray(p, to)) === 'full' ? 'full' : 'cut';
    if (out.append(b.subarray(p, p + literals)) === 'full') return 'full';
    p += literals;
    // the last sequence is literals alone
    if (p === to) return 'whole';
    if (p + 2 > to) return 'cut';
    const offset = (b[p] as number) | ((b[p + 1] as number) << 8);
    p += 2;
    let length = (token & 15) + 4;
    if (length === 19) {
      for (let c = 255; c === 255; length += c) {
        if (p >= to) return 'cut';
        c = b[p++] as number;
      }
    }
    if (offset === 0 || offset > out.n) return 'corrupt';
    const fits = out.reserve(length);
    const end = Math.min(out.n + length, out.max);
    // a match may overlap what it writes (a run): byte by byte
    const bytes = out.bytes;
    for (let k = out.n; k < end; k++) bytes[k] = bytes[k - offset] as number;
    out.n = end;
    if (!fits) return 'full';
  }
  return 'whole';
}
