import { type IncidentEvent, type IncidentEventDetail, IncidentEventType as T } from '../events/incident-events.js';
import { ART33_HOURS, art33Deadline } from './gdpr-clock.js';
import { type Incident, IncidentStatus as S } from './incident.js';

/** A DynamoDB attribute value as the stream delivers it (`{ S: "…" }`, `{ N: "8" }`, `{ M: {…} }`…). */
type AttributeValue = object;

/** The part of a DynamoDB stream record (Lambda event or `GetRecords`) the outbox reads. */
export interface IncidentStreamRecord {
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
  };
}

/** Decodes one attribute value; binary and sets are not used by incident items and decode to arrays. */
function decode(attribute: AttributeValue): unknown {
  const value = attribute as Record<string, unknown>;
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return (value.L as AttributeValue[]).map(decode);
  if ('M' in value) return decodeImage(value.M as Record<string, AttributeValue>);
  if ('SS' in value) return value.SS;
  if ('NS' in value) return (value.NS as string[]).map(Number);
  return value.B ?? value.BS;
}

/** Decodes a stream image into a plain object. */
export function decodeImage(image: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, decode(v)]));
}

/**
 * The events a committed change to one table item stands for. The source is the incident's `META` item with
 * its old and new images: it is written by every change (one version per transaction), and it carries the
 * whole state consumers need (severity, category, who acted) without a read. Timeline items would tell what
 * happened but not the state after it. Other items (signals, timeline, pages, markers) yield nothing.
 */
export function incidentEventsFromStreamRecord(record: IncidentStreamRecord): IncidentEvent[] {
  const keys = record.dynamodb?.Keys ? decodeImage(record.dynamodb.Keys) : {};
  const pk = keys.pk;
  if (keys.sk !== 'META' || typeof pk !== 'string' || !pk.startsWith('INC#')) return [];
  if (record.eventName === 'REMOVE' || !record.dynamodb?.NewImage) return [];
  const after = decodeImage(record.dynamodb.NewImage) as unknown as Incident;
  const before = record.dynamodb.OldImage ? (decodeImage(record.dynamodb.OldImage) as unknown as Incident) : undefined;
  return incidentEventsFromChange(before, after);
}

type Builder = (type: IncidentEvent['detailType'], key: string, extra?: Record<string, unknown>) => void;

/** The events between two versions of an incident, in the order a reader would tell them. */
export function incidentEventsFromChange(before: Incident | undefined, after: Incident): IncidentEvent[] {
  if (before && before.version >= after.version) return [];
  const events: IncidentEvent[] = [];
  const base = baseDetail(after, before);
  const add: Builder = (detailType, key, extra = {}) =>
    events.push({
      detailType,
      detail: { ...base, eventId: `${after.id}:v${after.version}:${key}`, ...extra },
    } as IncidentEvent);
  if (!before) {
    add(T.OPENED, 'opened');
    return events;
  }
  const [w0, w1] = [before.workflow ?? {}, after.workflow ?? {}];
  const reopened = before.status !== S.OPEN && after.status === S.OPEN;
  if (reopened) add(T.REOPENED, 'reopened');
  if (after.signalCount > before.signalCount)
    add(T.UPDATED, 'updated', { newSignals: after.signalCount - before.signalCount });
  // Reopening clears the acknowledgement; a new one shows as a changed act or status.
  const a0 = w0.acknowledged;
  const a1 = w1.acknowledged;
  const ackChanged = a1 !== undefined && (a0 === undefined || a0.at !== a1.at || a0.by !== a1.by);
  if (a1 && (ackChanged || (before.status !== S.ACKNOWLEDGED && after.status === S.ACKNOWLEDGED)))
    add(T.ACKNOWLEDGED, 'acknowledged', { actor: a1.by });
  if (before.status !== S.INVESTIGATING && after.status === S.INVESTIGATING) add(T.INVESTIGATING, 'investigating');
  for (const e of (w1.escalations ?? []).slice(w0.escalations?.length ?? 0))
    add(T.ESCALATED, `escalated-${e.level}`, { level: e.level, actor: e.by });
  if (!w0.awareness && w1.awareness)
    add(T.BREACH_CONFIRMED, 'breach-confirmed', { awarenessAt: w1.awareness.at, actor: w1.awareness.by });
  if (before.status !== S.DISMISSED && after.status === S.DISMISSED)
    add(T.DISMISSED, 'dismissed', { actor: w1.dismissal?.by });
  if (w1.decision && w1.decision.at !== w0.decision?.at)
    add(T.DECISION, 'decision', {
      outcome: w1.decision.outcome,
      riskScore: w1.decision.riskScore,
      actor: w1.decision.by,
    });
  for (const n of (w1.authorityNotifications ?? []).slice(w0.authorityNotifications?.length ?? 0))
    add(T.AUTHORITY_NOTIFIED, `authority-${n.phase}`, {
      phase: n.phase,
      authority: n.authority,
      late: n.delayReason !== undefined,
      actor: n.by,
    });
  if (w1.subjects && w1.subjects.at !== w0.subjects?.at) {
    if (w1.subjects.outcome === 'notified')
      add(T.SUBJECTS_NOTIFIED, 'subjects', { channel: w1.subjects.channel, actor: w1.subjects.by });
    else add(T.SUBJECTS_EXEMPT, 'subjects', { exemption: w1.subjects.exemption, actor: w1.subjects.by });
  }
  const sent = new Set(w0.remindersSent ?? []);
  for (const hours of (w1.remindersSent ?? []).filter((h) => !sent.has(h)))
    add(hours >= ART33_HOURS ? T.ART33_OVERDUE : T.ART33_REMINDER, `art33-${hours}h`, {
      hoursAfterAwareness: hours,
    });
  if (before.status !== S.CLOSED && after.status === S.CLOSED) add(T.CLOSED, 'closed', { actor: w1.closed?.by });
  return events;
}

function baseDetail(after: Incident, before: Incident | undefined): IncidentEventDetail {
  const awareness = after.workflow?.awareness?.at;
  return {
    eventId: '',
    incidentId: after.id,
    version: after.version,
    occurredAt: after.updatedAt,
    status: after.status,
    ...(before && before.status !== after.status ? { previousStatus: before.status } : {}),
    severity: after.severity,
    severityBand: after.severityBand,
    category: after.category,
    entity: { type: after.entity.type, id: after.entity.id },
    title: after.title,
    signalCount: after.signalCount,
    sources: after.sources,
    firstSeen: after.firstSeen,
    lastSeen: after.lastSeen,
    ...(awareness ? { art33DeadlineAt: art33Deadline(awareness) } : {}),
  };
}
