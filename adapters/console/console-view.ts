import type { Signal } from '../../events/signal.js';
import type { Incident } from '../../incidents/incident.js';
import { incidentJson } from '../../incidents/incident-json.js';
import { type TimelineEntry, verifyChain } from '../../incidents/timeline.js';
import { consoleActions } from './console-actions.js';
import { art33Countdown } from './countdown.js';

/** Export formats the console links to. */
export const EXPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

/** An incident as a row of the console's list: what, how bad, where it stands, and its Art. 33 clock. */
export function consoleSummary(incident: Incident, now: Date) {
  return { ...incidentJson(incident), countdown: art33Countdown(incident, now) };
}

/** A signal as evidence: source, type, severity and its one-line summary. Never its raw evidence. */
function evidence(signal: Signal) {
  const findingType = signal.evidence.findingType;
  return {
    id: signal.id,
    source: signal.source,
    type: typeof findingType === 'string' ? findingType : signal.category,
    severity: signal.severity,
    observedAt: signal.observedAt,
    summary: signal.summary,
  };
}

/**
 * One incident for the detail pane: the record, its Art. 33 clock, evidence, the timeline with the chain
 * verdict, the actions the viewer may take now and the export links.
 */
export function consoleDetail(
  incident: Incident,
  timeline: TimelineEntry[],
  signals: Signal[],
  now: Date,
  apiBase: string,
) {
  const href = (format: string) => `${apiBase}/incidents/${encodeURIComponent(incident.id)}/export?format=${format}`;
  return {
    now: now.toISOString(),
    incident: { ...consoleSummary(incident, now), version: incident.version, workflow: incident.workflow },
    chain: verifyChain(timeline, incident.timelineHead),
    timeline: timeline.map(({ seq, at, type, actor, summary, hash }) => ({ seq, at, type, actor, summary, hash })),
    signals: signals.map(evidence),
    actions: consoleActions(incident, now),
    exports: EXPORT_FORMATS.map((format) => ({ format, href: href(format) })),
  };
}
