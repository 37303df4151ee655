/**
 * Snappy's raw format (the block codec of Avro files Spark and Hive write): a varint of the uncompressed length, then
 * literals and copies of earlier output. Undone here within a size cap, without a dependency.
 */
import { VARINT, varintAt } from './varint.js';

/** @internal Thrown by `unsnappy`: the data is not Snappy, or is cut short. */
export class SnappyError extends Error {}

/** @internal Thrown by `unsnappy`: the declared length passes the cap (a bomb is not followed). */
export class SnappyTooLarge extends Error {}

/** @internal The bytes Snappy-compressed `data` holds; at most `max` of them. */
export function unsnappy(data: Uint8Array, max: number): Buffer {
  const length = varintAt(data, 0, data.length, 5);
  if (Number.isNaN(length)) throw new SnappyError('bad length');
  let p = VARINT.next;
  if (length > max) throw new SnappyTooLarge(`${length} bytes`);
  // no element writes more than 64 bytes from 3 of its own: a longer length is a lie, not allocated
  if (length > (data.length - p) * 22) throw new SnappyError('length past what the data can hold');
  const out = Buffer.alloc(length);
  let n = 0;
  while (p < data.length) {
    const tag = data[p++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      // a literal: its length - 1 in the tag's top six bits, or in the 1 to 4 bytes after them (60 to 63)
      let size = tag >> 2;
      if (size >= 60) {
        const bytes = size - 59;
        size = 0;
        for (let k = 0; k < bytes; k++) size += (data[p + k] ?? fail()) * 2 ** (8 * k);
        p += bytes;
      }
      size += 1;
      if (p + size > data.length || n + size > length) fail();
      out.set(data.subarray(p, p + size), n);
      p += size;
      n += size;
      continue;
    }
    // a copy of `size` bytes from `offset` back in the output
    let size: number;
    let offset: number;
    if (kind === 1) {
      size = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (data[p++] ?? fail());
    } else {
      size = (tag >> 2) + 1;
      const bytes = kind === 2 ? 2 : 4;
      offset = 0;
      for (let k = 0; k < bytes; k++) offset += (data[p + k] ?? fail()) * 2 ** (8 * k);
      p += bytes;
    }
    if (offset === 0 || offset > n || n + size > length) fail();
    // copies may overlap what they write (a run): byte by byte
    for (let k = 0; k < size; k++, n++) out[n] = out[n - offset] as number;
  }
  if (n !== length) fail();
  return out;
}

function fail(): never {
  throw new SnappyError('corrupt');
}
