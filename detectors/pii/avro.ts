/**
 * Avro object container files (`Obj` and 1: Kafka Connect's S3 sink, Hive, Spark and Glue exports) read as the JSON
 * their records hold, by the schema in their header: the schema's field names name fields as a JSON body's keys do,
 * and each value found is reported at its own bytes (at its block's, in a block the `deflate`, `snappy`, `zstandard`
 * or `xz` codec compressed).
 */

import { Compression } from './decoders.js';
import { undoBlock } from './inflate.js';
import { CUT, finite, INVALID, integerText, JsonRenderer, type RenderedJson, type TimeUnit } from './json-render.js';
import { unzigzag, VARINT, varintAt } from './varint.js';

const MAGIC = [0x4f, 0x62, 0x6a, 0x01];
/** Block codecs read (`null` writes blocks as they are). */
const CODECS = new Set(['null', 'deflate', 'snappy', 'zstandard', 'xz']);
/** The codings that undo a codec's block, beside `deflate` (raw deflate) and `snappy` (a CRC after it). */
const BLOCK_CODINGS: Readonly<Record<string, Compression>> = { zstandard: Compression.ZSTD, xz: Compression.XZ };
/** Deepest nesting decoded (records in records, arrays, unions). */
const MAX_DEPTH = 64;

/** @internal True when `head` starts an Avro object container file. */
export function looksLikeAvro(head: Uint8Array): boolean {
  return MAGIC.every((b, k) => head[k] === b);
}

/** A schema as the header's JSON holds it: a type's name, a union, or a type object. */
type Schema = string | Schema[] | SchemaObject;
interface SchemaObject {
  type: Schema;
  name?: string;
  namespace?: string;
  fields?: { name: string; type: Schema }[];
  items?: Schema;
  values?: Schema;
  symbols?: string[];
  size?: number;
  logicalType?: string;
}

/**
 * @internal The JSON text an Avro container file's records hold (one per line), or undefined when it is no readable
 * one (a schema that does not parse, a codec other than `null`, `deflate`, `snappy`, `zstandard` and `xz`, a block that does not end at
 * its sync marker). Inflating stops at `maxInflated` bytes; `capped` then says from where the body was not read.
 */
export function avroText(body: Uint8Array, maxInflated: number): RenderedJson | undefined {
  return new AvroRenderer(body, maxInflated).render();
}

class AvroRenderer extends JsonRenderer {
  private readonly named = new Map<string, SchemaObject>();
  private inflated = 0;

  constructor(
    body: Uint8Array,
    private readonly maxInflated: number,
  ) {
    super(body);
  }

  protected values(): void {
    if (!looksLikeAvro(this.b)) throw INVALID;
    this.take(4);
    const meta = this.metadata();
    const schema = parseSchema(meta.get('avro.schema'));
    const codec = meta.get('avro.codec') ?? 'null';
    if (schema === undefined || !CODECS.has(codec)) throw INVALID;
    this.name(schema, '');
    const sync = this.take(16);
    while (this.p < this.b.length) {
      const count = this.long();
      const size = this.long();
      if (count < 0 || size < 0) throw INVALID;
      if (codec === 'null') this.records(schema, count);
      else if (!this.inflatedRecords(schema, count, this.take(size), size, codec)) return;
      const marker = this.take(16);
      for (let k = 0; k < 16; k++) if (this.b[marker + k] !== this.b[sync + k]) throw INVALID;
    }
  }

  /** The header's metadata map (`avro.schema`, `avro.codec`), its values as text. */
  private metadata(): Map<string, string> {
    const meta = new Map<string, string>();
    for (let count = this.long(); count !== 0; count = this.long()) {
      if (count < 0) this.long();
      for (let i = Math.abs(count); i > 0; i--) {
        const key = this.bytesText();
        meta.set(key, this.bytesText());
      }
    }
    return meta;
  }

  private bytesText(): string {
    const size = this.long();
    if (size < 0) throw INVALID;
    const at = this.take(size);
    return Buffer.from(this.b.buffer, this.b.byteOffset + at, size).toString('utf8');
  }

  /** `count` records from `p` (a block's end is checked by the sync marker after it). */
  private records(schema: Schema, count: number): void {
    for (let i = 0; i < count; i++) {
      this.value(schema, 0);
      this.put(10, this.p);
    }
  }

  /**
   * A block the `deflate`, `snappy`, `zstandard` or `xz` codec compressed, at `[at, at + size)`: its records are read from the
   * inflated bytes, each standing for the whole block. False when the inflating budget is spent (the rest is not read).
   */
  private inflatedRecords(schema: Schema, count: number, at: number, size: number, codec: string): boolean {
    const block = this.b.subarray(at, at + size);
    // a snappy block ends in the CRC-32 of what it holds
    const room = this.maxInflated - this.inflated;
    const data =
      codec === 'snappy'
        ? undoBlock(Compression.SNAPPY, block.subarray(0, -4), room)
        : undoBlock(BLOCK_CODINGS[codec] ?? 'deflate-raw', block, room);
    if (data === 'capped') {
      this.capped = { start: at, end: this.b.length };
      return false;
    }
    // a block that does not inflate is passed over; its sync marker still has to follow
    if (!data) return true;
    this.inflated += data.length;
    // a block whose records do not decode is passed over as one that does not inflate
    this.readDecoded(data, at, at + size, () => this.records(schema, count));
    return true;
  }

