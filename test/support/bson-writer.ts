/** A minimal BSON encoder for tests (the types a `mongodump` of user records holds). */

/** An ObjectId, written as its 12 bytes. */
export class ObjectId {
  constructor(readonly hex: string) {}
}

/** A value the encoder writes. */
export type Bsonable =
  | null
  | boolean
  | number
  | bigint
  | string
  | Date
  | Buffer
  | ObjectId
  | Bsonable[]
  | { [key: string]: Bsonable };

/** `doc` as one BSON document. */
export function bson(doc: { [key: string]: Bsonable } | Bsonable[]): Buffer {
  const elements = Object.entries(doc).map(([k, v]) => element(k, v));
  const body = Buffer.concat([...elements, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(body.length + 4);
  return Buffer.concat([size, body]);
}

function element(key: string, v: Bsonable): Buffer {
  const [type, data] = value(v);
  return Buffer.concat([Buffer.from([type]), Buffer.from(`${key}\0`), data]);
}

function value(v: Bsonable): [number, Buffer] {
  if (v === null) return [0x0a, Buffer.alloc(0)];
  if (typeof v === 'boolean') return [0x08, Buffer.from([v ? 1 : 0])];
  if (typeof v === 'bigint') return [0x12, int64(v)];
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
      const b = Buffer.alloc(4);
      b.writeInt32LE(v);
      return [0x10, b];
    }
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return [0x01, b];
  }
  if (typeof v === 'string') {
    const s = Buffer.from(`${v}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(s.length);
    return [0x02, Buffer.concat([size, s])];
  }
  if (v instanceof Date) return [0x09, int64(BigInt(v.getTime()))];
  if (v instanceof ObjectId) return [0x07, Buffer.from(v.hex, 'hex')];
  if (Buffer.isBuffer(v)) {
    const size = Buffer.alloc(5);
    size.writeInt32LE(v.length);
    return [0x05, Buffer.concat([size, v])];
  }
  return [Array.isArray(v) ? 0x04 : 0x03, bson(v)];
}

function int64(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(v);
  return b;
}
