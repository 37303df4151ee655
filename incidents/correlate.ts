import { createHash } from 'node:crypto';
import { type SeverityBand, type Signal, severityBand } from '../events/signal.js';
import { ACTIVE_STATUSES, correlationKey, type Incident, IncidentStatus, REOPENABLE_STATUSES } from './incident.js';
import { reopenedWorkflow } from './lifecycle.js';
import { chainEntries, GENESIS_HASH, type TimelineEntry, type TimelineEvent } from './timeline.js';

const HOUR_MS = 3_600_000;

/** How far apart two signals about one entity and category may be and still share an incident, per band. */
export interface CorrelationConfig {
  windowMsByBand: Record<SeverityBand, number>;
}

/** Defaults of the issue: 1 h for high (and critical), 8 h for medium, 24 h for low. */
export const defaultCorrelationConfig: CorrelationConfig = {
  windowMsByBand: { critical: HOUR_MS, high: HOUR_MS, medium: 8 * HOUR_MS, low: 24 * HOUR_MS },
};

/** Where a signal goes, decided from the incidents that could hold it. */
export type Placement =
  | { kind: 'join'; incident: Incident; reopen: boolean; via: 'finding' | 'window' }
  | { kind: 'open' }
  | { kind: 'record-only' };

/** Incidents the store found for a signal: the one already holding its finding, the one its key points at. */
export interface Candidates {
  byFinding?: Incident;
  byKey?: Incident;
}

function withinWindow(incident: Incident, signal: Signal, config: CorrelationConfig): boolean {
  const windowMs = config.windowMsByBand[severityBand(signal.severity)];
  const at = Date.parse(signal.observedAt);
  return at >= Date.parse(incident.firstSeen) - windowMs && at <= Date.parse(incident.lastSeen) + windowMs;
}

/**
 * Correlation: a re-emit of a finding joins the incident that holds it whatever the window (reopening it
 * if it was dismissed or closed); otherwise a signal joins the active incident of its entity and category
 * within the window; otherwise it opens an incident if it may, or is recorded for the register only.
 */
export function placeSignal(signal: Signal, candidates: Candidates, config = defaultCorrelationConfig): Placement {
  const { byFinding, byKey } = candidates;
  if (byFinding)
    return { kind: 'join', incident: byFinding, reopen: REOPENABLE_STATUSES.has(byFinding.status), via: 'finding' };
  if (byKey && ACTIVE_STATUSES.has(byKey.status) && withinWindow(byKey, signal, config)) {
    return { kind: 'join', incident: byKey, reopen: false, via: 'window' };
  }
  return signal.opensIncident ? { kind: 'open' } : { kind: 'record-only' };
}

/** Deterministic incident id from the signal that opens it, so concurrent deliveries agree: `BW-20220128-3f2a1b9c`. */
export function incidentIdFor(signal: Signal): string {
  const day = signal.observedAt.slice(0, 10).replaceAll('-', '');
  return `BW-${day}-${createHash('sha256').update(signal.id).digest('hex').slice(0, 8)}`;
}

/** A changed incident and the timeline entries that record the change. */
export interface IncidentChange {
  incident: Incident;
  timeline: TimelineEntry[];
}

function signalEvent(signal: Signal, now: string, type: string): TimelineEvent {
  return {
    at: now,
    type,
    actor: 'breachwatch',
    summary: signal.summary,
    data: {
      signalId: signal.id,
      source: signal.source,
      severity: signal.severity,
      observedAt: signal.observedAt,
      reason: signal.reason,
    },
  };
}

/** Opens an incident from its first signal; `now` is when breachwatch recorded it. */
export function openIncident(signal: Signal, now: string): IncidentChange {
  const timeline = chainEntries(-1, GENESIS_HASH, [signalEvent(signal, now, 'opened')]);
  const head = timeline[timeline.length - 1]!;
  const incident: Incident = {
    id: incidentIdFor(signal),
    status: IncidentStatus.OPEN,
    severity: signal.severity,
    severityBand: severityBand(signal.severity),
    category: signal.category,
    entity: signal.entity,
    correlationKey: correlationKey(signal.entity, signal.category),
    signalCount: 1,
    sources: [signal.source],
    firstSeen: signal.observedAt,
    lastSeen: signal.observedAt,
    openedAt: now,
    updatedAt: now,
    title: signal.summary,
    version: 1,
    timelineSeq: head.seq,
    timelineHead: head.hash,
    workflow: {},
  };
  return { incident, timeline };
}

/**
 * Adds a signal to an incident; `reopen` puts a dismissed or closed incident back to open, says why, and clears
 * its acknowledgement so on-call is paged and asked again.
 */
export function joinIncident(incident: Incident, signal: Signal, now: string, reopen: boolean): IncidentChange {
  const events: TimelineEvent[] = [];
  if (reopen) {
    events.push({
      at: now,
      type: 'reopened',
      actor: 'breachwatch',
      summary: `reopened from ${incident.status}: ${signal.source} re-emitted ${signal.findingKey ?? signal.id}`,
      data: { from: incident.status, signalId: signal.id },
    });
  }
  events.push(signalEvent(signal, now, 'signal-added'));
  const timeline = chainEntries(incident.timelineSeq, incident.timelineHead, events);
  const head = timeline[timeline.length - 1]!;
  const severity = Math.max(incident.severity, signal.severity);
  const first = Date.parse(signal.observedAt) < Date.parse(incident.firstSeen);
  const last = Date.parse(signal.observedAt) > Date.parse(incident.lastSeen);
  return {
    incident: {
      ...incident,
      status: reopen ? IncidentStatus.OPEN : incident.status,
      workflow: reopen ? reopenedWorkflow(incident.workflow, { by: 'breachwatch', at: now }) : incident.workflow,
      severity,
      severityBand: severityBand(severity),
      signalCount: incident.signalCount + 1,
      sources: incident.sources.includes(signal.source) ? incident.sources : [...incident.sources, signal.source],
      firstSeen: first ? signal.observedAt : incident.firstSeen,
      lastSeen: last ? signal.observedAt : incident.lastSeen,
      updatedAt: now,
      version: incident.version + 1,
      timelineSeq: head.seq,
      timelineHead: head.hash,
    },
    timeline,
  };
}
