import type { Incident } from '../incident.js';
import { toCsv } from './csv.js';
import { art33Status } from './deadline.js';
import { ExportOptionError } from './errors.js';
import { localDay, zoned } from './time.js';

/** One register row (Art. 33(5)): the facts, effects and remedial action, notified or not. */
export interface RegisterRow {
  incident_id: string;
  status: string;
  facts: string;
  category: string;
  entity: string;
  severity: number;
  signals: number;
  first_seen_utc: string;
  first_seen_local: string;
  aware_utc: string;
  aware_local: string;
  art33_deadline_utc: string;
  art33_deadline_local: string;
  art33_state: string;
  authority_notified_utc: string;
  authority_notified_local: string;
  authorities: string;
  decision: string;
  decision_reasoning: string;
  risk_score: string;
  data_subjects: string;
  dismissed_reason: string;
  closed_utc: string;
  closed_local: string;
}

/** Register columns, in CSV order. */
// biome-ignore format: a column list
export const REGISTER_HEADER: readonly (keyof RegisterRow)[] = [
  'incident_id', 'status', 'facts', 'category', 'entity', 'severity', 'signals', 'first_seen_utc', 'first_seen_local',
  'aware_utc', 'aware_local', 'art33_deadline_utc', 'art33_deadline_local', 'art33_state', 'authority_notified_utc',
  'authority_notified_local', 'authorities', 'decision', 'decision_reasoning', 'risk_score', 'data_subjects',
  'dismissed_reason', 'closed_utc', 'closed_local',
];

/** Register period: `from`/`to` are inclusive days (`yyyy-mm-dd`) of first sight in the chosen zone. */
export interface RegisterOptions {
  from?: string;
  to?: string;
  tz: string;
  /** The moment the register is made: decides pending versus overdue. */
  asOf: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(option: string, day: string | undefined): void {
  if (day !== undefined && (!DAY.test(day) || Number.isNaN(Date.parse(day))))
    throw new ExportOptionError(option, `expected a day as YYYY-MM-DD, got "${day}"`);
}

function row(i: Incident, o: RegisterOptions): RegisterRow {
  const w = i.workflow;
  const t = (iso: string | undefined) => (iso ? zoned(iso, o.tz) : { utc: '', local: '' });
  const clock = art33Status(i, o.asOf);
  const first = w.authorityNotifications?.[0];
  const subjects = w.subjects
    ? w.subjects.outcome === 'notified'
      ? `notified via ${w.subjects.channel}`
      : `exempt ${w.subjects.exemption}: ${w.subjects.justification}`
    : '';
  return {
    incident_id: i.id,
    status: i.status,
    facts: i.title,
    category: i.category,
    entity: `${i.entity.type} ${i.entity.id}`,
    severity: i.severity,
    signals: i.signalCount,
    first_seen_utc: t(i.firstSeen).utc,
    first_seen_local: t(i.firstSeen).local,
    aware_utc: t(w.awareness?.at).utc,
    aware_local: t(w.awareness?.at).local,
    art33_deadline_utc: t(clock.deadline).utc,
    art33_deadline_local: t(clock.deadline).local,
    art33_state: clock.state,
    authority_notified_utc: t(first?.at).utc,
    authority_notified_local: t(first?.at).local,
    authorities: [...new Set((w.authorityNotifications ?? []).map((n) => n.authority))].join(' '),
    decision: w.decision?.outcome ?? '',
    decision_reasoning: w.decision?.reasoning ?? '',
    risk_score: w.decision?.riskScore === undefined ? '' : String(w.decision.riskScore),
    data_subjects: subjects,
    dismissed_reason: w.dismissal?.reason ?? '',
    closed_utc: t(w.closed?.at).utc,
    closed_local: t(w.closed?.at).local,
  };
}

/**
 * The Art. 33(5) register: every incident first seen in the period, notified or not, dismissed ones with
 * their reason, oldest first, times in UTC and the chosen zone.
 * @example registerRows(await store.listIncidents(), { from: '2026-11-01', tz: 'Europe/Berlin', asOf })
 */
export function registerRows(incidents: readonly Incident[], options: RegisterOptions): RegisterRow[] {
  checkDay('--from', options.from);
  checkDay('--to', options.to);
  if (options.from && options.to && options.from > options.to)
    throw new ExportOptionError('--from', `${options.from} is after --to ${options.to}`);
  return incidents
    .filter((i) => {
      const day = localDay(i.firstSeen, options.tz);
      return (!options.from || day >= options.from) && (!options.to || day <= options.to);
    })
    .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id))
    .map((i) => row(i, options));
}

/** The register as CSV. */
export function registerCsv(rows: readonly RegisterRow[]): string {
  return toCsv(
    REGISTER_HEADER,
    rows.map((r) => REGISTER_HEADER.map((k) => r[k])),
  );
}
