/**
 * Zstandard frames (RFC 8878) without compression, for tests: Node 20 has no zstd encoder. Raw blocks hold the data as
 * it is and RLE blocks one byte repeated, which every decoder reads like compressed ones; the fixture
 * `customers.csv.zst`, which the zstd tool wrote, covers compressed blocks.
 */

const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
/** A block holds at most 128 KiB (Block_Maximum_Size). */
const BLOCK_MAX = 128 * 1024;

/** A single-segment frame of `data` in raw blocks of at most `blockSize` bytes, its content size declared. */
export function zstdFrame(data: Uint8Array, blockSize = BLOCK_MAX): Buffer {
  // Frame_Content_Size in 1 byte (with the single-segment flag), 2 (less 256) or 4
  const [flag, size] =
    data.length < 256
      ? [0x20, Buffer.from([data.length])]
      : data.length < 65536 + 256
        ? [0x60, le(data.length - 256, 2)]
        : [0xa0, le(data.length, 4)];
  const blocks: Buffer[] = [];
  for (let at = 0; at === 0 || at < data.length; at += blockSize) {
    const piece = data.subarray(at, at + blockSize);
    blocks.push(blockHeader(at + blockSize >= data.length, 0, piece.length), Buffer.from(piece));
  }
  return Buffer.concat([MAGIC, Buffer.from([flag]), size, ...blocks]);
}

/**
 * A frame of unknown size whose 128 KiB RLE blocks repeat `byte` `blocks` times after `data`: a few bytes each, a
 * decompression bomb.
 */
export function zstdBomb(data: Uint8Array, byte: number, blocks: number): Buffer {
  // window descriptor: 2^17 bytes, the size of a block
  const parts = [MAGIC, Buffer.from([0x00, 7 << 3]), blockHeader(false, 0, data.length), Buffer.from(data)];
  for (let k = 0; k < blocks; k++) parts.push(blockHeader(k === blocks - 1, 1, BLOCK_MAX), Buffer.from([byte]));
  return Buffer.concat(parts);
}

/** A frame header asking for a window of 2^`log` bytes, then one empty raw block. */
export function zstdWindow(log: number): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([0x00, (log - 10) << 3]), blockHeader(true, 0, 0)]);
}

/** A block header: last-block flag, type (0 raw, 1 RLE, 2 compressed), size, little-endian in 3 bytes. */
function blockHeader(last: boolean, type: number, size: number): Buffer {
  return le((last ? 1 : 0) | (type << 1) | (size << 3), 3);
}

function le(n: number, bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let k = 0; k < bytes; k++) b[k] = Math.floor(n / 2 ** (8 * k)) & 0xff;
  return b;
}
