/**
 * Query results as the AWS and Google APIs return them: Athena's `GetQueryResults`, the RDS and Redshift Data APIs,
 * Google Sheets' value ranges and BigQuery's query responses. Their column names are given once (a header row, or the
 * result's metadata) far from the cells, as a CSV header is: such a body is read again as the CSV it would export to,
 * by column, and each cell found is placed at its own bytes.
 */
import { skipSpace } from './byte-search.js';
import { csvCell, type RenderedTable, type TableCell } from './rendered-tables.js';

/**
 * @internal True for a body whose head (its first `HEAD_BYTES`) shows one of these results: it is read whole, as
 * both `scanBuffer` and `scanStream` decide from the same head.
 */
export function looksLikeResultSet(head: Uint8Array): boolean {
  if (head[skipSpace(head, 0)] !== 123) return false;
  return RESULT_HEAD.test(Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1'));
}

/** Keys that open each result shape (the Data APIs' rows, arrays of arrays, may come before their metadata). */
const RESULT_HEAD =
  /"ResultSet"\s*:\s*\{|"majorDimension"\s*:|"kind"\s*:\s*"bigquery#|"(?:records|Records)"\s*:\s*\[\s*\[|"(?:columnMetadata|ColumnMetadata)"\s*:/;

/** A result's column names and its rows, a cell a string (or undefined for a null or a number). */
interface ResultSet {
  columns: string[];
  rows: (string | undefined)[][];
}

/** @internal Largest result body read by column, in bytes (an API page is a few MB at most: Athena's holds 1,000 rows). */
export const RESULT_MAX = 16 * 1024 * 1024;

/** @internal The result `body` holds as CSV, its string cells placed in the body; undefined for no JSON or no known shape. */
export function resultTable(body: Buffer): RenderedTable | undefined {
  // parsed, a result takes several times its size: a larger one is read as text only
  if (body.length > RESULT_MAX) return undefined;
  const text = body.toString('latin1');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const result = resultSetOf(json);
  if (!result || result.columns.length < 2 || result.rows.length === 0) return undefined;
  let csv = `${result.columns.map(csvCell).join(',')}\n`;
  const cells: TableCell[] = [];
  // the cells are in the body in row order: each is looked for after the one before
  let at = 0;
  for (const row of result.rows) {
    row.forEach((value, k) => {
      if (k > 0) csv += ',';
      if (value === undefined) return;
      const written = JSON.stringify(value);
      const found = text.indexOf(Buffer.from(written, 'utf8').toString('latin1'), at);
      // a string the body escapes otherwise (`\u00e9`, `\/`) is placed at the whole body, as a decoded layer's finds are
      if (found < 0) cells.push({ csvStart: csv.length, start: 0, end: body.length });
      else {
        cells.push({ csvStart: csv.length, start: found + 1, end: found + Buffer.byteLength(written) - 1 });
        at = found + 1;
      }
      csv += csvCell(value);
    });
    csv += '\n';
  }
  return { csv, cells };
}

/** The columns and rows of Athena, Data API, Sheets or BigQuery results. */
function resultSetOf(json: unknown): ResultSet | undefined {
  if (!isObject(json)) return undefined;
  const athena = isObject(json.ResultSet) ? json.ResultSet : undefined;
  if (athena && Array.isArray(athena.Rows)) {
    const rows = athena.Rows.map((r) => cellsOf(isObject(r) ? r.Data : undefined, (c) => c.VarCharValue));
    const info = isObject(athena.ResultSetMetadata) ? athena.ResultSetMetadata.ColumnInfo : undefined;
    const named = Array.isArray(info) ? info.map((c) => (isObject(c) ? String(c.Name ?? '') : '')) : undefined;
    const columns = named ?? rows[0]?.map((c) => c ?? '') ?? [];
    // a SELECT's first row repeats its column names
    const header = rows[0]?.every((c, k) => c === columns[k]);
    return { columns, rows: header ? rows.slice(1) : rows };
  }
  const records = json.records ?? json.Records;
  const metadata = json.columnMetadata ?? json.ColumnMetadata;
  if (Array.isArray(records) && Array.isArray(metadata)) {
    const columns = metadata.map((c) => (isObject(c) ? String(c.label ?? c.name ?? '') : ''));
    return { columns, rows: records.map((r) => cellsOf(r, (c) => c.stringValue)) };
  }
  if (isObject(json.schema) && Array.isArray(json.rows)) {
    const fields = Array.isArray(json.schema.fields) ? json.schema.fields : [];
    const columns = fields.map((f) => (isObject(f) ? String(f.name ?? '') : ''));
    return { columns, rows: json.rows.map((r) => cellsOf(isObject(r) ? r.f : undefined, (c) => c.v)) };
  }
  if (Array.isArray(json.values)) {
    const rows = json.values.map((r) =>
      Array.isArray(r) ? r.map((c) => (typeof c === 'string' ? c : undefined)) : [],
    );
    return { columns: rows[0]?.map((c) => c ?? '') ?? [], rows: rows.slice(1) };
  }
  return undefined;
}

/** A row's cells (objects), each read by `value`: a string, or undefined. */
function cellsOf(row: unknown, value: (cell: Record<string, unknown>) => unknown): (string | undefined)[] {
  if (!Array.isArray(row)) return [];
  return row.map((c) => {
    const v = isObject(c) ? value(c) : undefined;
    return typeof v === 'string' ? v : undefined;
  });
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
