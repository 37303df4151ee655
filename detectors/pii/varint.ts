/**
 * Varints (unsigned LEB128: seven bits a byte, low bits first), as Avro, Thrift's compact protocol, Parquet's delta
 * encodings and Snappy write lengths and integers, and the zigzag mapping that makes them signed.
 */

/**
 * @internal What the last `varintAt` left: the byte after its varint, or where it gave up (`next`), and whether the bytes
 * ran out before the varint ended (`cut`). Refilled, not allocated.
 */
export const VARINT = { next: 0, cut: false };

/**
 * @internal The varint at `bytes[at]`, at most `maxBytes` long and ending before `end`, or NaN when it does not (the
 * bytes ran out, `VARINT.cut`, or it is longer). Numbers are exact to 2^53.
 */
export function varintAt(bytes: Uint8Array, at: number, end: number, maxBytes: number): number {
  let n = 0;
  let p = at;
  for (let scale = 1, k = 0; k < maxBytes; k++, scale *= 128) {
    VARINT.cut = p >= end;
    if (VARINT.cut) break;
    const b = bytes[p++] as number;
    n += (b & 0x7f) * scale;
    if (b < 0x80) {
      VARINT.next = p;
      return n;
    }
  }
  VARINT.next = p;
  return Number.NaN;
}

/** @internal A zigzag-encoded number as the signed one it stands for (0, -1, 1, -2 … from 0, 1, 2, 3 …). */
export function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}
