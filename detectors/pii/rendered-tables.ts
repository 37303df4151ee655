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
