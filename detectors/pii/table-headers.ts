/**
 * Table headers: the first line of a CSV/TSV export (comma, tab, semicolon or pipe separated), the COPY line
 * that opens each table of a PostgreSQL dump, and the INSERT statements of SQL dumps (with the CREATE TABLE
 * statements that name their columns). Tables are the usual shape of a bulk leak, and a column's header
 * names what its cells hold once, at the top, far from the values: `card_number` counts as context for every
 * card number below it, and `first_name` yields PERSON_NAME for each of its cells, as a JSON key does for its
 * value. `TableReader` (table-reader.ts) then tracks the column of every byte of the rows.
 */
import { advanceContext } from './context.js';
import { type Engine, newContext } from './engine.js';
import { fieldNamed, hashFrom } from './field-table.js';
import { bareNameRecognizer } from './person-names.js';
import { isPersonalKey } from './personal-keys.js';
import { isBareNameKey } from './record-names.js';
import type { FieldRecognizer } from './types.js';

/** Bytes gathered for the header line and the first row before a body is read as plain text. */
export const CSV_SNIFF_MAX = 8192;
/** `,` TAB `;` `|` */
const DELIMITERS = [44, 9, 59, 124];
/** @internal */
export const QUOTE = 34;
/** @internal */
export const NEWLINE = 10;
/** 1 for the bytes a header line is made of: those of column names, quotes, delimiters and CR. */
const HEADER_BYTE = new Uint8Array(256);
for (let c = 48; c <= 57; c++) HEADER_BYTE[c] = 1;
for (let c = 65; c <= 90; c++) HEADER_BYTE[c] = HEADER_BYTE[c + 32] = 1;
for (const ch of ' _.#()/-"\r') HEADER_BYTE[ch.charCodeAt(0)] = 1;
for (const c of DELIMITERS) HEADER_BYTE[c] = 1;
// UTF-8 letters: `prénom`, `straße`, `hasło` (the line is read as one character a byte)
for (let c = 0x80; c < 256; c++) HEADER_BYTE[c] = 1;
/** A column name: a letter or `_`, then at most 63 letters, digits, spaces or `_ . # ( ) / -` (UTF-8 bytes count as letters). */
const NAME = /^[A-Za-z_\u0080-\u00ff][A-Za-z0-9 _.#()/\u0080-\u00ff-]{0,63}$/;

/** @internal What a column's header gives its cells. */
export interface TableColumn {
  /** Recognizers put in context (1 at their index) by a context word in the header, if any. */
  context: Uint8Array | undefined;
  /** The field recognizer the header names (`first_name`), if any. */
  field: FieldRecognizer | undefined;
}

/**
 * @internal How a table's rows are written: `csv` cells may be quoted (RFC 4180: delimiters, newlines and doubled
 * quotes inside quotes) and the rows run to the end of the body; `copy` rows (PostgreSQL's text format) are
 * tab-separated with backslash escapes and end at a line holding `\.`; `sql` rows are the tuples of an INSERT
 * statement (`(1,'Ada'),(2,'Grace');`), strings in single quotes, and end at its `;`.
 */
export type TableFormat = 'csv' | 'copy' | 'sql';

/** @internal A table's header: its format and delimiter, its columns, and where its rows start (in the bytes read). */
export interface TableHeader {
  format: TableFormat;
  delimiter: number;
  columns: TableColumn[];
  rowsFrom: number;
}

/**
 * @internal Reads the start of a body as a table: a header line of two or more column names and a first row
 * with as many delimiters. `wait` while neither line is complete (and more input may come); undefined for
 * anything else, and for a table none of whose column names means personal data.
 */
export function sniffCsv(engine: Engine, bytes: Uint8Array, final: boolean): TableHeader | 'wait' | undefined {
  // decided on the first CSV_SNIFF_MAX bytes alone, so that every chunking of the input decides alike
  if (bytes.length < 3 && !final) return 'wait';
  const limit = Math.min(bytes.length, CSV_SNIFF_MAX);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // a query result printed by the mysql client opens with a border (`+-----+-----+`)
  const border = ruleLineEnd(bytes, bom, limit);
  if (border === RULE_CUT) return final ? undefined : 'wait';
  const from = border >= 0 ? border : bom;
  // a byte no header line holds ends the sniff at once: JSON, XML, form bodies and log lines are never held
  let headerEnd = from;
  while (headerEnd < limit && HEADER_BYTE[bytes[headerEnd] as number] === 1) headerEnd++;
  if (headerEnd === limit) return !final && bytes.length < CSV_SNIFF_MAX ? 'wait' : undefined;
  if (bytes[headerEnd] !== NEWLINE || headerEnd === from) return undefined;
  const delimiter = mostFrequentDelimiter(bytes, from, headerEnd);
  if (delimiter === undefined) return undefined;
  const names = splitRow(bytes, from, headerEnd + 1, delimiter).cells;
  // psql and the mysql client rule the header off (`-----+-----`, `+-----+`), Markdown too (`|---|:--|`)
  const rule = ruleLineEnd(bytes, headerEnd + 1, limit);
  const row = splitRow(bytes, rule >= 0 ? rule : headerEnd + 1, limit, delimiter);
  // a first row that does not end in view: wait for it, or (a short body) it ends with the body
  if (row.end < 0 && bytes.length >= CSV_SNIFF_MAX) return undefined;
  if (row.end < 0 && !final) return 'wait';
  if (row.cells.length !== names.length) return undefined;
  const keys: string[] = [];
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (const [s, e] of names) {
    const name = text
      .toString('latin1', s, e)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name !== '' && !NAME.test(name)) return undefined;
    keys.push(name);
  }
  if (keys.filter((name) => name !== '').length < 2) return undefined;
  const columns = columnsNamed(engine, keys);
  if (!columns.some((c) => c.context || c.field)) return undefined;
  return { format: 'csv', delimiter, columns, rowsFrom: headerEnd + 1 };
}

