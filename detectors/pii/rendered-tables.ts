/**
 * Tables read again as the CSV they would export to: an HTML page's tables (html-tables.ts) and API query results
 * (json-tables.ts) name their columns once, far from the cells. The CSV is scanned by column, as an export is, and
 * what that finds beyond the body read as text is placed at the cell it came from.
 */
import type { ScanBody } from './containers.js';
import { depthLeft } from './scan-state.js';
import type { ScanOptions } from './scanner.js';
import type { Detection } from './types.js';

/** @internal A cell of a rendered table: where it starts in the CSV, and the range of its text in the body. */
export interface TableCell {
  csvStart: number;
  start: number;
  end: number;
}

/** @internal A table as the CSV it would export to (its first row the header), and where its cells are. */
export interface RenderedTable {
  csv: string;
  /** In CSV order; the header's cells are none of them. */
  cells: TableCell[];
}

/** @internal A cell's text as a CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @internal A cell read from a body: its range there, and its text as the table shows it. */
export type BodyCell = readonly [start: number, end: number, text: string];

/**
 * @internal Rows of cells read from a body (undefined where a row has none) as the CSV table `columns` heads, each
 * cell placed at its range in the body; undefined when no row has a cell.
 */
export function renderRows(
  columns: readonly string[],
  rows: readonly (readonly (BodyCell | undefined)[])[],
): RenderedTable | undefined {
  let csv = `${columns.join(',')}\n`;
  const cells: TableCell[] = [];
  for (const row of rows) {
    for (let k = 0; k < columns.length; k++) {
      const cell = row[k];
      if (k > 0) csv += ',';
      if (cell) cells.push({ csvStart: csv.length, start: cell[0], end: cell[1] });
      csv += csvCell(cell?.[2] ?? '');
    }
    csv += '\n';
  }
  return cells.length > 0 ? { csv, cells } : undefined;
}

/**
 * @internal A cell holding a compact date (`19851210…`: HL7's TS, X12's D8) as the ISO date it is, so a birth date is
 * looked for in it; undefined for any other cell.
 */
export function compactDate(cell: BodyCell | undefined): BodyCell | undefined {
  if (!cell || !/^\d{8}/.test(cell[2])) return undefined;
  const text = cell[2];
  return [cell[0], cell[1], `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`];
}

/** @internal `text` split at `sep`: each piece's range, offset by `base` (a segment's fields, a field's components). */
export function pieces(text: string, sep: string, base: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, from)) {
    out.push([base + from, base + at]);
    from = at + sep.length;
  }
  out.push([base + from, base + text.length]);
  return out;
}

/**
 * @internal Scans each table's CSV by column (one layer down) and returns what it finds that `found` (the body read as
 * text) does not hold in the same cell, placed at that cell.
 */
export function readTables(
  tables: readonly RenderedTable[],
  found: readonly Detection[],
  options: ScanOptions,
  scan: ScanBody,
): Detection[] {
  if (tables.length === 0 || depthLeft(options) <= 0) return [];
  const key = (d: Detection): string => `${d.type} ${d.fingerprint}`;
  const seen = new Map<string, number[]>();
  for (const d of found) {
    const starts = seen.get(key(d));
    if (starts) starts.push(d.start);
    else seen.set(key(d), [d.start]);
  }
  const more: Detection[] = [];
  for (const table of tables) {
    const csv = scan(Buffer.from(table.csv, 'latin1'), {
      ...options,
      contentType: undefined,
      contentEncoding: undefined,
      maxDepth: depthLeft(options) - 1,
    });
    for (const d of csv.detections) {
      const cell = cellAt(table.cells, d.start);
      if (!cell || seen.get(key(d))?.some((at) => at >= cell.start && at < cell.end)) continue;
      more.push({ ...d, start: cell.start, end: cell.end });
    }
  }
  return more;
}

/** The cell holding CSV offset `at`: the last one starting at or before it (none before the first: the header). */
function cellAt(cells: readonly TableCell[], at: number): TableCell | undefined {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cells[mid] as TableCell).csvStart <= at) lo = mid + 1;
    else hi = mid;
  }
  return cells[lo - 1];
}
