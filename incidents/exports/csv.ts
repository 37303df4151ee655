import type { IncidentRecord } from './incident-record.js';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading `=+-@` is defused. */
export function csvField(value: string | number | boolean | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`; // spreadsheet formula injection (OWASP)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | undefined>>,
): string {
  return [header, ...rows]
    .map((r) => r.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Columns of the incident CSV: one row per timeline entry, so the hash chain can be checked in a spreadsheet. */
export const INCIDENT_CSV_HEADER = [
  'incident_id',
  'seq',
  'at_utc',
  'at_local',
  'type',
  'actor',
  'summary',
  'prev_hash',
  'hash',
] as const;

/**
 * The incident's full timeline as CSV (times in UTC and the chosen zone), each row naming the incident.
 * @example incidentCsv(buildIncidentRecord(input)).split('\r\n')[0] // 'incident_id,seq,at_utc,…'
 */
export function incidentCsv(record: IncidentRecord): string {
  return toCsv(
    INCIDENT_CSV_HEADER,
    record.timeline.map((e) => [
      record.incident.id,
      e.seq,
      e.at.utc,
      e.at.local,
      e.type,
      e.actor,
      e.summary,
      e.prevHash,
      e.hash,
    ]),
  );
}
