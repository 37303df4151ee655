import type { Category, Entity, SeverityBand, SignalSource } from '../events/signal.js';
import type { IncidentWorkflow } from './workflow.js';

/**
 * Incident states. `open`, `acknowledged` and `investigating` are active: new signals about the same
 * entity and category join them. The others follow the GDPR workflow (Art. 33/34) and end in `closed`.
 */
export const IncidentStatus = {
  OPEN: 'open',
  ACKNOWLEDGED: 'acknowledged',
  INVESTIGATING: 'investigating',
  BREACH_CONFIRMED: 'breach-confirmed',
  DISMISSED: 'dismissed',
  AUTHORITY_NOTIFIED: 'authority-notified',
  SUBJECTS_NOTIFIED: 'subjects-notified',
  SUBJECTS_EXEMPT: 'subjects-exempt',
  CLOSED: 'closed',
} as const;
export type IncidentStatus = (typeof IncidentStatus)[keyof typeof IncidentStatus];

/** States in which correlation may add signals to an incident. */
export const ACTIVE_STATUSES: ReadonlySet<IncidentStatus> = new Set([
  IncidentStatus.OPEN,
  IncidentStatus.ACKNOWLEDGED,
  IncidentStatus.INVESTIGATING,
]);

/** States a re-emitted finding reopens: the incident had been put aside. */
export const REOPENABLE_STATUSES: ReadonlySet<IncidentStatus> = new Set([
  IncidentStatus.DISMISSED,
  IncidentStatus.CLOSED,
]);

/** An incident as stored: one entity, one category, the signals that joined it and its chained timeline. */
export interface Incident {
  id: string;
  status: IncidentStatus;
  /** Max of its signals' severities (0–10). */
  severity: number;
  severityBand: SeverityBand;
  category: Category;
  entity: Entity;
  correlationKey: string;
  signalCount: number;
  sources: SignalSource[];
  /** Earliest and latest signal observation times (ISO 8601 UTC). */
  firstSeen: string;
  lastSeen: string;
  /** When breachwatch opened it and last changed it. */
  openedAt: string;
  updatedAt: string;
  /** One line describing the first signal; later signals are in the timeline. */
  title: string;
  /** Optimistic-locking counter: every write conditions on it. */
  version: number;
  timelineSeq: number;
  timelineHead: string;
  /** Who acknowledged, confirmed, decided and notified, and when: the GDPR record. */
  workflow: IncidentWorkflow;
}

/** Correlation key: signals about the same entity and category belong together. */
export function correlationKey(entity: Entity, category: Category): string {
  return `${entity.type}#${entity.id}#${category}`;
}
