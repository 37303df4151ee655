/**
 * Delimited tables (CSV, TSV, semicolon- or pipe-separated exports), the usual shape of a bulk leak. A column's
 * header names what its cells hold once, at the top, far from the values: `card_number` counts as context for
 * every card number below it, and `first_name` yields PERSON_NAME for each of its cells, as a JSON key does for
 * its value. The scanner reads the header, then tracks the column of every byte of the rows as they arrive.
 */
import { advanceContext } from './context.js';
import { type Engine, type Hit, newContext } from './engine.js';
import { emit, FIELD_VALUE_MAX, fieldNamed } from './fields.js';
import type { FieldRecognizer } from './types.js';
import { latin1 } from './window-features.js';

/** Bytes gathered for the header line and the first row before a body is read as plain text. */
export const CSV_SNIFF_MAX = 8192;
/** A quoted cell longer than this is taken for a stray quote: the body from there on is read as plain text. */
const QUOTED_MAX = 64 * 1024;
/** `,` TAB `;` `|` */
const DELIMITERS = [44, 9, 59, 124];
const QUOTE = 34;
const NEWLINE = 10;
/** 1 for the bytes a header line is made of: those of column names, quotes, delimiters and CR. */
const HEADER_BYTE = new Uint8Array(256);
for (let c = 48; c <= 57; c++) HEADER_BYTE[c] = 1;
for (let c = 65; c <= 90; c++) HEADER_BYTE[c] = HEADER_BYTE[c + 32] = 1;
for (const ch of ' _.#()/-"\r') HEADER_BYTE[ch.charCodeAt(0)] = 1;
for (const c of DELIMITERS) HEADER_BYTE[c] = 1;
/** A column name: a letter or `_`, then at most 63 letters, digits, spaces or `_ . # ( ) / -`. */
const NAME = /^[A-Za-z_][A-Za-z0-9 _.#()/-]{0,63}$/;

/** @internal What a column's header gives its cells. */
export interface CsvColumn {
  /** Recognizers put in context (1 at their index) by a context word in the header, if any. */
  context: Uint8Array | undefined;
  /** The field recognizer the header names (`first_name`), if any. */
  field: FieldRecognizer | undefined;
}

/** @internal A table's header: its delimiter, its columns, and where the rows start. */
export interface CsvHeader {
  delimiter: number;
  columns: CsvColumn[];
  rowsFrom: number;
}

/**
 * @internal Reads the start of a body as a table: a header line of two or more column names and a first row
 * with as many delimiters. `wait` while neither line is complete (and more input may come); undefined for
 * anything else, and for a table none of whose column names means personal data.
 */
export function sniffCsv(engine: Engine, bytes: Uint8Array, final: boolean): CsvHeader | 'wait' | undefined {
  // decided on the first CSV_SNIFF_MAX bytes alone, so that every chunking of the input decides alike
  if (bytes.length < 3 && !final) return 'wait';
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const limit = Math.min(bytes.length, CSV_SNIFF_MAX);
  // a byte no header line holds ends the sniff at once: JSON, XML, form bodies and log lines are never held
  let headerEnd = from;
  while (headerEnd < limit && HEADER_BYTE[bytes[headerEnd] as number] === 1) headerEnd++;
  if (headerEnd === limit) return !final && bytes.length < CSV_SNIFF_MAX ? 'wait' : undefined;
  if (bytes[headerEnd] !== NEWLINE || headerEnd === from) return undefined;
  const delimiter = mostFrequentDelimiter(bytes, from, headerEnd);
  if (delimiter === undefined) return undefined;
  const names = splitRow(bytes, from, headerEnd + 1, delimiter).cells;
  const row = splitRow(bytes, headerEnd + 1, limit, delimiter);
  // a first row that does not end in view: wait for it, or (a short body) it ends with the body
  if (row.end < 0 && bytes.length >= CSV_SNIFF_MAX) return undefined;
  if (row.end < 0 && !final) return 'wait';
  if (row.cells.length !== names.length) return undefined;
  const columns: CsvColumn[] = [];
  let named = 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (const [s, e] of names) {
    const name = text
      .toString('latin1', s, e)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === '') {
      columns.push({ context: undefined, field: undefined });
      continue;
    }
    if (!NAME.test(name)) return undefined;
    named++;
    columns.push(columnNamed(engine, Buffer.from(name, 'latin1')));
  }
  if (named < 2 || !columns.some((c) => c.context || c.field)) return undefined;
  return { delimiter, columns, rowsFrom: headerEnd + 1 };
}

function columnNamed(engine: Engine, name: Buffer): CsvColumn {
  const ctx = newContext(engine);
  advanceContext(engine.context, ctx, name, 0, name.length);
  const context = Uint8Array.from(ctx.lastSeen, (seen) => (seen >= 0 ? 1 : 0));
  return { context: context.includes(1) ? context : undefined, field: fieldNamed(engine.fields, name, 0, name.length) };
}

/** The candidate delimiter seen most often outside quotes in the line `bytes[s, e)`, if any is. */
function mostFrequentDelimiter(bytes: Uint8Array, s: number, e: number): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = splitRow(bytes, s, e, d).cells.length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The cells of the row starting at `s`, as `[start, end)` pairs (CR dropped), up to its first newline outside
 * quotes before `limit`; `end` is that newline, or -1 when the row runs on to `limit`. A quote opens a cell only
 * at its start, and inside one a doubled quote is a quote: delimiters and newlines in quotes are cell content.
 */
