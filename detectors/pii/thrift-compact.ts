/**
 * Thrift's compact protocol, as Parquet writes its footer and page headers: structs read into maps by field id,
 * without a schema. Bounded: a value past `end` or nesting past 32 is an error (every element takes a byte at least, so
 * a list's size claims nothing its bytes do not hold).
 */
import { unzigzag, VARINT, varintAt } from './varint.js';

/** @internal A value read: a struct, a list (or set), a binary's offsets, or an integer, double or boolean. */
export type ThriftValue = ThriftStruct | ThriftValue[] | ThriftBinary | number | boolean;
/** @internal A struct's fields by id. */
export type ThriftStruct = Map<number, ThriftValue>;
/** @internal A binary (a string) as the offsets of its bytes in the buffer read. */
export interface ThriftBinary {
  start: number;
  end: number;
}

/** @internal Thrown on bytes that are no compact-protocol struct. */
export class ThriftError extends Error {}

const MAX_DEPTH = 32;

/** @internal The struct at `bytes[at]`, and where it ends. */
export function thriftStruct(bytes: Uint8Array, at: number, end: number): { value: ThriftStruct; end: number } {
  const r = new Reader(bytes, at, Math.min(end, bytes.length));
  const value = r.struct(0);
  return { value, end: r.p };
}

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public p: number,
    private readonly end: number,
  ) {}

  private byte(): number {
    if (this.p >= this.end) throw new ThriftError('past the end');
    return this.b[this.p++] as number;
  }

  private varint(): number {
    const n = varintAt(this.b, this.p, this.end, 9);
    if (Number.isNaN(n)) throw new ThriftError(VARINT.cut ? 'past the end' : 'varint too long');
    this.p = VARINT.next;
    return n;
  }

  private zigzag(): number {
    return unzigzag(this.varint());
  }

  struct(depth: number): ThriftStruct {
    if (depth > MAX_DEPTH) throw new ThriftError('nested too deep');
    const fields: ThriftStruct = new Map();
    let id = 0;
    for (let header = this.byte(); header !== 0; header = this.byte()) {
      const delta = header >> 4;
      id = delta === 0 ? this.zigzag() : id + delta;
      const type = header & 0x0f;
      // a boolean field's value is its type
      fields.set(id, type === 1 ? true : type === 2 ? false : this.value(type, depth));
    }
    return fields;
  }

  private value(type: number, depth: number): ThriftValue {
    switch (type) {
      case 1:
      case 2:
        return this.byte() === 1;
      case 3:
        return this.byte();
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7: {
        const at = this.p;
        this.p += 8;
        if (this.p > this.end) throw new ThriftError('past the end');
        return new DataView(this.b.buffer, this.b.byteOffset + at, 8).getFloat64(0, true);
      }
      case 8: {
        const size = this.varint();
        const start = this.p;
        if (start + size > this.end) throw new ThriftError('past the end');
        this.p += size;
        return { start, end: this.p };
      }
      case 9:
      case 10:
        return this.list(depth);
      case 11:
        return this.map(depth);
      case 12:
        return this.struct(depth + 1);
      default:
        throw new ThriftError(`type ${type}`);
    }
  }

  private list(depth: number): ThriftValue[] {
    const header = this.byte();
    const size = header >> 4 === 15 ? this.varint() : header >> 4;
    const items: ThriftValue[] = [];
    for (let i = 0; i < size; i++) items.push(this.value(header & 0x0f, depth + 1));
    return items;
  }

  /** A map, read as a list of its keys and values (Parquet's footer holds none the scanner needs). */
  private map(depth: number): ThriftValue[] {
    const size = this.varint();
    if (size === 0) return [];
    const types = this.byte();
    const items: ThriftValue[] = [];
    for (let i = 0; i < size; i++) items.push(this.value(types >> 4, depth + 1), this.value(types & 0x0f, depth + 1));
    return items;
  }
}