/** Longest COPY line read, in bytes (a dump of a wide table lists many columns). */
export const COPY_LINE_MAX = 8192;
const COPY_LINE = /^COPY\s+[^\s(]+\s*\(([^)]*)\)\s+FROM\s+stdin\b/i;

/**
 * @internal Reads the COPY line at `bytes[at]` (`COPY public.customers (id, first_name, card_number) FROM stdin;`):
 * `wait` while the line is not complete (and more input may come); undefined when it is no COPY line, or none
 * of its columns means personal data.
 */
export function copyHeaderAt(
  engine: Engine,
  bytes: Buffer,
  at: number,
  final: boolean,
): TableHeader | 'wait' | undefined {
  const lineEnd = bytes.indexOf(NEWLINE, at);
  if (lineEnd < 0) return !final && bytes.length - at < COPY_LINE_MAX ? 'wait' : undefined;
  if (lineEnd - at > COPY_LINE_MAX) return undefined;
  const names = COPY_LINE.exec(bytes.toString('latin1', at, withoutCr(bytes, at, lineEnd)))?.[1]?.split(',');
  if (!names) return undefined;
  const columns = columnsNamed(
    engine,
    names.map((raw) => raw.trim().replace(/^"(.*)"$/, '$1')),
  );
  if (!columns.some((c) => c.context || c.field)) return undefined;
  return { format: 'copy', delimiter: 9, columns, rowsFrom: lineEnd + 1 };
}

/**
 * What each of a table's column names gives its cells (a name that is no column name, or empty, gives nothing). A bare
 * `name` (or LDAP `cn`) column reads a person's names when another column is personal (`Name,Email,Phone`, not
 * `id,name,price`).
 */
function columnsNamed(engine: Engine, names: readonly string[]): TableColumn[] {
  const columns = names.map((name) =>
    name !== '' && NAME.test(name)
      ? columnNamed(engine, Buffer.from(name, 'latin1'))
      : { context: undefined, field: undefined },
  );
  const hashes = names.map((name) => hashFrom(Buffer.from(name, 'latin1'), 0, name.length));
  if (!hashes.some((h) => isPersonalKey(engine, h))) return columns;
  hashes.forEach((h, k) => {
    const bare = columns[k];
    if (bare && !bare.field && isBareNameKey(h)) bare.field = bareNameRecognizer(engine);
  });
  return columns;
}

function columnNamed(engine: Engine, name: Buffer): TableColumn {
  const ctx = newContext(engine);
  advanceContext(engine.context, ctx, name, 0, name.length);
  const context = Uint8Array.from(ctx.lastSeen, (seen) => (seen >= 0 ? 1 : 0));
  return { context: context.includes(1) ? context : undefined, field: fieldNamed(engine.fields, name, 0, name.length) };
}

/** `ruleLineEnd`: the line is cut by the end of the bytes in view, and may be a rule. */
const RULE_CUT = -2;
/** 1 for the bytes a rule line is drawn with: `- = + | :`, spaces and CR. */
const RULE_BYTE = new Uint8Array(256);
for (const ch of '-=+|: \r') RULE_BYTE[ch.charCodeAt(0)] = 1;

/**
 * Where the line at `at` ends (after its newline) when it is a rule drawn under or over a header: rule bytes only, and
 * three dashes or equals signs at least; -1 when it is not one, `RULE_CUT` when it may be but runs past `limit`.
 */
