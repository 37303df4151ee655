/** A minimal MessagePack encoder for tests (the spec's smallest form of each value; `Buffer` as bin). */

/** A value the encoder writes. */
export type Packable = null | boolean | number | bigint | string | Buffer | Packable[] | { [key: string]: Packable };

/** `value` as MessagePack bytes. */
export function pack(value: Packable): Buffer {
  const out: Buffer[] = [];
  write(value, out);
  return Buffer.concat(out);
}

function header(small: number, base: number, size: number, codes: [number, number, number]): Buffer {
  if (size < small) return Buffer.from([base | size]);
  if (size < 0x100 && codes[0] !== 0) return Buffer.from([codes[0], size]);
  if (size < 0x10000) return Buffer.from([codes[1], size >> 8, size & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = codes[2];
  b.writeUInt32BE(size, 1);
  return b;
}

function write(v: Packable, out: Buffer[]): void {
  if (v === null) out.push(Buffer.from([0xc0]));
  else if (typeof v === 'boolean') out.push(Buffer.from([v ? 0xc3 : 0xc2]));
  else if (typeof v === 'bigint') {
    const b = Buffer.alloc(9);
    b[0] = v < 0n ? 0xd3 : 0xcf;
    if (v < 0n) b.writeBigInt64BE(v, 1);
    else b.writeBigUInt64BE(v, 1);
    out.push(b);
  } else if (typeof v === 'number') out.push(number(v));
  else if (typeof v === 'string') {
    const s = Buffer.from(v);
    out.push(header(32, 0xa0, s.length, [0xd9, 0xda, 0xdb]), s);
  } else if (Buffer.isBuffer(v)) out.push(header(0, 0, v.length, [0xc4, 0xc5, 0xc6]), v);
  else if (Array.isArray(v)) {
    out.push(header(16, 0x90, v.length, [0, 0xdc, 0xdd]));
    for (const x of v) write(x, out);
  } else {
    const entries = Object.entries(v);
    out.push(header(16, 0x80, entries.length, [0, 0xde, 0xdf]));
    for (const [k, x] of entries) {
      write(k, out);
      write(x, out);
    }
  }
}

function number(v: number): Buffer {
  if (!Number.isInteger(v)) {
    const b = Buffer.alloc(9);
    b[0] = 0xcb;
    b.writeDoubleBE(v, 1);
    return b;
  }
  if (v >= 0 && v < 0x80) return Buffer.from([v]);
  if (v < 0 && v >= -32) return Buffer.from([v & 0xff]);
  const b = Buffer.alloc(9);
  if (v >= 0 && v <= 0xffffffff) {
    b[0] = 0xce;
    b.writeUInt32BE(v, 1);
    return b.subarray(0, 5);
  }
  if (v < 0 && v >= -0x80000000) {
    b[0] = 0xd2;
    b.writeInt32BE(v, 1);
    return b.subarray(0, 5);
  }
  b[0] = v < 0 ? 0xd3 : 0xcf;
  if (v < 0) b.writeBigInt64BE(BigInt(v), 1);
  else b.writeBigUInt64BE(BigInt(v), 1);
  return b;
}
