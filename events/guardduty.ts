import { z } from 'zod';

/**
 * GuardDuty prints `updatedAt` as ISO 8601 (`2022-01-28T21:12:25.481Z`); copies normalised by other
 * tools use `2025-02-25 20:40:06.721` (UTC, no zone). Both become ISO 8601 UTC.
 */
const timestamp = z.string().transform((value, ctx) => {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 timestamp' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/** `true`, or the string "true" some exporters write. */
const flag = z.union([z.boolean(), z.literal('true'), z.literal('false')]).transform((v) => v === true || v === 'true');

/**
 * The parts of a GuardDuty finding breachwatch reads. Every other field is kept as is and ignored, so
 * new fields and type drift (numeric `asn`, epoch `launchTime`, missing `action`) never reject a finding.
 * @see https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Finding.html
 */
export const GuardDutyFindingSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  accountId: z.string().min(1),
  region: z.string().min(1),
  severity: z.number().min(0).max(10),
  updatedAt: timestamp,
  createdAt: timestamp.optional(),
  title: z.string().optional(),
  resource: z.looseObject({
    resourceType: z.string().min(1),
    instanceDetails: z.looseObject({ instanceId: z.string().optional() }).optional(),
    accessKeyDetails: z
      .looseObject({
        accessKeyId: z.string().optional(),
        principalId: z.string().optional(),
        userName: z.string().optional(),
      })
      .optional(),
    s3BucketDetails: z.array(z.looseObject({ name: z.string().optional(), type: z.string().optional() })).optional(),
    rdsDbInstanceDetails: z.looseObject({ dbInstanceIdentifier: z.string().optional() }).optional(),
    eksClusterDetails: z.looseObject({ name: z.string().optional() }).optional(),
    lambdaDetails: z.looseObject({ functionName: z.string().optional() }).optional(),
    ecsClusterDetails: z.looseObject({ name: z.string().optional() }).optional(),
  }),
  service: z
    .looseObject({
      archived: flag.optional(),
      count: z.number().int().min(0).optional(),
      additionalInfo: z.looseObject({ sample: flag.optional() }).optional(),
    })
    .optional(),
});
export type GuardDutyFinding = z.infer<typeof GuardDutyFindingSchema>;

/**
 * A GuardDuty finding as EventBridge delivers it (default bus, `detail-type` "GuardDuty Finding").
 * @example {"version":"0","id":"ddc04f18-…","detail-type":"GuardDuty Finding","source":"aws.guardduty",
 *   "account":"973743533182","time":"2022-01-28T21:12:25Z","region":"us-east-2","resources":[],"detail":{…}}
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 */
export const GuardDutyEventSchema = z.looseObject({
  version: z.string().optional(),
  id: z.string().min(1),
  'detail-type': z.literal('GuardDuty Finding'),
  source: z.literal('aws.guardduty'),
  account: z.string().optional(),
  time: z.string().optional(),
  region: z.string().optional(),
  detail: GuardDutyFindingSchema,
});
export type GuardDutyEvent = z.infer<typeof GuardDutyEventSchema>;

/** True when a JSON value looks like a GuardDuty EventBridge event (used to route recorded input). */
export function isGuardDutyEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.source === 'aws.guardduty' || v['detail-type'] === 'GuardDuty Finding';
}
