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
    tables.push(...tableOf(page, inner, inner + (m[1] as string).length));
  }
  if (tables.length === 0 && /<tr\b/i.test(page)) tables.push(...tableOf(page, 0, page.length));
  return tables;
}

/**
 * The rows of `page[from, to)` as CSV (none for fewer than two rows); a table of two cells a row is also read turned
 * on its side, as labels beside values (`<tr><td>First name</td><td>Ada</td></tr>`, an order confirmation's details):
 * its first column the header, its second the one row.
 */
function tableOf(page: string, from: number, to: number): RenderedTable[] {
  const body = page.slice(from, to);
  const rows: Span[][] = [];
  ROW.lastIndex = 0;
  const starts: number[] = [];
  for (let m = ROW.exec(body); m !== null; m = ROW.exec(body)) starts.push(m.index + m[0].length);
  starts.forEach((start, r) => {
    const rowEnd = r + 1 < starts.length ? (starts[r + 1] as number) : body.length;
    const row: Span[] = [];
    CELL.lastIndex = start;
    for (let c = CELL.exec(body); c !== null && c.index < rowEnd; c = CELL.exec(body)) {
      const s = c.index + c[0].length;
      const rest = body.slice(s, rowEnd);
      const close = rest.search(CELL_END);
      row.push({ start: from + s, end: from + s + (close < 0 ? rest.length : close) });
    }
    if (row.length > 0) rows.push(row);
  });
  if (rows.length < 2) return [];
  const table = rendered(page, rows);
  return rows.every((row) => row.length === 2)
    ? [table, rendered(page, [rows.map((row) => row[0] as Span), rows.map((row) => row[1] as Span)])]
    : [table];
}

/** A cell's content in the page. */
interface Span {
  start: number;
  end: number;
}

/** `rows` of cells as CSV, the first row its header (labels' colons dropped); each later cell mapped to its place in the page. */
function rendered(page: string, rows: Span[][]): RenderedTable {
  let csv = '';
  const cells: TableCell[] = [];
  rows.forEach((row, r) => {
    row.forEach(({ start, end }, k) => {
      if (k > 0) csv += ',';
      if (r > 0) cells.push({ csvStart: csv.length, start, end });
      const text = page.slice(start, end).replace(TAG, ' ').replace(/\s+/g, ' ').trim();
      // a label's colon (`Last name:`) is no part of the column's name
      csv += csvCell(r === 0 ? text.replace(/\s*:$/, '') : text);
    });
    csv += '\n';
  });
  return { csv, cells };
}
