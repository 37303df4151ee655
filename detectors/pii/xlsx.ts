/**
 * XLSX workbooks: a worksheet's XML holds its cells by reference (`B2`) and most of its text in a shared string
 * table, so a value sits far from its column's header and from its own text. A worksheet is rewritten as the
 * CSV a user would export from it, shared strings resolved, and the CSV reader reads it by column.
 * Strings stay as they are in the archive (UTF-8 bytes, one latin1 character each), as the scanner reads text.
 */
import { xmlUnescape } from './decoders.js';

/** @internal The workbook's shared string table entry, whose strings the worksheets refer to by index. */
export const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** @internal The workbook's cell styles entry: which styles show a cell's number as a date. */
export const STYLES = 'xl/styles.xml';
/** @internal The workbook entry that says whether its dates count from 1904 (old Mac workbooks). */
export const WORKBOOK = 'xl/workbook.xml';

/** @internal What a worksheet's cells refer to elsewhere in the workbook. */
export interface WorkbookParts {
  /** The shared string table, in order. */
  shared: readonly string[];
  /** For each cell style (a cell's `s` attribute), whether it shows the cell's number as a date. */
  dateStyles: readonly boolean[];
  /** Serial numbers count days from 1904-01-01 instead of 1900-01-00. */
  date1904: boolean;
}

/**
 * Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30): 14–17 and 22, and the East Asian
 * date formats 27–36 and 50–58. The others (times 18–21 and 45–47, numbers) are not dates.
 */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
/** Serial number of 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2958465;
const DAY_MS = 86_400_000;

/** Columns of a worksheet (Excel's limit, XFD): a cell reference beyond it is no cell. */
const MAX_COLUMNS = 16384;

/** @internal True for the entry name of a worksheet. */
export function isWorksheet(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/.test(name);
}

/** @internal The strings of a shared string table (`<si>` items; rich text runs joined), in order. */
export function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1] ?? ''));
}

/** The text of the `<t>` elements in `xml`, joined and unescaped. */
function textRuns(xml: string): string {
  let text = '';
  for (const t of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += t[1] ?? '';
  return xmlUnescape(text);
}

/**
 * @internal A worksheet's rows as CSV text: one line a row, cells placed by their column letters (every row as
 * wide as the widest), shared strings, inline strings and numbers as their text (a number styled as a date as
 * its ISO date: a birth date column holds serial numbers), quoted where CSV needs it.
 */
export function worksheetAsCsv(xml: string, parts: WorkbookParts): string {
  const rows: string[][] = [];
  let width = 0;
  for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    let next = 0;
    for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = c[1] ?? '';
      const column = columnIndex(/\br="([A-Z]+)\d*"/.exec(attributes)?.[1]) ?? next;
      if (column >= MAX_COLUMNS) continue;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const body = c[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attributes)?.[1] ?? 0);
      const date = type === undefined || type === 'n' ? parts.dateStyles[style] === true : false;
      cells[column] =
        type === 's'
          ? (parts.shared[Number(value)] ?? '')
          : type === 'inlineStr'
            ? textRuns(body)
            : ((date ? serialDate(value, parts.date1904) : undefined) ?? xmlUnescape(value ?? ''));
      next = column + 1;
    }
    width = Math.max(width, cells.length);
    rows.push(cells);
  }
  return rows.map((cells) => Array.from({ length: width }, (_, i) => csvCell(cells[i] ?? '')).join(',')).join('\n');
}

/**
 * @internal For each cell style of a styles part (`<cellXfs>`, in order), whether its number format shows a date:
 * a built-in date format, or a custom one (`<numFmt formatCode>`) with a day or year in it.
 */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, boolean>();
  for (const tag of xml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const id = /\bnumFmtId="(\d+)"/.exec(tag[1] ?? '')?.[1];
    const code = /\bformatCode="([^"]*)"/.exec(tag[1] ?? '')?.[1];
    if (id !== undefined && code !== undefined) custom.set(Number(id), isDateFormat(xmlUnescape(code)));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*)>/g)].map((xf) => {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(xf[1] ?? '')?.[1] ?? 0);
    return custom.get(id) ?? BUILT_IN_DATES.has(id);
  });
}

/** A format code shows a date when a day or year code is left once quoted text, `[…]` and `\x` escapes are gone. */
function isDateFormat(code: string): boolean {
  return /[dy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, ''));
}

/** @internal True when a workbook part (`<workbookPr date1904="1"/>`) counts its dates from 1904. */
export function usesDate1904(xml: string): boolean {
  return /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(xml);
}

/**
 * A date cell's serial number as the ISO date Excel shows (`31120` → `1985-03-14`), the time of day dropped;
 * undefined when it is no serial. The 1900 system counts 29 February 1900, which never was, so serials from 61
 * on are one day ahead of the calendar.
 */
function serialDate(value: string | undefined, date1904: boolean): string | undefined {
  const serial = Math.floor(Number(value));
  if (value === undefined || !Number.isFinite(serial) || serial < 1 || serial > LAST_SERIAL) return undefined;
  const days = date1904 ? serial + 1462 : serial;
  const epoch = Date.UTC(1899, 11, !date1904 && serial < 61 ? 31 : 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

/** `A` → 0, `Z` → 25, `AA` → 26; undefined without letters. */
function columnIndex(letters: string | undefined): number | undefined {
  if (!letters) return undefined;
  let index = 0;
  for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
