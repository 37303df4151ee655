/**
 * Capped decompression: a body, a ZIP entry or a PDF stream inflated to at most what its body may still decode, and
 * the head of one that would inflate to more (a bomb, or a large export), so what it starts with is still read.
 */

import {
  type BrotliOptions,
  brotliDecompressSync,
  constants,
  gunzipSync,
  inflateRawSync,
  inflateSync,
  type ZlibOptions,
} from 'node:zlib';
import { BrotliDecompress } from 'brotli/dec/decode.js';
import { BrotliInput } from 'brotli/dec/streams.js';
import { Gunzip, Inflate, Unzlib } from 'fflate';
import { unbzip2 } from './bzip2.js';
import type { DecodeEnd } from './capped-output.js';
import { Compression } from './decoders.js';
import { unlz4, unlz4Block } from './lz4.js';
import { SnappyTooLarge, snappyHead, unsnappy } from './snappy.js';
import { unxz } from './xz.js';
import { unzstd } from './zstd.js';

/**
 * Result of a capped decompression: the bytes (`truncated` when the stream ended before its end mark: a capture cut
 * short), or `bomb` when the output would exceed the cap.
 */
export type Inflated = { ok: true; bytes: Buffer; truncated?: true } | { ok: false; reason: 'bomb' | 'corrupt' };

/**
 * Decompresses at most `maxOutputBytes`; an output over the cap is reported as a bomb and not followed.
 * `deflate-raw` is deflate without a zlib header. A stream cut short yields what it holds and is marked
 * `truncated`: it is inflated as a whole first (one pass for a complete one), and again to its last full block
 * (sync flush) only when it ends early.
 */
export function inflateCapped(input: Uint8Array, kind: Compression | 'deflate-raw', maxOutputBytes: number): Inflated {
  // zlib allocates its output in chunkSize pieces (16 KiB by default); for the ~300-byte gzip parts inside
  // payloads that allocation and its GC showed in the profile: sized to the input, a part costs ~25 % less
  const chunkSize = Math.min(64 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(input.length * 4 + 1))));
  const maxOutputLength = Math.max(1, maxOutputBytes);
  const strict = { maxOutputLength, chunkSize };
  /** The stream through `inflate`: whole, or (cut short) as far as it goes with `flush`, marked. */
  const run = (
    inflate: (b: Uint8Array, o: ZlibOptions & BrotliOptions) => Buffer,
    flush: number = constants.Z_SYNC_FLUSH,
  ): Inflated => {
    try {
      return { ok: true, bytes: inflate(input, strict) };
    } catch (error) {
      if ((error as { code?: string }).code !== 'Z_BUF_ERROR') throw error;
      return { ok: true, bytes: inflate(input, { ...strict, finishFlush: flush }), truncated: true };
    }
  };
  if (kind === Compression.SNAPPY) return unsnappyCapped(input, maxOutputLength);
  if (kind === Compression.ZSTD) return framesCapped(unzstd(input, maxOutputLength));
  if (kind === Compression.LZ4) return framesCapped(unlz4(input, maxOutputLength));
  if (kind === Compression.BZIP2) return framesCapped(unbzip2(input, maxOutputLength));
  if (kind === Compression.XZ) return framesCapped(unxz(input, maxOutputLength));
  try {
    if (kind === Compression.GZIP) return run(gunzipSync);
    // a ZIP entry's deflate stream has no zlib header
    if (kind === 'deflate-raw') return run(inflateRawSync);
    if (kind === Compression.BROTLI) return run(brotliDecompressSync, constants.BROTLI_OPERATION_FLUSH);
    try {
      return run(inflateSync);
    } catch (error) {
      if (isTooLarge(error)) throw error;
      return run(inflateRawSync);
    }
  } catch (error) {
    return { ok: false, reason: isTooLarge(error) ? 'bomb' : 'corrupt' };
  }
}

/**
 * @internal A block of a record file (an Avro block, a Parquet page) undone by its codec within `max` bytes: its bytes,
 * `'capped'` when they would pass `max`, or undefined when it does not undo.
 */
export function undoBlock(
  codec: Compression | 'deflate-raw' | 'lz4-raw',
  data: Uint8Array,
  max: number,
): Buffer | 'capped' | undefined {
  // a Parquet LZ4_RAW page is one raw block, no frame
  if (codec === 'lz4-raw') return unlz4Block(data, max);
  // a Snappy block says its length first: one that does not make it is not read (a cut body's head is for bodies)
  if (codec === Compression.SNAPPY) {
    try {
      return unsnappy(data, max);
    } catch (e) {
      return e instanceof SnappyTooLarge ? 'capped' : undefined;
    }
  }
  const inflated = inflateCapped(data, codec, max);
  return inflated.ok ? inflated.bytes : inflated.reason === 'bomb' ? 'capped' : undefined;
}

