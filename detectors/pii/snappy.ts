/**
 * Snappy's raw format (the block codec of Avro files Spark and Hive write, and the `Content-Encoding: snappy` of
 * Prometheus remote write and Loki's push API): a varint of the uncompressed length, then literals and copies of
 * earlier output. Undone here within a size cap, without a dependency.
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
  const p = VARINT.next;
  if (length > max) throw new SnappyTooLarge(`${length} bytes`);
  // no element writes more than 64 bytes from 3 of its own: a longer length is a lie, not allocated
  if (length > (data.length - p) * 22) throw new SnappyError('length past what the data can hold');
  const made = decode(data, p, length);
  if (made.end !== END.WHOLE) throw new SnappyError(made.end === END.CUT ? 'cut short' : 'corrupt');
  return made.out;
}

/**
 * @internal The first bytes Snappy-compressed `data` holds, at most `max`, as far as it decodes: the head of a body
 * past the cap, or of one cut short (`cut`: the data ended inside it, as a capture's last bytes do).
 */
export function snappyHead(data: Uint8Array, max: number): { bytes: Buffer; cut: boolean } {
  const length = varintAt(data, 0, data.length, 5);
  if (Number.isNaN(length)) return { bytes: Buffer.alloc(0), cut: VARINT.cut };
  const p = VARINT.next;
  const made = decode(data, p, Math.min(length, max, (data.length - p) * 22));
  return { bytes: made.out, cut: made.end === END.CUT };
}

/**
 * How decoding ended: all `length` bytes made by the data's last element, the data ending first, an element no encoder
 * writes, or `length` reached inside an element or before the data's end (a head's end; in a whole body, a lie).
 */
const END = { WHOLE: 0, CUT: 1, CORRUPT: 2, FULL: 3 } as const;

/** Decodes the elements from `from` into at most `length` bytes (a longer element is cut at it: `FULL`). */
function decode(data: Uint8Array, from: number, length: number): { out: Buffer; end: number } {
  const out = Buffer.alloc(length);
  let n = 0;
  let p = from;
  const made = (end: number): { out: Buffer; end: number } => ({ out: out.subarray(0, n), end });
  while (p < data.length && n < length) {
    const tag = data[p++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      // a literal: its length - 1 in the tag's top six bits, or in the 1 to 4 bytes after them (60 to 63)
      let size = tag >> 2;
      if (size >= 60) {
        const bytes = size - 59;
        if (p + bytes > data.length) return made(END.CUT);
        size = 0;
        for (let k = 0; k < bytes; k++) size += (data[p + k] as number) * 2 ** (8 * k);
        p += bytes;
      }
      const kept = Math.min(size + 1, data.length - p, length - n);
      out.set(data.subarray(p, p + kept), n);
      n += kept;
      if (kept <= size && n === length) return made(END.FULL);
      // past the data's end when it is cut inside the literal: the loop ends there, cut
      p += size + 1;
      continue;
    }
    // a copy of `size` bytes from `offset` back in the output
    let size: number;
    let offset: number;
    const bytes = kind === 1 ? 1 : kind === 2 ? 2 : 4;
    if (p + bytes > data.length) return made(END.CUT);
    if (kind === 1) {
      size = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (data[p] as number);
    } else {
      size = (tag >> 2) + 1;
      offset = 0;
      for (let k = 0; k < bytes; k++) offset += (data[p + k] as number) * 2 ** (8 * k);
    }
    p += bytes;
    if (offset === 0 || offset > n) return made(END.CORRUPT);
    // copies may overlap what they write (a run): byte by byte
    const wanted = n + size;
    const end = Math.min(wanted, length);
    for (; n < end; n++) out[n] = out[n - offset] as number;
    if (end < wanted) return made(END.FULL);
  }
  return made(n < length ? END.CUT : p < data.length ? END.FULL : END.WHOLE);
}