  /** Remembers every named type in `schema` by its full and its short name, before any record refers to one. */
  private name(schema: Schema, namespace: string): void {
    if (Array.isArray(schema)) {
      for (const branch of schema) this.name(branch, namespace);
      return;
    }
    if (typeof schema !== 'object' || schema === null) return;
    const space = schema.namespace ?? namespace;
    if (typeof schema.name === 'string') {
      this.named.set(schema.name, schema);
      this.named.set(schema.name.includes('.') || space === '' ? schema.name : `${space}.${schema.name}`, schema);
    }
    this.name(schema.type, space);
    for (const f of schema.fields ?? []) this.name(f.type, space);
    if (schema.items !== undefined) this.name(schema.items, space);
    if (schema.values !== undefined) this.name(schema.values, space);
  }

  private value(schema: Schema, depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    if (Array.isArray(schema)) {
      const branch = schema[this.long()];
      if (branch === undefined) throw INVALID;
      this.value(branch, depth + 1);
    } else if (typeof schema === 'string') {
      const named = this.named.get(schema) ?? this.named.get(schema.slice(schema.lastIndexOf('.') + 1));
      if (named) this.value(named, depth + 1);
      else this.primitive(schema, undefined);
    } else if (typeof schema !== 'object' || schema === null) throw INVALID;
    else if (schema.type === 'record' || schema.type === 'error') this.record(schema, depth);
    else if (schema.type === 'array' || schema.type === 'map') this.blocks(schema, depth);
    else if (schema.type === 'enum') {
      const h = this.p;
      const symbol = schema.symbols?.[this.long()];
      if (symbol === undefined) throw INVALID;
      this.ascii(JSON.stringify(symbol), h, this.p);
    } else if (schema.type === 'fixed') {
      const h = this.take(schema.size ?? 0);
      this.ascii('null', h, this.p);
    } else if (typeof schema.type === 'string' && !this.named.has(schema.type)) this.primitive(schema.type, schema);
    else this.value(schema.type, depth + 1);
  }

  private record(schema: SchemaObject, depth: number): void {
    this.put(123, this.p);
    (schema.fields ?? []).forEach((field, i) => {
      // the name comes from the schema: it stands for no byte of the body
      this.ascii(`${i > 0 ? ',' : ''}${JSON.stringify(String(field.name))}:`, this.p, this.p);
      this.value(field.type, depth + 1);
    });
    this.put(125, this.p);
  }

  /** An array's or a map's items, written in blocks (a negative count is followed by the block's size). */
  private blocks(schema: SchemaObject, depth: number): void {
    const map = schema.type === 'map';
    this.put(map ? 123 : 91, this.p);
    let first = true;
    for (let count = this.long(); count !== 0; count = this.long()) {
      if (count < 0) this.long();
      for (let i = Math.abs(count); i > 0; i--, first = false) {
        if (!first) this.put(44, this.p);
        if (map) {
          this.string(this.size());
          this.put(58, this.p);
        }
        this.value((map ? schema.values : schema.items) ?? 'null', depth + 1);
      }
    }
    this.put(map ? 125 : 93, this.p);
  }

  /** A primitive value; a date or timestamp (its logical type) as an ISO 8601 string, a decimal as `null`. */
  private primitive(type: string, schema: SchemaObject | undefined): void {
    const h = this.p;
    const logical = schema?.logicalType;
    let text: string;
    if (type === 'string' || (type === 'bytes' && logical !== 'decimal')) {
      this.string(this.size());
      return;
    }
    if (type === 'null') text = 'null';
    else if (type === 'boolean') text = this.b[this.take(1)] === 0 ? 'false' : 'true';
    else if (type === 'int' || type === 'long')
      text = integerText(this.long(), logical === undefined ? undefined : TIME_UNITS[logical]);
    else if (type === 'float') text = finite(this.view.getFloat32(this.take(4), true));
    else if (type === 'double') text = finite(this.view.getFloat64(this.take(8), true));
    else if (type === 'bytes') {
      this.take(this.size());
      text = 'null';
    } else throw INVALID;
    this.ascii(text, h, this.p);
  }

  /** A length (of a string, bytes or a map key). */
  private size(): number {
    const size = this.long();
    if (size < 0) throw INVALID;
    return size;
  }

  /** A zigzag varint (exact to 2^53, as card and phone numbers stored as longs are). */
  private long(): number {
    const n = varintAt(this.b, this.p, this.b.length, 10);
    // the body ending inside it cuts the decoding; eleven bytes or more are no long
    if (Number.isNaN(n)) throw VARINT.cut ? CUT : INVALID;
    this.p = VARINT.next;
    return unzigzag(n);
  }
}

/** Avro's logical types that count time, by the unit they count in. */
const TIME_UNITS: Readonly<Record<string, TimeUnit>> = {
  date: 'day',
  'timestamp-millis': 'ms',
  'local-timestamp-millis': 'ms',
  'timestamp-micros': 'us',
  'local-timestamp-micros': 'us',
};

function parseSchema(text: string | undefined): Schema | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Schema;
  } catch {
    return undefined;
  }
}
