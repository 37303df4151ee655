/**
 * LZ4 frames and raw blocks for tests, by a small greedy encoder: runs of one byte become matches at offset 1 (which
 * overlap what they write), repeats of the 4 bytes 8 back matches at offset 8, the rest literals. The fixture
 * `customers.csv.lz4`, which the lz4 tool wrote, covers its own matches and checksums.
 */

/** An LZ4 raw block of `data` (the last sequence literals alone, as the format requires). */
export function lz4Block(data: Uint8Array): Buffer {
  const out: number[] = [];
  let literalStart = 0;
  let p = 0;
  // the last 5 bytes are literals, and no match starts in the last 12 (the format's end-of-block rules)
  while (p + 12 <= data.length) {
    const offset = [1, 8].find((o) => p >= o && matchLength(data, p, o) >= 4);
    if (offset === undefined) {
      p++;
      continue;
    }
    const length = Math.min(matchLength(data, p, offset), data.length - 5 - p);
    sequence(out, data.subarray(literalStart, p), offset, length);
    p += length;
    literalStart = p;
  }
  sequence(out, data.subarray(literalStart), 0, 0);
  return Buffer.from(out);
}

/** An LZ4 frame (independent blocks of at most 64 KiB, no checksums) of `data` in blocks of `blockSize` bytes. */
export function lz4Frame(data: Uint8Array, blockSize = 65536): Buffer {
  // FLG: version 01, independent blocks; BD: 64 KiB blocks; the header checksum byte is not checked by the reader
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82])];
  for (let at = 0; at < data.length; at += blockSize) {
    const compressed = lz4Block(data.subarray(at, at + blockSize));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(compressed.length);
    parts.push(size, compressed);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

function matchLength(data: Uint8Array, p: number, offset: number): number {
  let n = 0;
  while (p + n < data.length && data[p + n] === data[p + n - offset]) n++;
  return n;
}

/** Appends a sequence: `literals`, then a match of `length` at `offset` (none when `length` is 0). */
function sequence(out: number[], literals: Uint8Array, offset: number, length: number): void {
  const l = literals.length;
  const m = length === 0 ? 0 : length - 4;
  out.push((Math.min(l, 15) << 4) | Math.min(m, 15));
  if (l >= 15) extra(out, l - 15);
  out.push(...literals);
  if (length === 0) return;
  out.push(offset & 0xff, offset >> 8);
  if (m >= 15) extra(out, m - 15);
}

function extra(out: number[], n: number): void {
  let rest = n;
  while (rest >= 255) {
    out.push(255);
    rest -= 255;
  }
  out.push(rest);
}
