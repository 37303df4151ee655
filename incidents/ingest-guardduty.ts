import {
  classifyFinding,
  defaultRelevanceConfig,
  type RelevanceConfig,
} from '../detectors/guardduty/classify-finding.js';
import { GuardDutyEventSchema } from '../events/guardduty.js';
import { eventRef, parseWith } from '../events/parse.js';
import type { Signal } from '../events/signal.js';
import { emptyReport, type IngestReport, type Rejected, recordSignals, type SignalSink } from './ingest.js';

/** What GuardDuty ingestion needs: where signals go, the clock, and the relevance thresholds. */
export interface GuardDutyIngestDeps {
  sink: SignalSink;
  now: () => Date;
  relevance?: RelevanceConfig;
}

/** A batch's report plus the records to retry: invalid ones go to the dead-letter queue, failed ones are retried. */
export interface GuardDutyIngestResult {
  report: IngestReport;
  failed: Rejected[];
}

/**
 * Ingests GuardDuty findings as EventBridge delivers them. Each event is checked, judged and recorded on
 * its own: one malformed event is reported with its finding id and reason and the rest go on.
 * @example await ingestGuardDutyEvents([event], { sink: store, now: () => new Date() })
 */
export async function ingestGuardDutyEvents(
  events: unknown[],
  deps: GuardDutyIngestDeps,
): Promise<GuardDutyIngestResult> {
  const report = emptyReport(events.length);
  const signals: Signal[] = [];
  events.forEach((event, index) => {
    const parsed = parseWith(GuardDutyEventSchema, event, eventRef(event, `event #${index}`));
    if (!parsed.ok) {
      report.invalid.push({ ref: parsed.error.ref, reason: parsed.error.issues.join('; ') });
      return;
    }
    signals.push(classifyFinding(parsed.value.detail, deps.relevance ?? defaultRelevanceConfig));
  });
  const failed = await recordSignals(signals, deps.sink, deps.now, report);
  return { report, failed };
}