function splitRow(
  bytes: Uint8Array,
  s: number,
  limit: number,
  delimiter: number,
): { cells: [number, number][]; end: number } {
  const cells: [number, number][] = [];
  let start = s;
  let quoted = false;
  for (let i = s; i < limit; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      if (i === start) quoted = true;
      else if (quoted && bytes[i + 1] === QUOTE) i++;
      else quoted = false;
    } else if (!quoted && c === delimiter) {
      cells.push([start, i]);
      start = i + 1;
    } else if (!quoted && c === NEWLINE) {
      cells.push([start, withoutCr(bytes, start, i)]);
      return { cells, end: i };
    }
  }
  cells.push([start, withoutCr(bytes, start, limit)]);
  return { cells, end: -1 };
}

function withoutCr(bytes: Uint8Array, s: number, e: number): number {
  return e > s && bytes[e - 1] === 13 ? e - 1 : e;
}

/**
 * @internal The rows of a table read as they arrive: each cell's start and column (absolute offsets, so a
 * byte's column does not depend on how the input was chunked), and the cells of field columns reported as
 * they close. Quoted cells may hold delimiters, newlines and doubled quotes (RFC 4180).
 */
export class CsvReader {
  /** Absolute offset of the first byte of the text being scanned (set by the scanner before each pass). */
  base = 0;
  private pos: number;
  private column = 0;
  private quoted = false;
  private cellStart: number;
  /** From here on the body is no table (a stray quote opened a cell that did not close in QUOTED_MAX bytes). */
  private brokenAt = Number.POSITIVE_INFINITY;
  private starts = new Float64Array(64);
  private columns = new Int32Array(64);
  private count = 0;

  constructor(
    private readonly header: CsvHeader,
    /** Layer depth of the text the table is in: decoded layers inside it are no table. */
    readonly depth: number,
  ) {
    this.pos = header.rowsFrom;
    this.cellStart = header.rowsFrom;
    this.record(header.rowsFrom);
  }

  /** Reads `text` (from `base`) up to its end, reporting closed cells of field columns into `out`. */
  advance(text: Buffer, final: boolean, engine: Engine, out: Hit[]): void {
    const base = this.base;
    const delimiter = this.header.delimiter;
    const n = text.length;
    let i = Math.max(0, this.pos - base);
    for (; i < n && this.brokenAt === Number.POSITIVE_INFINITY; i++) {
      const c = text[i] as number;
      if (this.quoted) {
        if (c !== QUOTE) {
          if (base + i - this.cellStart > QUOTED_MAX) this.brokenAt = base + i;
          continue;
        }
        // a closing quote or the first of a doubled one: the next byte decides
        if (i + 1 >= n && !final) break;
        if (text[i + 1] === QUOTE) i++;
        else this.quoted = false;
        continue;
      }
      if (c === QUOTE && base + i === this.cellStart) this.quoted = true;
      else if (c === delimiter || c === NEWLINE) {
        this.close(text, i, engine, out);
        this.column = c === NEWLINE ? 0 : this.column + 1;
        this.cellStart = base + i + 1;
        this.record(this.cellStart);
      }
    }
    this.pos = base + i;
    if (final && i >= n) this.close(text, n, engine, out);
  }

  /** What the header of the column holding `text[at]` gives as context, if anything. */
  contextAt(at: number): Uint8Array | undefined {
    const abs = this.base + at;
    if (abs >= this.brokenAt) return undefined;
    const k = this.cellIndex(abs);
    return k < 0 ? undefined : this.header.columns[this.columns[k] as number]?.context;
  }

  /** Forgets the cells that end before absolute offset `at` (the scanner no longer holds their bytes). */
  trim(at: number): void {
    const k = this.cellIndex(at);
    if (k <= 0) return;
    this.starts.copyWithin(0, k, this.count);
    this.columns.copyWithin(0, k, this.count);
    this.count -= k;
  }

  private record(start: number): void {
    if (this.count === this.starts.length) {
      const starts = new Float64Array(this.count * 2);
      const columns = new Int32Array(this.count * 2);
      starts.set(this.starts);
      columns.set(this.columns);
      this.starts = starts;
      this.columns = columns;
    }
    this.starts[this.count] = start;
    this.columns[this.count] = this.column;
    this.count++;
  }

  /** Index of the last cell starting at or before `abs`; -1 when none does (the header line). */
  private cellIndex(abs: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] as number) <= abs) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * Reports the cell ending at `text[end]` when its column names a field and it has the field's shape. Its start
   * is still in `text`: the scanner keeps the last FIELD_VALUE_MAX + 48 bytes of every chunk (see `fieldLimit`).
   */
  private close(text: Buffer, end: number, engine: Engine, out: Hit[]): void {
    const field = this.header.columns[this.column]?.field;
    if (!field) return;
    let s = this.cellStart - this.base;
    let e = withoutCr(text, s, end);
    if (s < 0 || e - s > FIELD_VALUE_MAX) return;
    const quoted = e - s >= 2 && text[s] === QUOTE && text[e - 1] === QUOTE;
    if (quoted) {
      s++;
      e--;
    }
    const value = latin1(text, s, e);
    emit(field, quoted ? value.replace(/""/g, '"') : value, s, e, engine, out);
  }
}