function ruleLineEnd(bytes: Uint8Array, at: number, limit: number): number {
  let dashes = 0;
  for (let i = at; i < limit; i++) {
    const c = bytes[i] as number;
    if (c === NEWLINE) return dashes >= 3 ? i + 1 : -1;
    if (RULE_BYTE[c] === 0) return -1;
    if (c === 45 || c === 61) dashes++;
  }
  return RULE_CUT;
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

/** @internal `e`, or `e - 1` when the line `bytes[s, e)` ends in a CR. */
export function withoutCr(bytes: Uint8Array, s: number, e: number): number {
  return e > s && bytes[e - 1] === 13 ? e - 1 : e;
}

/** Longest CREATE TABLE statement or INSERT head (up to `VALUES`) read, in bytes. */
export const SQL_HEAD_MAX = 64 * 1024;
/** Columns read of a CREATE TABLE: a table wider than this has its first ones named. */
export const COLUMNS_MAX = 1024;
/** A table's name: bare, or quoted (spaces allowed inside: SQLite's `"order items"`), with a schema before it. */
const TABLE = String.raw`((?:(?:"[^"]{1,64}"|\`[^\`]{1,64}\`|[\w$]+)\.)*(?:"[^"]{1,64}"|\`[^\`]{1,64}\`|[\w$]+))`;
const CREATE_TABLE = new RegExp(String.raw`^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${TABLE}\s*\($`, 'i');
const NOT_A_COLUMN = /^(?:PRIMARY|KEY|UNIQUE|CONSTRAINT|INDEX|FOREIGN|CHECK|FULLTEXT|SPATIAL|EXCLUDE)\b/i;
const INSERT_HEAD = new RegExp(String.raw`^INSERT\s+INTO\s+${TABLE}\s*(?:\(([^)]*)\)\s*)?VALUES$`);

/** @internal A table's name as CREATE TABLE and INSERT write it: quotes dropped, lower-case. */
export function tableName(raw: string): string {
  return raw.replace(/[`"]/g, '').toLowerCase();
}

/**
 * @internal Reads the CREATE TABLE statement at `bytes[at]`, laid out as any dump writes it (mysqldump and pg_dump
 * a column a line, SQLite's `.dump` the statement as it was typed, often on one line): the table's name and column
 * names, for the INSERT statements of a dump that name no columns. `wait` while its column list is not complete in
 * view; undefined for a statement without one (`CREATE TABLE … AS SELECT`).
 */
export function createTableAt(
  bytes: Buffer,
  at: number,
  final: boolean,
): { name: string; columns: string[] } | 'wait' | undefined {
  const wait = !final && bytes.length - at < SQL_HEAD_MAX ? 'wait' : undefined;
  const open = bytes.indexOf(40, at);
  const semicolon = bytes.indexOf(59, at);
  if (semicolon >= 0 && (open < 0 || semicolon < open)) return undefined;
  if (open < 0) return wait;
  const head = CREATE_TABLE.exec(bytes.toString('latin1', at, open + 1));
  if (!head?.[1]) return undefined;
  const close = closingParen(bytes, open, Math.min(bytes.length, at + SQL_HEAD_MAX));
  if (close < 0) return wait;
  const columns = topLevelItems(bytes.toString('latin1', open + 1, close))
    .filter((item) => item !== '' && !NOT_A_COLUMN.test(item))
    .slice(0, COLUMNS_MAX)
    .map((item) => /^[`"[]?([^`"\]\s,]{1,64})/.exec(item)?.[1] ?? '');
  return { name: tableName(head[1]), columns };
}

/** Where the `)` closing the `(` at `open` is, before `max`: quoted names and strings skipped; -1 when not in view. */
function closingParen(bytes: Uint8Array, open: number, max: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = open; i < max; i++) {
    const c = bytes[i] as number;
    if (quote !== 0) {
      if (c === 92 && quote === 39) i++;
      else if (c === quote) quote = 0;
    } else if (c === 39 || c === 34 || c === 96) quote = c;
    else if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
}

/** A column list's items, split at its own commas (not those inside `decimal(10,2)` or a quoted default), trimmed. */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as string;
    if (quote) {
      if (c === '\\' && quote === "'") i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(list.slice(from, i).trim());
      from = i + 1;
    }
  }
  items.push(list.slice(from).trim());
  return items;
}

/**
 * @internal Reads the head of the INSERT statement at `bytes[at]` up to `VALUES`: its columns are the listed
 * ones, or those of the table's CREATE TABLE (`known`). `wait` while `VALUES` is not in view; undefined for no
 * INSERT, a table of unknown columns, or one none of whose columns means personal data.
 */
export function insertHeaderAt(
  engine: Engine,
  bytes: Buffer,
  at: number,
  final: boolean,
  known: ReadonlyMap<string, string[]>,
): TableHeader | 'wait' | undefined {
  // the head is read up to VALUES only: a dump of single-row INSERTs has one a line
  const values = bytes.indexOf('VALUES', at, 'latin1');
  if (values < 0 || values - at > SQL_HEAD_MAX)
    return values < 0 && !final && bytes.length - at < SQL_HEAD_MAX ? 'wait' : undefined;
  const head = INSERT_HEAD.exec(bytes.toString('latin1', at, values + 'VALUES'.length));
  if (!head?.[1]) return undefined;
  const names = head[2] === undefined ? known.get(tableName(head[1])) : head[2].split(',');
  if (!names) return undefined;
  const columns = columnsNamed(
    engine,
    names.map((raw) => raw.trim().replace(/^[`"](.*)[`"]$/, '$1')),
  );
  if (!columns.some((c) => c.context || c.field)) return undefined;
  return { format: 'sql', delimiter: 44, columns, rowsFrom: at + head[0].length };
}
