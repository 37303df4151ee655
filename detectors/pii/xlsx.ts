/**
 * XLSX workbooks: a worksheet's XML holds its cells by reference (`B2`) and most of its text in a shared string
 * table, so a value sits far from its column's header and from its own text. A worksheet is rewritten as the
 * CSV a user would export from it, shared strings resolved, and the CSV reader reads it by column.
 * Strings stay as they are in the archive (UTF-8 bytes, one latin1 character each), as the scanner reads text.
 */
import { xmlUnescape } from './decoders.js';

/** @internal The workbook's shared string table entry, whose strings the worksheets refer to by index. */
export const SHARED_STRINGS = 'xl/sharedStrings.xml';

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
 * wide as the widest), shared strings, inline strings and numbers as their text, quoted where CSV needs it.
 */
export function worksheetAsCsv(xml: string, shared: readonly string[]): string {
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
      cells[column] =
        type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textRuns(body) : xmlUnescape(value ?? '');
      next = column + 1;
    }
    width = Math.max(width, cells.length);
    rows.push(cells);
  }
  return rows.map((cells) => Array.from({ length: width }, (_, i) => csvCell(cells[i] ?? '')).join(',')).join('\n');
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
