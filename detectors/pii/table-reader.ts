import { startsAt } from './byte-search.js';
import { copyUnescape, sqlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { FIELD_VALUE_MAX } from './fields.js';
import {
  copyHeaderAt,
  createTableAt,
  insertHeaderAt,
  NEWLINE,
  QUOTE,
  type TableHeader,
  withoutCr,
} from './table-headers.js';
import { latin1 } from './window-features.js';

/** Statements that open or describe a dump's table, looked for at line starts. */
const STATEMENTS = ['COPY ', 'CREATE TABLE ', 'INSERT INTO '].map((s) => Buffer.from(s, 'latin1'));
const [COPY, CREATE] = STATEMENTS as [Buffer, Buffer, Buffer];
/**
 * What is searched for: each statement's first word. Node's `indexOf` finds a needle with a space inside
 * (`INSERT INTO `) four to eight times slower than one without, over traffic full of spaces.
 */
const FIRST_WORDS = STATEMENTS.map((s) => s.subarray(0, s.indexOf(32)));
const LONGEST_STATEMENT = Math.max(...STATEMENTS.map((s) => s.length));
/**
 * Tables whose CREATE TABLE columns are remembered for the INSERT statements that name none (with at most
 * `COLUMNS_MAX` names of at most 64 bytes each, memory stays under 16 MiB whatever the dump holds).
 */
const KNOWN_TABLES_MAX = 256;
const BACKSLASH = 92;
const NO_TABLES: ReadonlyMap<string, string[]> = new Map();
const APOSTROPHE = 39;
/** A quoted cell longer than this is taken for a stray quote: the body from there on is read as plain text. */
const QUOTED_MAX = 64 * 1024;

/**
 * @internal The tables of one body read as its bytes arrive: a CSV export from its first row on, and the COPY
 * blocks and INSERT statements of a database dump wherever they start. The reader runs ahead of the window scan over each text and
 * records where every cell starts and what its column's header puts in context, at absolute offsets, so a
 * byte's column does not depend on how the input was chunked; the cells of field columns are reported as they
 * close.
 */
export class TableReader {
  /** Absolute offset of the first byte of the text being scanned (set by the scanner before each pass). */
  base = 0;
  /** Absolute offset read up to. */
  private pos = 0;
  /** The table being read; undefined between tables. */
  private table: TableHeader | undefined;
  private column = 0;
  /** Inside a quoted cell (CSV) or string (SQL). */
  private quoted = false;
  /** Parentheses open in an INSERT's rows: 1 inside a row, more inside a value (`ST_GeomFromText('…')`). */
  private parens = 0;
  private cellStart = 0;
  /** Column names of the tables created so far, by name. */
  private known: Map<string, string[]> | undefined;
  /** Absolute offset up to which statements were searched for (and not found). */
  private searched = 0;
  /** Start of a statement (COPY, CREATE TABLE, INSERT) whose end is not in view yet. */
  private pending = Number.POSITIVE_INFINITY;
  /** Cell starts (absolute) and the context of their columns; a table's end is recorded with no context. */
  /** Allocated with the first table: most bodies hold none (a scanner per egress sample). */
  private starts = new Float64Array(0);
  private contexts: (Uint8Array | undefined)[] = [];
  private count = 0;

  constructor(
    /** Layer depth of the text the tables are in: decoded layers inside it are no table. */
    readonly depth: number,
    /** A table that starts the body (a sniffed CSV header), if any. */
    first?: TableHeader,
  ) {
    if (!first) return;
    this.enter(first, first.rowsFrom);
    // the header line is no row: reading starts after it
    this.pos = first.rowsFrom;
  }

  /** Reads `text` (from `base`) up to its end, reporting closed cells of field columns into `out`. */
  advance(text: Buffer, final: boolean, engine: Engine, out: Hit[]): void {
    const n = text.length;
    let i = Math.max(0, this.pos - this.base);
    while (i < n) {
      if (this.table) {
        i = this.readRows(text, i, final, engine, out);
        // stopped inside the table: at the end of the text, or where a byte still to come decides
        if (this.table) break;
        continue;
      }
      // at the end of the input, the bytes searched already (and held back for a cut first word) hold no statement
      // whole: a statement needs a line or `VALUES` after it
      if (final && this.pending === Number.POSITIVE_INFINITY && this.base + n <= this.searched) {
        i = n;
        break;
      }
      const at = this.findStatement(text, i);
      if (at < 0) {
        // a statement's first word may be cut by the end of the text: its first bytes are read again with the next
        i = Math.max(i, n - LONGEST_STATEMENT + 1);
        this.searched = this.base + n;
        break;
      }
      const next = this.statementAt(text, at, final, engine);
      if (next < 0) {
        this.pending = this.base + at;
        i = at;
        break;
      }
      this.pending = Number.POSITIVE_INFINITY;
      i = next;
    }
    this.pos = this.base + i;
    if (final && i >= n && this.table) this.close(text, n, engine, out);
  }

  /** A table has been entered: from then on, windows ask which column they are in. */
  get seenTable(): boolean {
    return this.count > 0;
  }

  /** What the header of the column holding `text[at]` puts in context, if anything. */
  contextAt(at: number): Uint8Array | undefined {
    const k = this.cellIndex(this.base + at);
    return k < 0 ? undefined : this.contexts[k];
  }

  /**
   * The earliest absolute offset the scanner must keep, and scan windows up to: a statement waiting for its end
   * (what follows it may turn out to be a table's rows).
   */
  keepFrom(): number {
    return this.pending;
  }

  /** Forgets the cells that end before absolute offset `at` (the scanner no longer holds their bytes). */
  trim(at: number): void {
    const k = this.cellIndex(at);
    if (k <= 0) return;
    this.starts.copyWithin(0, k, this.count);
    this.contexts.splice(0, k);
    this.count -= k;
  }

  /** Where the next table statement at a line start is, from `text[i]`; -1 when none is. */
  private findStatement(text: Buffer, i: number): number {
    let first = -1;
    STATEMENTS.forEach((statement, k) => {
      const word = FIRST_WORDS[k] as Buffer;
      let at = text.indexOf(word, i);
      while (at >= 0 && !(this.lineStart(text, at) && startsAt(text, at, statement))) at = text.indexOf(word, at + 1);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    return first;
  }

  /**
   * Reads the statement at `text[at]`: a COPY or INSERT enters its table, a CREATE TABLE is remembered. Returns
   * where reading goes on, or -1 when the statement's end is not in view yet.
   */
  private statementAt(text: Buffer, at: number, final: boolean, engine: Engine): number {
    if (startsAt(text, at, CREATE)) {
      const created = createTableAt(text, at, final);
      if (created === 'wait') return -1;
      this.known ??= new Map();
      if (created && this.known.size < KNOWN_TABLES_MAX) this.known.set(created.name, created.columns);
      return at + CREATE.length;
    }
    const header = startsAt(text, at, COPY)
      ? copyHeaderAt(engine, text, at, final)
      : insertHeaderAt(engine, text, at, final, this.known ?? NO_TABLES);
    if (header === 'wait') return -1;
    if (!header) return at + COPY.length;
    this.enter(header, this.base + header.rowsFrom);
    return header.rowsFrom;
  }

  private lineStart(text: Buffer, at: number): boolean {
    if (at > 0) return text[at - 1] === NEWLINE;
    // the byte before the text is gone: only the body's start, or a line found before and waited for
    return this.base === 0 || this.base === this.pending;
  }

  private enter(table: TableHeader, rowsFrom: number): void {
    this.table = table;
    this.column = 0;
    this.quoted = false;
    this.parens = 0;
    this.cellStart = rowsFrom;
    // an INSERT's rows start at their first `(`
    this.record(rowsFrom, table.format === 'sql' ? undefined : table.columns[0]?.context);
  }

  private leave(at: number): void {
    this.table = undefined;
    this.quoted = false;
    this.record(at, undefined);
  }

  /** Reads rows from `text[i]` until the text or the table ends; returns where it stopped. */
  private readRows(text: Buffer, i: number, final: boolean, engine: Engine, out: Hit[]): number {
    const table = this.table as TableHeader;
    if (table.format === 'sql') return this.readTuples(table, text, i, final, engine, out);
    const { delimiter, format } = table;
    const base = this.base;
    const n = text.length;
    for (; i < n; i++) {
      const c = text[i] as number;
      if (this.quoted) {
        if (c !== QUOTE) {
          if (base + i - this.cellStart > QUOTED_MAX) {
            this.leave(base + i);
            return i;
          }
          continue;
        }
        // a closing quote or the first of a doubled one: the next byte decides
        if (i + 1 >= n && !final) return i;
        if (text[i + 1] === QUOTE) i++;
        else this.quoted = false;
        continue;
      }
      if (base + i === this.cellStart) {
        if (c === QUOTE && format === 'csv') {
          this.quoted = true;
          continue;
        }
        // `\.` alone on a line ends a COPY table
        if (c === BACKSLASH && format === 'copy' && this.column === 0) {
          if (i + 2 >= n && !final) return i;
          const after = text[i + 2];
          if (text[i + 1] === 46 && (after === undefined || after === NEWLINE || after === 13)) {
            this.leave(base + i);
            return i + 2;
          }
        }
      }
      if (c === delimiter || c === NEWLINE) {
        this.close(text, i, engine, out);
        this.column = c === NEWLINE ? 0 : this.column + 1;
        this.cellStart = base + i + 1;
        this.record(this.cellStart, table.columns[this.column]?.context);
      }
    }
    return i;
  }

  /** `readRows` for an INSERT statement's tuples: cells split at commas inside a row's parentheses. */
  private readTuples(table: TableHeader, text: Buffer, i: number, final: boolean, engine: Engine, out: Hit[]): number {
    const base = this.base;
    const n = text.length;
    for (; i < n; i++) {
      const c = text[i] as number;
      if (this.quoted) {
        // a backslash escapes the next byte (MySQL); a doubled apostrophe is one (standard SQL)
        if (c !== BACKSLASH && c !== APOSTROPHE) continue;
        if (i + 1 >= n && !final) return i;
        if (c === BACKSLASH || text[i + 1] === APOSTROPHE) i++;
        else this.quoted = false;
      } else if (c === APOSTROPHE) this.quoted = true;
      else if (c === 40 && ++this.parens === 1) {
        this.column = 0;
        this.cellStart = base + i + 1;
        this.record(this.cellStart, table.columns[0]?.context);
      } else if (c === 41 && this.parens > 0 && this.parens-- === 1) {
        this.close(text, i, engine, out);
        this.record(base + i, undefined);
      } else if (c === 44 && this.parens === 1) {
        this.close(text, i, engine, out);
        this.column++;
        this.cellStart = base + i + 1;
        this.record(this.cellStart, table.columns[this.column]?.context);
      } else if (c === 59 && this.parens === 0) {
        this.leave(base + i);
        return i + 1;
      }
    }
    return i;
  }

  private record(start: number, context: Uint8Array | undefined): void {
    if (this.count === this.starts.length) {
      const starts = new Float64Array(Math.max(64, this.count * 2));
      starts.set(this.starts);
      this.starts = starts;
    }
    this.starts[this.count] = start;
    this.contexts[this.count] = context;
    this.count++;
  }

  /** Index of the last record at or before `abs`; -1 when none is (before any table). */
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
    const table = this.table as TableHeader;
    const field = table.columns[this.column]?.field;
    if (!field) return;
    let s = this.cellStart - this.base;
    let e = withoutCr(text, s, end);
    if (s < 0 || e - s > FIELD_VALUE_MAX) return;
    if (table.format === 'copy') {
      const value = latin1(text, s, e);
      if (value !== '\\N') emit(field, copyUnescape(value), s, e, engine, out);
      return;
    }
    if (table.format === 'sql') {
      while (s < e && (text[s] === 32 || text[s] === 10 || text[s] === 13)) s++;
      while (e > s && (text[e - 1] === 32 || text[e - 1] === 10 || text[e - 1] === 13)) e--;
      // a string literal; numbers, NULL and function calls are no names or addresses
      if (e - s < 2 || text[s] !== APOSTROPHE || text[e - 1] !== APOSTROPHE) return;
      emit(field, sqlUnescape(latin1(text, s + 1, e - 1)), s + 1, e - 1, engine, out);
      return;
    }
    // cells padded to their column's width (psql, the mysql client, Markdown) are the value without the padding
    while (s < e && text[s] === 32) s++;
    while (e > s && text[e - 1] === 32) e--;
    const quoted = e - s >= 2 && text[s] === QUOTE && text[e - 1] === QUOTE;
    if (quoted) {
      s++;
      e--;
    }
    const value = latin1(text, s, e);
    emit(field, quoted ? value.replace(/""/g, '"') : value, s, e, engine, out);
  }
}