/** A Snappy body (its length says its size before anything is made): one cut short yields what it holds, marked. */
function unsnappyCapped(input: Uint8Array, max: number): Inflated {
  try {
    return { ok: true, bytes: unsnappy(input, max) };
  } catch (error) {
    if (error instanceof SnappyTooLarge) return { ok: false, reason: 'bomb' };
    const head = snappyHead(input, max);
    return head.cut ? { ok: true, bytes: head.bytes, truncated: true } : { ok: false, reason: 'corrupt' };
  }
}

/** Zstandard or LZ4 frames, bzip2 or xz streams, decoded: one cut short yields what it holds, marked, as gzip's does. */
function framesCapped({ bytes, end }: { bytes: Buffer; end: DecodeEnd }): Inflated {
  if (end === 'whole') return { ok: true, bytes };
  if (end === 'cut') return { ok: true, bytes, truncated: true };
  return { ok: false, reason: end === 'full' ? 'bomb' : 'corrupt' };
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * @internal What a capped inflation leaves to read: all the bytes, the head of a stream past the cap (a bomb, or a body
 * larger than the cap: what it starts with is still read), or none of a corrupt one.
 */
export function inflateToCap(
  input: Uint8Array,
  kind: Compression | 'deflate-raw',
  max: number,
): { inflated: Inflated; bytes: Buffer | undefined } {
  const inflated = inflateCapped(input, kind, max);
  if (inflated.ok) return { inflated, bytes: inflated.bytes };
  return { inflated, bytes: inflated.reason === 'bomb' ? inflateHead(input, kind, max) : undefined };
}

/** Compressed bytes fed to the head reader at a time: deflate makes at most ~1 MiB of a KiB, so little is made past it. */
const HEAD_SLICE = 1024;

/**
 * The first `max` bytes `input` inflates to, for a stream that inflates to more (`inflateCapped` said `bomb`): read in
 * slices (deflate, by fflate) or written in pieces (brotli, by the `brotli` package's decoder: Node's cannot stop at a
 * byte count), stopped once they are made, so a bomb costs its head, not its size.
 */
export function inflateHead(input: Uint8Array, kind: Compression | 'deflate-raw', max: number): Buffer {
  if (kind === Compression.BROTLI) return brotliHead(input, max);
  if (kind === Compression.SNAPPY) return snappyHead(input, max).bytes;
  if (kind === Compression.ZSTD) return unzstd(input, max).bytes;
  if (kind === Compression.LZ4) return unlz4(input, max).bytes;
  if (kind === Compression.BZIP2) return unbzip2(input, max).bytes;
  if (kind === Compression.XZ) return unxz(input, max).bytes;
  const parts: Buffer[] = [];
  let size = 0;
  const take = (chunk: Uint8Array): void => {
    if (size >= max) return;
    const kept = chunk.subarray(0, max - size);
    parts.push(Buffer.from(kept));
    size += kept.length;
  };
  const inflater =
    kind === Compression.GZIP
      ? new Gunzip(take)
      : kind === 'deflate-raw' || !zlibHeader(input)
        ? new Inflate(take)
        : new Unzlib(take);
  try {
    for (let at = 0; at < input.length && size < max; at += HEAD_SLICE)
      inflater.push(input.subarray(at, at + HEAD_SLICE), at + HEAD_SLICE >= input.length);
  } catch {
    // corrupt past what was read: the head made so far stands
  }
  return Buffer.concat(parts, size);
}

/** Thrown by `brotliHead`'s output once it holds the head: the decoder has no other way to stop. */
class HeadComplete extends Error {}

/** The first `max` bytes a brotli stream decodes to (fewer when it is corrupt or ends first). */
function brotliHead(input: Uint8Array, max: number): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const output = {
    buffer: new Uint8Array(0),
    pos: 0,
    write(piece: Uint8Array, count: number): number {
      const kept = piece.subarray(0, Math.min(count, max - size));
      parts.push(Buffer.from(kept));
      size += kept.length;
      if (size >= max) throw new HeadComplete();
      return count;
    },
  };
  try {
    BrotliDecompress(new BrotliInput(input), output);
  } catch {
    // the head is complete, or the stream broke past what was written: the head made so far stands
  }
  return Buffer.concat(parts, size);
}

/** A zlib stream header (RFC 1950): deflate with a window of at most 32 KiB, and a header check that adds up. */
function zlibHeader(input: Uint8Array): boolean {
  const cmf = input[0] ?? 0;
  const flg = input[1] ?? 0;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}
