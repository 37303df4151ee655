/**
 * Tables in HTML pages: a report mailed as HTML, a page of an admin tool, `pandas.DataFrame.to_html` or `sqlite3
 * -html` output. A `<th>` names a column far from its cells, as a CSV header does: each table is read again as the
 * CSV it would export to, by column, and what that finds beyond the page read as text is reported at its cell.
 */
import type { Detection } from './types.js';

/** @internal A cell's text: where it is in the CSV rendition, and the range of its content in the page. */
interface Cell {
  csvStart: number;
  pageStart: number;
  pageEnd: number;
}

/** @internal A table of a page as the CSV it would export to, its first row the header. */
export interface HtmlTable {
  csv: string;
  cells: Cell[];
}

/** Tables read of one page: a page of more is read for the first ones only. */
const TABLES_MAX = 64;
const TABLE = /<table\b[^>]*>([\s\S]*?)(?:<\/table\s*>|$)/gi;
const ROW = /<tr\b[^>]*>/gi;
const CELL = /<t[hd]\b[^>]*>/gi;
/** Where a cell's content ends: the next cell, row, row group or table tag (closing tags are optional in HTML). */
const CELL_END = /<\/?(?:t[hd]|tr|thead|tbody|tfoot|table)\b[^>]*>/i;
const TAG = /<[^>]*>/g;

/**
 * @internal The tables of `page` (latin1, one character a byte, references already undone), each with two or more
 * rows; rows outside any `<table>` (a fragment such as `sqlite3 -html` prints) make one table.
 */
export function htmlTables(page: string): HtmlTable[] {
  const tables: HtmlTable[] = [];
  TABLE.lastIndex = 0;
  for (let m = TABLE.exec(page); m !== null && tables.length < TABLES_MAX; m = TABLE.exec(page)) {
    const inner = m.index + m[0].indexOf('>') + 1;
    const table = tableOf(page, inner, inner + (m[1] as string).length);
    if (table) tables.push(table);
  }
  if (tables.length === 0 && /<tr\b/i.test(page)) {
    const table = tableOf(page, 0, page.length);
    if (table) tables.push(table);
  }
  return tables;
}

/** The rows of `page[from, to)` as CSV, or undefined for fewer than two rows. */
function tableOf(page: string, from: number, to: number): HtmlTable | undefined {
  const body = page.slice(from, to);
  const rows: { start: number; end: number }[][] = [];
  ROW.lastIndex = 0;
  const starts: number[] = [];
  for (let m = ROW.exec(body); m !== null; m = ROW.exec(body)) starts.push(m.index + m[0].length);
  starts.forEach((start, r) => {
    const rowEnd = r + 1 < starts.length ? (starts[r + 1] as number) : body.length;
    const row: { start: number; end: number }[] = [];
    CELL.lastIndex = start;
    for (let c = CELL.exec(body); c !== null && c.index < rowEnd; c = CELL.exec(body)) {
      const s = c.index + c[0].length;
      const rest = body.slice(s, rowEnd);
      const close = rest.search(CELL_END);
      row.push({ start: from + s, end: from + s + (close < 0 ? rest.length : close) });
    }
    if (row.length > 0) rows.push(row);
  });
  if (rows.length < 2) return undefined;
  let csv = '';
  const cells: Cell[] = [];
  for (const row of rows) {
    row.forEach(({ start, end }, k) => {
      if (k > 0) csv += ',';
      cells.push({ csvStart: csv.length, pageStart: start, pageEnd: end });
      csv += csvCell(page.slice(start, end).replace(TAG, ' ').replace(/\s+/g, ' ').trim());
    });
    csv += '\n';
  }
  return { csv, cells };
}

/** A cell's text as a CSV cell: quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @internal A detection in `table`'s CSV placed at the page range of the cell it is in. */
export function atCell(table: HtmlTable, d: Detection): Detection {
  const { cells } = table;
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cells[mid] as Cell).csvStart <= d.start) lo = mid + 1;
    else hi = mid;
  }
  const cell = cells[Math.max(0, lo - 1)] as Cell;
  return { ...d, start: cell.pageStart, end: cell.pageEnd };
}
