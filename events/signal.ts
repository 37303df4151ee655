import { z } from 'zod';

/** Where a signal came from. */
export const SignalSource = { GUARDDUTY: 'guardduty', FLOWLOGS: 'flowlogs', EGRESS: 'egress' } as const;
export type SignalSource = (typeof SignalSource)[keyof typeof SignalSource];

/** What a signal says about personal data; correlation keys on it together with the entity. */
export const Category = {
  EXFILTRATION: 'exfiltration',
  DATA_STORE_ACCESS: 'data-store-access',
  CREDENTIAL_COMPROMISE: 'credential-compromise',
  HOST_COMPROMISE: 'host-compromise',
  RECON: 'recon',
} as const;
export type Category = (typeof Category)[keyof typeof Category];

/** The thing a signal is about: an instance, ENI, access key, principal, bucket, database… */
export const EntitySchema = z.object({
  type: z.string().min(1),
  id: z.string().min(1),
});
export type Entity = z.infer<typeof EntitySchema>;

/**
 * One observation from a detector, the unit correlation works on. It never holds raw personal data:
 * evidence is types, counts, offsets and keyed fingerprints.
 *
 * `id` is deterministic for the observation (a redelivery yields the same id), which makes every write
 * idempotent. `findingKey` ties re-emits of one upstream finding to the incident that already holds it.
 */
export const SignalSchema = z.object({
  id: z.string().min(1),
  source: z.enum([SignalSource.GUARDDUTY, SignalSource.FLOWLOGS, SignalSource.EGRESS]),
  entity: EntitySchema,
  category: z.enum([
    Category.EXFILTRATION,
    Category.DATA_STORE_ACCESS,
    Category.CREDENTIAL_COMPROMISE,
    Category.HOST_COMPROMISE,
    Category.RECON,
  ]),
  /** 0–10 on GuardDuty's scale; other sources map their score onto it. */
  severity: z.number().min(0).max(10),
  /** Source-specific strength (anomaly score, distinct subjects…); informative. */
  score: z.number(),
  /** When it happened (ISO 8601, UTC). */
  observedAt: z.iso.datetime({ offset: true }),
  /** Whether this signal on its own may open an incident (thresholds, samples, archived findings). */
  opensIncident: z.boolean(),
  /** Why it opens or not, e.g. "sample finding" or "severity 2 below minimum 4": shown in the timeline. */
  reason: z.string(),
  /** One human line: what, how much, against which baseline. No personal data. */
  summary: z.string(),
  findingKey: z.string().optional(),
  /** Source-specific details (finding type, byte counts, PII type counts…). No personal data. */
  evidence: z.record(z.string(), z.unknown()),
});
export type Signal = z.infer<typeof SignalSchema>;

/** Severity band names; the windows and thresholds are configured per band. */
export const SeverityBand = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' } as const;
export type SeverityBand = (typeof SeverityBand)[keyof typeof SeverityBand];

/** GuardDuty's bands: Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
export function severityBand(severity: number): SeverityBand {
  if (severity >= 9) return SeverityBand.CRITICAL;
  if (severity >= 7) return SeverityBand.HIGH;
  if (severity >= 4) return SeverityBand.MEDIUM;
  return SeverityBand.LOW;
}
