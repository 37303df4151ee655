/**
 * Parquet files (`PAR1`: Athena and Redshift UNLOAD results, Glue, Spark and Firehose output) read column by column:
 * each value of a string, date or integer column is written as a one-key JSON object named by its column
 * (`{"email":"ada@example.org"}`), so the column's name counts as a JSON key does. Plain values are reported at their
 * own bytes, values in a compressed page at the page's, and a dictionary-encoded column by its dictionary (each distinct
 * value once, as Art. 33's count of subjects wants).
 */

import { Compression } from './decoders.js';
import { undoBlock } from './inflate.js';
import { INVALID, integerText, JsonRenderer, type RenderedJson, type TimeUnit } from './json-render.js';
import { type ThriftBinary, type ThriftStruct, type ThriftValue, thriftStruct } from './thrift-compact.js';
import { unzigzag, VARINT, varintAt } from './varint.js';

const MAGIC = Buffer.from('PAR1', 'latin1');
/** Physical types read: INT32, INT64 and BYTE_ARRAY. */
const INT32 = 1;
const INT64 = 2;
const BYTE_ARRAY = 6;
/** Converted types that make an integer a date or a timestamp (DATE, TIMESTAMP_MILLIS, TIMESTAMP_MICROS). */
const TIME_UNITS: Readonly<Record<number, TimeUnit>> = { 6: 'day', 9: 'ms', 10: 'us' };
/** Page types and the encodings whose values are read (`PLAIN`; a dictionary's indices are not values). */
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;
const DATA_PAGE_V2 = 3;
const PLAIN = 0;
const DELTA_LENGTH_BYTE_ARRAY = 6;
const DELTA_BYTE_ARRAY = 7;
const DICTIONARY_ENCODINGS = new Set([2, 8]);
/** Most values one DELTA_BINARY_PACKED run is read for (a run of zero-width miniblocks costs no bytes). */
const DELTA_MAX_VALUES = 1 << 20;
/** Codecs undone: SNAPPY, GZIP, BROTLI, ZSTD and LZ4_RAW (LZO and Hadoop's LZ4 framing are not: passed over). */
const CODECS: Readonly<Record<number, Compression | 'lz4-raw'>> = {
  1: Compression.SNAPPY,
  2: Compression.GZIP,
  4: Compression.BROTLI,
  6: Compression.ZSTD,
  7: 'lz4-raw',
};

/** @internal True when `head` starts a Parquet file. */
export function looksLikeParquet(head: Uint8Array): boolean {
  return head.length >= 4 && MAGIC.every((b, k) => head[k] === b);
}

/**
 * @internal The JSON text a Parquet file's columns hold, one value a line, or undefined when its footer does not read
 * (a file cut short has none). Pages decompress up to `maxDecoded` bytes in all; `capped` then says the rest was not.
 */
export function parquetText(body: Uint8Array, maxDecoded: number): RenderedJson | undefined {
  return new ParquetRenderer(body, maxDecoded).render();
}

/** A leaf column: its name (the last part of its path) and what its pages hold before their values. */
interface Column {
  name: string;
  converted: number | undefined;
  /** Levels are written: a repeated field's repetition levels, a nullable one's definition levels. */
  repeated: boolean;
  defined: boolean;
}

class ParquetRenderer extends JsonRenderer {
  private decoded = 0;

  constructor(
    body: Uint8Array,
    private readonly maxDecoded: number,
  ) {
    super(body);
  }

  protected values(): void {
    const b = this.b;
    const n = b.length;
    if (n < 12 || !MAGIC.every((c, k) => b[n - 4 + k] === c)) throw INVALID;
    const footerStart = n - 8 - this.view.getUint32(n - 8, true);
    if (footerStart < 4) throw INVALID;
    let meta: ThriftStruct;
    try {
      meta = thriftStruct(b, footerStart, n - 8).value;
    } catch {
      throw INVALID;
    }
    const columns = leafColumns(this.b, list(meta.get(2)));
    for (const group of list(meta.get(4)))
      for (const chunk of list(field(group, 1))) {
        const md = field(chunk, 3);
        if (!(md instanceof Map)) continue;
        const path = list(md.get(3)).map((part) => binaryText(b, part));
        const column = columns.get(path.join('.'));
        const start = num(md.get(11)) ?? num(md.get(9));
        const size = num(md.get(7));
        // a chunk of no known column, or placed outside the pages (a mangled footer), is passed over
        if (!column || start === undefined || size === undefined || start < 4 || size < 0) continue;
        if (!this.readChunk(column, md, start, size, footerStart)) return;
      }
  }

