/**
 * Tables in HTML pages: a report mailed as HTML, a page of an admin tool, `pandas.DataFrame.to_html` or `sqlite3
 * -html` output. A `<th>` names a column far from its cells, as a CSV header does: each table is read again as the
 * CSV it would export to, by column, and what that finds beyond the page read as text is reported at its cell.
 */
import { csvCell, type RenderedTable, type TableCell } from './rendered-tables.js';

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
export function htmlTables(page: string): RenderedTable[] {
  const tables: RenderedTable[] = [];
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
function tableOf(page: string, from: number, to: number): RenderedTable | undefined {
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
  const cells: TableCell[] = [];
  rows.forEach((row, r) => {
    row.forEach(({ start, end }, k) => {
      if (k > 0) csv += ',';
      if (r > 0) cells.push({ csvStart: csv.length, start, end });
      csv += csvCell(page.slice(start, end).replace(TAG, ' ').replace(/\s+/g, ' ').trim());
    });
    csv += '\n';
  });
  return { csv, cells };
}
