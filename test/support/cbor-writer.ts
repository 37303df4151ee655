/**
 * A minimal CBOR encoder for tests (RFC 8949): the shortest head for each value, `Buffer` as a byte string, and
 * wrappers for what plain values cannot say (indefinite lengths, tags, float widths, 64-bit integers).
 */

/** A value the encoder writes. */
export type Cborable =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | Buffer
  | Cbor
  | Cborable[]
  | { [key: string]: Cborable };

/** A value written as given (see `tagged`, `float`, `chunked`, `indefinite`, `raw`). */
export class Cbor {
  constructor(readonly bytes: Buffer) {}
}

/** `value` as CBOR bytes. */
export function cbor(value: Cborable): Buffer {
  const out: Buffer[] = [];
  write(value, out);
  return Buffer.concat(out);
}

/** Bytes written as they are (a hand-made item, a break where none belongs). */
export function raw(bytes: Buffer | number[]): Cbor {
  return new Cbor(Buffer.from(bytes));
}

/** `value` under tag `tag` (0 a date string, 1 epoch seconds, 55799 self-described CBOR). */
export function tagged(tag: number, value: Cborable): Cbor {
  return new Cbor(Buffer.concat([head(6, tag), cbor(value)]));
}

/** `x` as a float of `bits` bits (a half float must be exact: it is copied from its float32 bits). */
export function float(x: number, bits: 16 | 32 | 64 = 64): Cbor {
  if (bits === 64) {
    const b = Buffer.alloc(9);
    b[0] = 0xfb;
    b.writeDoubleBE(x, 1);
    return new Cbor(b);
  }
  const single = Buffer.alloc(4);
  single.writeFloatBE(x);
  if (bits === 32) return new Cbor(Buffer.concat([Buffer.from([0xfa]), single]));
  const f = single.readUInt32BE(0);
  const exponent = (f >> 23) & 0xff;
  const halfExponent = exponent === 0xff ? 31 : exponent === 0 ? 0 : exponent - 112;
  const bits16 = ((f >>> 16) & 0x8000) | (halfExponent << 10) | ((f >> 13) & 0x3ff);
  return new Cbor(Buffer.from([0xf9, bits16 >> 8, bits16 & 0xff]));
}

/** A text (or, given Buffers, byte) string in indefinite-length chunks. */
export function chunked(parts: string[] | Buffer[]): Cbor {
  const bytes = (parts as Cborable[]).map((p) => cbor(p));
  const major = typeof parts[0] === 'string' ? 3 : 2;
  return new Cbor(Buffer.concat([Buffer.from([(major << 5) | 31]), ...bytes, Buffer.from([0xff])]));
}

/** An array or map in indefinite-length form (as Smithy's encoders write them), its items ended by a break. */
export function indefinite(value: Cborable[] | { [key: string]: Cborable }): Cbor {
  const items = Array.isArray(value) ? value.map(cbor) : Object.entries(value).flatMap(([k, v]) => [cbor(k), cbor(v)]);
  return new Cbor(Buffer.concat([Buffer.from([Array.isArray(value) ? 0x9f : 0xbf]), ...items, Buffer.from([0xff])]));
}

/** A head of major type `major` whose argument is `n`, in the fewest bytes (8 for a bigint). */
export function head(major: number, n: number | bigint): Buffer {
  const m = major << 5;
  if (typeof n === 'bigint' || n > 0xffffffff) {
    const b = Buffer.alloc(9);
    b[0] = m | 27;
    b.writeBigUInt64BE(BigInt(n), 1);
    return b;
  }
  if (n < 24) return Buffer.from([m | n]);
  if (n < 0x100) return Buffer.from([m | 24, n]);
  if (n < 0x10000) return Buffer.from([m | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = m | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

function write(v: Cborable, out: Buffer[]): void {
  if (v === null) out.push(Buffer.from([0xf6]));
  else if (v === undefined) out.push(Buffer.from([0xf7]));
  else if (typeof v === 'boolean') out.push(Buffer.from([v ? 0xf5 : 0xf4]));
  else if (typeof v === 'bigint') out.push(v < 0n ? head(1, -1n - v) : head(0, v));
  else if (typeof v === 'number')
    out.push(Number.isInteger(v) ? (v < 0 ? head(1, -1 - v) : head(0, v)) : float(v).bytes);
  else if (typeof v === 'string') {
    const s = Buffer.from(v);
    out.push(head(3, s.length), s);
  } else if (v instanceof Cbor) out.push(v.bytes);
  else if (Buffer.isBuffer(v)) out.push(head(2, v.length), v);
  else if (Array.isArray(v)) {
    out.push(head(4, v.length));
    for (const x of v) write(x, out);
  } else {
    const entries = Object.entries(v);
    out.push(head(5, entries.length));
    for (const [k, x] of entries) {
      write(k, out);
      write(x, out);
    }
  }
}
