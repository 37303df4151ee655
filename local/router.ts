import { isGuardDutyEvent } from '../events/guardduty.js';
import { isS3Notification } from '../events/s3-notification.js';
import { isSnsEvent, snsMessages } from '../events/sns.js';
import { DeliveryFailedError } from '../incidents/errors.js';
import { emptyReport, type IngestReport, mergeReports } from '../incidents/ingest.js';
import { localContext } from './lambda-context.js';

/** A deployed function as the local runtime calls it: the same middy handler Lambda runs. */
export type LocalHandler = (event: never, context: ReturnType<typeof localContext>) => Promise<unknown>;

/** Like an EventBridge rule or an event source mapping: which deliveries go to which function. */
export interface Route {
  name: string;
  matches(delivery: unknown): boolean;
  invoke(delivery: unknown): Promise<IngestReport>;
}

/**
 * A route that invokes a handler in process the way Lambda would: what it returns is its report, and a
 * `DeliveryFailedError` (which in AWS sends the delivery to retries and the DLQ) still yields its report.
 */
export function handlerRoute(name: string, matches: (delivery: unknown) => boolean, handler: LocalHandler): Route {
  return {
    name,
    matches,
    async invoke(delivery) {
      try {
        return ((await handler(delivery as never, localContext(name))) as IngestReport | undefined) ?? emptyReport(1);
      } catch (error) {
        if (error instanceof DeliveryFailedError) return error.report;
        throw error;
      }
    },
  };
}

/** The GuardDuty pipeline: the EventBridge rule on `source` aws.guardduty, or an SNS topic carrying it. */
export function guardDutyMatcher(delivery: unknown): boolean {
  if (!isSnsEvent(delivery)) return isGuardDutyEvent(delivery);
  try {
    return snsMessages(delivery).every((m) => isGuardDutyEvent(m.value));
  } catch {
    return false;
  }
}

/** The keys of an S3 notification's objects, or none when the delivery is not one. */
function s3Keys(delivery: unknown): string[] {
  if (!isS3Notification(delivery)) return [];
  return (delivery as { Records: Array<{ s3?: { object?: { key?: unknown } } }> }).Records.map((r) =>
    String(r.s3?.object?.key ?? ''),
  );
}

/** Egress samples: given directly (objects with metadata and body), or as S3 objects ending in `.json`. */
export function egressMatcher(delivery: unknown): boolean {
  const keys = s3Keys(delivery);
  if (keys.length > 0) return keys.every((k) => k.endsWith('.json'));
  const d = delivery as { metadata?: unknown; body?: unknown } | null;
  return typeof d === 'object' && d !== null && typeof d.metadata === 'object' && typeof d.body === 'object';
}

/** Flow logs: CloudWatch Logs events and payloads, Firehose events and records, S3 objects not ending in `.json`. */
export function flowLogsMatcher(delivery: unknown): boolean {
  const keys = s3Keys(delivery);
  if (keys.length > 0) return keys.every((k) => !k.endsWith('.json'));
  const d = delivery as {
    awslogs?: unknown;
    records?: unknown;
    messageType?: unknown;
    logEvents?: unknown;
    data?: unknown;
  } | null;
  if (typeof d !== 'object' || d === null) return false;
  return (
    typeof d.awslogs === 'object' || // subscription event
    Array.isArray(d.records) || // Firehose event
    (typeof d.messageType === 'string' && Array.isArray(d.logEvents)) || // decoded subscription payload
    (typeof d.data === 'string' && !('metadata' in d)) // one Firehose record
  );
}

export { mergeReports };