  /** A column chunk's pages, from `start` for `size` bytes (before the footer). False once the size cap is reached. */
  private readChunk(column: Column, md: ThriftStruct, start: number, size: number, limit: number): boolean {
    const type = num(md.get(1)) ?? -1;
    const codec = num(md.get(4)) ?? 0;
    if (type !== BYTE_ARRAY && type !== INT32 && type !== INT64) return true;
    const end = Math.min(start + size, limit);
    for (let p = start; p < end; ) {
      let header: ThriftStruct;
      try {
        ({ value: header, end: p } = thriftStruct(this.b, p, end));
      } catch {
        return true;
      }
      const pageType = num(header.get(1));
      const dataEnd = p + (num(header.get(3)) ?? 0);
      if (dataEnd > end || dataEnd < p) return true;
      const v2 = pageType === DATA_PAGE_V2 ? field(header, 8) : undefined;
      const encoding = pageType === DICTIONARY_PAGE ? PLAIN : num(v2 ? field(v2, 4) : field(header, 5, 2));
      const page = { p, end: dataEnd };
      p = dataEnd;
      // a dictionary-encoded page holds indices into the dictionary, whose values are read once
      if (pageType !== DATA_PAGE && pageType !== DATA_PAGE_V2 && pageType !== DICTIONARY_PAGE) continue;
      if (DICTIONARY_ENCODINGS.has(encoding ?? -1)) continue;
      // a v2 page's levels come first and are never compressed; a v1 page's are inside its data
      const from = page.p + (v2 ? (num(field(v2, 5)) ?? 0) + (num(field(v2, 6)) ?? 0) : 0);
      if (from < page.p || from > page.end) continue;
      const read = (end: number): void => {
        if (pageType === DATA_PAGE && !this.skipLevels(column, end)) return;
        if (encoding === PLAIN) this.plainValues(column, type, end);
        else if (type === BYTE_ARRAY && (encoding === DELTA_LENGTH_BYTE_ARRAY || encoding === DELTA_BYTE_ARRAY))
          this.deltaValues(column, encoding === DELTA_BYTE_ARRAY, end);
        // an encoding not read (byte stream split, delta-packed integers): its bytes are kept as one string
        else this.named(column, this.p, () => this.string(end - this.p));
      };
      if (codec === 0) {
        const saved = this.p;
        this.p = from;
        try {
          read(page.end);
        } finally {
          this.p = saved;
        }
        continue;
      }
      const data = this.decompress(codec, this.b.subarray(from, page.end), num(header.get(2)) ?? 0);
      if (data === 'capped') {
        this.capped = { start: page.p, end: this.b.length };
        return false;
      }
      if (data) this.readDecoded(data, page.p, page.end, () => read(data.length));
    }
    return true;
  }

  /** A page's data decompressed (`undefined` when it does not, `'capped'` past the size cap). */
  private decompress(codec: number, data: Uint8Array, size: number): Buffer | undefined | 'capped' {
    const room = this.maxDecoded - this.decoded;
    const kind = CODECS[codec];
    if (size > room) return 'capped';
    const out = kind === undefined ? undefined : undoBlock(kind, data, room);
    if (out instanceof Buffer) this.decoded += out.length;
    return out;
  }

  /** Passes over a v1 data page's repetition and definition levels (each run prefixed by its length); false past `end`. */
  private skipLevels(column: Column, end: number): boolean {
    for (const present of [column.repeated, column.defined])
      if (present) {
        if (this.p + 4 > end) return false;
        this.p += 4 + this.view.getUint32(this.p, true);
      }
    return this.p <= end;
  }

  /** A page's PLAIN values from `p` to `end`; a value past `end` ends them. */
  private plainValues(column: Column, type: number, end: number): void {
    const v = this.view;
    const width = type === INT32 ? 4 : 8;
    while (this.p < end) {
      const h = this.p;
      if (type === BYTE_ARRAY) {
        if (h + 4 > end) return;
        const size = v.getUint32(h, true);
        if (h + 4 + size > end) return;
        this.p += 4;
        this.named(column, this.p, () => this.string(size));
      } else {
        if (h + width > end) return;
        const value = type === INT32 ? v.getInt32(h, true) : Number(v.getBigInt64(h, true));
        this.p += width;
        this.named(column, h, () =>
          this.ascii(
            integerText(value, column.converted === undefined ? undefined : TIME_UNITS[column.converted]),
            h,
            this.p,
          ),
        );
      }
    }
  }

