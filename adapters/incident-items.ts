import type { Signal } from '../events/signal.js';
import { ACTIVE_STATUSES, type Incident } from '../incidents/incident.js';
import type { TimelineEntry } from '../incidents/timeline.js';

/** Item keys of the single table (see `table.ts`). */
export const keys = {
  incident: (id: string) => ({ pk: `INC#${id}`, sk: 'META' }),
  signal: (incidentId: string, s: Signal) => ({ pk: `INC#${incidentId}`, sk: `SIG#${s.observedAt}#${s.id}` }),
  timeline: (incidentId: string, seq: number) => ({
    pk: `INC#${incidentId}`,
    sk: `TL#${String(seq).padStart(10, '0')}`,
  }),
  correlation: (key: string) => ({ pk: `CORR#${key}`, sk: 'CORR' }),
  finding: (findingKey: string) => ({ pk: `FIND#${findingKey}`, sk: 'FIND' }),
  dedup: (signalId: string) => ({ pk: `DEDUP#${signalId}`, sk: 'DEDUP' }),
  unattached: (s: Signal) => ({ pk: `SIGDAY#${s.observedAt.slice(0, 10)}`, sk: `${s.observedAt}#${s.id}` }),
};

/** The META item of an incident, with the index attributes derived from its state. */
export function incidentItem(incident: Incident): Record<string, unknown> {
  const active = ACTIVE_STATUSES.has(incident.status);
  return {
    ...keys.incident(incident.id),
    kind: 'incident',
    ...incident,
    ...(active ? { openPk: 'OPEN', openSk: `${incident.firstSeen}#${incident.id}` } : {}),
    timePk: 'INCIDENT',
    timeSk: `${incident.firstSeen}#${incident.id}`,
  };
}

const derived = new Set(['pk', 'sk', 'kind', 'openPk', 'openSk', 'timePk', 'timeSk']);

function strip<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !derived.has(k))) as T;
}

/** The incident held by a META item. */
export const incidentFromItem = (item: Record<string, unknown>): Incident => strip<Incident>(item);

/** A timeline entry as an item, and back. */
export const timelineItem = (incidentId: string, entry: TimelineEntry) => ({
  ...keys.timeline(incidentId, entry.seq),
  kind: 'timeline',
  ...entry,
});
export const timelineFromItem = (item: Record<string, unknown>): TimelineEntry => strip<TimelineEntry>(item);

/** A signal as an item (under its incident or its day), and back. */
export const signalItem = (key: { pk: string; sk: string }, signal: Signal, incidentId?: string) => ({
  ...key,
  kind: 'signal',
  incidentId,
  signal,
});
export const signalFromItem = (item: Record<string, unknown>): Signal => item.signal as Signal;
