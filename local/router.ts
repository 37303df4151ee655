import { isGuardDutyEvent } from '../events/guardduty.js';
import { DeliveryFailedError } from '../incidents/errors.js';
import { emptyReport, type IngestReport } from '../incidents/ingest.js';
import { localContext } from './lambda-context.js';

/** A deployed function as the local runtime calls it: the same middy handler Lambda runs. */
export type LocalHandler = (event: never, context: ReturnType<typeof localContext>) => Promise<unknown>;

/** Like an EventBridge rule or an event source mapping: which deliveries go to which function. */
export interface Route {
  name: string;
  matches(delivery: unknown): boolean;
  invoke(delivery: unknown): Promise<IngestReport>;
}

/** Merges `b` into `a` and returns `a`. */
export function mergeReports(a: IngestReport, b: IngestReport): IngestReport {
  a.received += b.received;
  a.invalid.push(...b.invalid);
  for (const [reason, n] of Object.entries(b.notOpened)) a.notOpened[reason] = (a.notOpened[reason] ?? 0) + n;
  a.opened.push(...b.opened);
  a.joined += b.joined;
  a.reopened += b.reopened;
  a.duplicates += b.duplicates;
  return a;
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

/** The GuardDuty pipeline's EventBridge rule: `source` aws.guardduty. */
export const guardDutyMatcher = isGuardDutyEvent;

/** Egress samples given directly (the function's direct invocation): objects with metadata and body. */
export function egressMatcher(delivery: unknown): boolean {
  const d = delivery as { metadata?: unknown; body?: unknown } | null;
  return typeof d === 'object' && d !== null && typeof d.metadata === 'object' && typeof d.body === 'object';
}