  /**
   * A page's byte arrays as DELTA_LENGTH_BYTE_ARRAY writes them (their lengths delta-packed, then the bytes one after
   * another) or, `prefixed`, DELTA_BYTE_ARRAY (each value shares a prefix with the one before: the prefix lengths come
   * first). A value stands for its own bytes; a shared prefix, written again, stands for none.
   */
  private deltaValues(column: Column, prefixed: boolean, end: number): void {
    const prefixes = prefixed ? deltaPacked(this.b, this.p, end) : undefined;
    const lengths = prefixed && !prefixes ? undefined : deltaPacked(this.b, prefixes?.end ?? this.p, end);
    if (!lengths) return;
    let at = lengths.end;
    let previous: Uint8Array = new Uint8Array(0);
    lengths.values.every((size, i) => {
      const prefix = prefixes?.values[i] ?? 0;
      if (size < 0 || at + size > end || prefix < 0 || prefix > previous.length) return false;
      const s = at;
      this.named(column, s, () => {
        this.put(34, s);
        for (let k = 0; k < prefix; k++) this.escaped(previous[k] as number, s, s);
        for (let k = s; k < s + size; k++) this.escaped(this.b[k] as number, k, k + 1);
        this.put(34, s + size);
        this.p = s + size;
      });
      previous = Buffer.concat([previous.subarray(0, prefix), this.b.subarray(s, s + size)]);
      at = s + size;
      return true;
    });
  }

  /** `{"<column>":` value `}` and a line break; the name stands for no byte of the body. */
  private named(column: Column, at: number, value: () => void): void {
    this.ascii(`{${JSON.stringify(column.name)}:`, at, at);
    value();
    this.ascii('}\n', this.p, this.p);
  }
}

/** The schema's leaf columns by their dotted path. */
function leafColumns(bytes: Uint8Array, schema: ThriftValue[]): Map<string, Column> {
  const columns = new Map<string, Column>();
  let k = 1;
  const walk = (prefix: string[], repeated: boolean, defined: boolean): void => {
    const element = schema[k++];
    if (!(element instanceof Map)) return;
    const name = binaryText(bytes, element.get(4));
    const repetition = num(element.get(3)) ?? 0;
    const path = [...prefix, name];
    const [r, d] = [repeated || repetition === 2, defined || repetition !== 0];
    const children = num(element.get(5)) ?? 0;
    if (children === 0) columns.set(path.join('.'), { name, converted: num(element.get(6)), repeated: r, defined: d });
    for (let c = 0; c < children && k < schema.length; c++) walk(path, r, d);
  };
  const root = schema[0];
  const count = root instanceof Map ? (num(root.get(5)) ?? 0) : 0;
  for (let c = 0; c < count && k < schema.length; c++) walk([], false, false);
  return columns;
}

/**
 * @internal DELTA_BINARY_PACKED integers at `bytes[at]` (a header of block size, miniblocks per block, count and first value,
 * then blocks of a minimum delta, miniblock bit widths and the deltas bit-packed), and where they end; undefined when
 * they do not fit before `end`. Read as Numbers: they are lengths here.
 */
export function deltaPacked(bytes: Uint8Array, at: number, end: number): { values: number[]; end: number } | undefined {
  let p = at;
  const varint = (): number => {
    const n = varintAt(bytes, p, end, 8);
    p = VARINT.next;
    return n;
  };
  const zigzag = (): number => unzigzag(varint());
  const [blockSize, miniblocks, count] = [varint(), varint(), varint()];
  let last = zigzag();
  const perMiniblock = blockSize / miniblocks;
  if (!Number.isInteger(perMiniblock) || perMiniblock % 8 !== 0 || Number.isNaN(last) || !(count <= DELTA_MAX_VALUES))
    return undefined;
  const values = count > 0 ? [last] : [];
  while (values.length < count) {
    const minDelta = zigzag();
    if (Number.isNaN(minDelta) || p + miniblocks > end) return undefined;
    const widths = bytes.subarray(p, p + miniblocks);
    p += miniblocks;
    for (const width of widths) {
      if (values.length >= count) break;
      const size = (width * perMiniblock) / 8;
      if (width > 32 || p + size > end) return undefined;
      for (let i = 0; i < perMiniblock && values.length < count; i++) {
        let delta = 0;
        for (let bit = 0; bit < width; bit++) {
          const at = i * width + bit;
          if (((bytes[p + (at >> 3)] as number) >> (at & 7)) & 1) delta += 2 ** bit;
        }
        last += minDelta + delta;
        values.push(last);
      }
      p += size;
    }
  }
  return { values, end: p };
}

/** A Thrift binary's bytes as UTF-8 text ('' for no binary). */
function binaryText(bytes: Uint8Array, value: ThriftValue | undefined): string {
  const at = value as ThriftBinary | undefined;
  if (at?.start === undefined) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset + at.start, at.end - at.start).toString('utf8');
}

function list(value: ThriftValue | undefined): ThriftValue[] {
  return Array.isArray(value) ? value : [];
}

/** `value`'s field `id` (and its field `sub`), when `value` is a struct. */
function field(value: ThriftValue | undefined, id: number, sub?: number): ThriftValue | undefined {
  const inner = value instanceof Map ? value.get(id) : undefined;
  return sub === undefined ? inner : inner instanceof Map ? inner.get(sub) : undefined;
}

function num(value: ThriftValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
