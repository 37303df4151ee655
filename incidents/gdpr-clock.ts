import type { SeverityBand } from '../events/signal.js';
import { type Incident, IncidentStatus } from './incident.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Art. 33(1): the supervisory authority is notified "not later than 72 hours after having become aware". */
export const ART33_HOURS = 72;

/** Reminders before the Art. 33 deadline, in hours after awareness; each is sent once (`remindersSent`). */
export const ART33_REMINDER_HOURS = [24, 48, 60, 70] as const;

/** How long an incident may stay unacknowledged before it escalates, per severity band. */
export interface EscalationPolicy {
  windowMsByBand: Record<SeverityBand, number>;
  /** Escalation levels before the scheduler stops (level n is due at n × window). */
  maxLevels: number;
}

/** Defaults of the issue: critical 15 min, high 30 min, medium 2 h, low 8 h; two levels. */
export const defaultEscalationPolicy: EscalationPolicy = {
  windowMsByBand: { critical: 15 * MINUTE_MS, high: 30 * MINUTE_MS, medium: 2 * HOUR_MS, low: 8 * HOUR_MS },
  maxLevels: 2,
};

/**
 * Art. 33(1) deadline: awareness + 72 h (ISO 8601 UTC). Awareness is when a person confirmed the breach with
 * "a reasonable degree of certainty" (EDPB Guidelines 9/2022, §31), not when the first signal arrived.
 * @example art33Deadline('2026-11-20T08:00:00.000Z') // '2026-11-23T08:00:00.000Z'
 */
export function art33Deadline(awarenessAt: string): string {
  return new Date(Date.parse(awarenessAt) + ART33_HOURS * HOUR_MS).toISOString();
}

/** Whether the Art. 33 clock runs for an incident: breach confirmed, no authority notified, not decided register-only. */
function clockRuns(incident: Incident): boolean {
  const w = incident.workflow;
  return (
    incident.status === IncidentStatus.BREACH_CONFIRMED &&
    w.awareness !== undefined &&
    (w.authorityNotifications ?? []).length === 0 &&
    w.decision?.outcome !== 'register-only'
  );
}

/** Hours elapsed since awareness at `now`, or undefined when the clock does not run. */
export function hoursSinceAwareness(incident: Incident, now: Date): number | undefined {
  if (!clockRuns(incident)) return undefined;
  return (now.getTime() - Date.parse(incident.workflow.awareness!.at)) / HOUR_MS;
}

/**
 * Art. 33 reminders due at `now` and not yet sent, oldest first; past 72 h the overdue notice (72) is due once
 * too. Nothing is due once the authority is notified or the DPO decided "register only" (Art. 33(1), unlikely risk).
 */
export function dueReminders(incident: Incident, now: Date): number[] {
  const hours = hoursSinceAwareness(incident, now);
  if (hours === undefined) return [];
  const sent = new Set(incident.workflow.remindersSent ?? []);
  const due = (h: number) => (h === ART33_HOURS ? hours > h : hours >= h); // overdue means past, as isArt33Overdue
  return [...ART33_REMINDER_HOURS, ART33_HOURS].filter((h) => due(h) && !sent.has(h));
}

/** Past the Art. 33 deadline without an authority notification: the notification then needs a delay reason. */
export function isArt33Overdue(incident: Incident, now: Date): boolean {
  const hours = hoursSinceAwareness(incident, now);
  return hours !== undefined && hours > ART33_HOURS;
}

/** An escalation the scheduler should apply: its level and a reason without personal data. */
export interface EscalationDue {
  level: number;
  reason: string;
}

/**
 * Escalation due at `now`: the incident is still `open` and unacknowledged, and level n (n = escalations so far
 * + 1, up to `maxLevels`) is due once n × the band's window has passed since breachwatch opened it, or since
 * it was last reopened (escalations before that belong to the earlier round).
 */
export function escalationDue(
  incident: Incident,
  now: Date,
  policy: EscalationPolicy = defaultEscalationPolicy,
): EscalationDue | undefined {
  if (incident.status !== IncidentStatus.OPEN || incident.workflow.acknowledged) return undefined;
  const since = incident.workflow.reopened?.at ?? incident.openedAt;
  const round = (incident.workflow.escalations ?? []).filter((e) => Date.parse(e.at) >= Date.parse(since));
  const level = round.length + 1;
  if (level > policy.maxLevels) return undefined;
  const windowMs = policy.windowMsByBand[incident.severityBand];
  if (now.getTime() - Date.parse(since) < level * windowMs) return undefined;
  const minutes = Math.round((level * windowMs) / MINUTE_MS);
  return { level, reason: `not acknowledged within ${minutes} min (${incident.severityBand})` };
}
