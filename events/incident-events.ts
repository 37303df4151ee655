import { z } from 'zod';
import { EntitySchema } from './signal.js';

/** `source` of every event breachwatch publishes on its EventBridge bus. */
export const INCIDENT_EVENT_SOURCE = 'breachwatch';

/** Detail-types on the bus, one per kind of incident change; subscribe with an EventBridge rule on them. */
export const IncidentEventType = {
  OPENED: 'Incident Opened',
  UPDATED: 'Incident Updated',
  ACKNOWLEDGED: 'Incident Acknowledged',
  INVESTIGATING: 'Investigation Started',
  ESCALATED: 'Incident Escalated',
  BREACH_CONFIRMED: 'Breach Confirmed',
  DISMISSED: 'Incident Dismissed',
  DECISION: 'Risk Decision Recorded',
  AUTHORITY_NOTIFIED: 'Authority Notified',
  SUBJECTS_NOTIFIED: 'Data Subjects Notified',
  SUBJECTS_EXEMPT: 'Data Subjects Exempt',
  CLOSED: 'Incident Closed',
  REOPENED: 'Incident Reopened',
  ART33_REMINDER: 'Art 33 Reminder',
  ART33_OVERDUE: 'Art 33 Overdue',
} as const;
export type IncidentEventType = (typeof IncidentEventType)[keyof typeof IncidentEventType];

const iso = z.iso.datetime({ offset: true });

/**
 * What every incident event carries: the incident as it stands after the change, without raw personal data
 * and without free text (reasons and justifications stay in the timeline: people write names into them).
 * `eventId` is deterministic (`<incident>:v<version>:<kind>`), so a consumer dedupes redeliveries on it.
 *
 * @example
 * { "eventId": "BW-20261120-3f2a1b9c:v1:opened", "incidentId": "BW-20261120-3f2a1b9c", "version": 1,
 *   "occurredAt": "2026-11-20T02:20:00.000Z", "status": "open", "severity": 8, "severityBand": "high",
 *   "category": "exfiltration", "entity": { "type": "bucket", "id": "acme-customer-exports" },
 *   "title": "GuardDuty Exfiltration:S3/MaliciousIPCaller (high 8) on bucket acme-customer-exports, seen 1×",
 *   "signalCount": 1, "sources": ["guardduty"], "firstSeen": "2026-11-20T02:14:07.000Z",
 *   "lastSeen": "2026-11-20T02:14:07.000Z" }
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 */
export const IncidentEventDetailSchema = z.object({
  eventId: z.string().min(1),
  incidentId: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: iso,
  status: z.string().min(1),
  previousStatus: z.string().optional(),
  severity: z.number().min(0).max(10),
  severityBand: z.enum(['low', 'medium', 'high', 'critical']),
  category: z.string().min(1),
  entity: EntitySchema,
  title: z.string(),
  signalCount: z.number().int().nonnegative(),
  sources: z.array(z.string()),
  firstSeen: iso,
  lastSeen: iso,
  /** The person (configured id, e.g. `dpo-anna`) or `breachwatch` behind the change, when recorded. */
  actor: z.string().optional(),
  /** Art. 33 deadline once awareness is confirmed. */
  art33DeadlineAt: iso.optional(),
});
export type IncidentEventDetail = z.infer<typeof IncidentEventDetailSchema>;

const event = <T extends IncidentEventType, E extends z.ZodRawShape>(type: T, extra: E) =>
  z.object({ detailType: z.literal(type), detail: IncidentEventDetailSchema.extend(extra) });

/** One event as published: EventBridge `detail-type` and `detail` (`source` is always `breachwatch`). */
export const IncidentEventSchema = z.discriminatedUnion('detailType', [
  event(IncidentEventType.OPENED, {}),
  /** Later signals joined: never a new page, the Slack thread gets a reply. */
  event(IncidentEventType.UPDATED, { newSignals: z.number().int().positive() }),
  event(IncidentEventType.ACKNOWLEDGED, {}),
  event(IncidentEventType.INVESTIGATING, {}),
  event(IncidentEventType.ESCALATED, { level: z.number().int().positive() }),
  event(IncidentEventType.BREACH_CONFIRMED, { awarenessAt: iso }),
  event(IncidentEventType.DISMISSED, {}),
  event(IncidentEventType.DECISION, {
    outcome: z.enum(['register-only', 'notify-authority', 'notify-authority-and-subjects']),
    riskScore: z.number().optional(),
  }),
  event(IncidentEventType.AUTHORITY_NOTIFIED, {
    phase: z.number().int().positive(),
    authority: z.string(),
    /** Past 72 h after awareness: the notification carried a reason for the delay (Art. 33(1)). */
    late: z.boolean(),
  }),
  event(IncidentEventType.SUBJECTS_NOTIFIED, { channel: z.string() }),
  event(IncidentEventType.SUBJECTS_EXEMPT, { exemption: z.enum(['art34-3-a', 'art34-3-b', 'art34-3-c']) }),
  event(IncidentEventType.CLOSED, {}),
  event(IncidentEventType.REOPENED, {}),
  event(IncidentEventType.ART33_REMINDER, { hoursAfterAwareness: z.number().int().positive() }),
  event(IncidentEventType.ART33_OVERDUE, { hoursAfterAwareness: z.number().int().positive() }),
]);
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;

/**
 * An incident event as EventBridge hands it to a target (Lambda, or the local in-process bus).
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 */
export const IncidentBusEventSchema = z
  .object({
    id: z.string().optional(),
    source: z.literal(INCIDENT_EVENT_SOURCE),
    'detail-type': z.string(),
    time: z.string().optional(),
    detail: z.unknown(),
  })
  .transform((e, ctx) => {
    const parsed = IncidentEventSchema.safeParse({ detailType: e['detail-type'], detail: e.detail });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return parsed.data;
  });
