import type { Signal } from '../events/signal.js';
import type { Incident } from './incident.js';

/** What recording one signal did; `duplicate` changed nothing. */
export type RecordOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'recorded' }
  | { outcome: 'opened' | 'joined' | 'reopened'; incidentId: string; incident: Incident };

/** Where signals go: the DynamoDB store in AWS and locally. */
export interface SignalSink {
  recordSignal(signal: Signal, now: Date): Promise<RecordOutcome>;
}

/** A record that could not be used, by reference (finding id, record index) and reason: never its content. */
export interface Rejected {
  ref: string;
  reason: string;
}

/** Counts of one batch, for metrics, logs and the CLI. */
export interface IngestReport {
  received: number;
  invalid: Rejected[];
  /** Signals that opened nothing, by the reason they give (`sample finding`, `archived finding`, …). */
  notOpened: Record<string, number>;
  opened: string[];
  joined: number;
  reopened: number;
  duplicates: number;
}

/** An empty report for `received` records. */
export function emptyReport(received: number): IngestReport {
  return { received, invalid: [], notOpened: {}, opened: [], joined: 0, reopened: 0, duplicates: 0 };
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

/** Adds one outcome to a report. */
export function countOutcome(report: IngestReport, signal: Signal, result: RecordOutcome): void {
  switch (result.outcome) {
    case 'opened':
      report.opened.push(result.incidentId);
      return;
    case 'joined':
      report.joined += 1;
      return;
    case 'reopened':
      report.reopened += 1;
      return;
    case 'duplicate':
      report.duplicates += 1;
      return;
    case 'recorded': {
      // Counted by the kind of reason, without its numbers ("severity 2 below minimum 4 for recon").
      const kind = signal.reason.replace(/ \d+(\.\d+)?/g, '');
      report.notOpened[kind] = (report.notOpened[kind] ?? 0) + 1;
    }
  }
}

/**
 * Records signals one after another, each on its own: a failing write is reported against its signal and
 * does not stop the others. Returns the report and the refs of failed signals so the caller can retry them.
 */
export async function recordSignals(
  signals: Signal[],
  sink: SignalSink,
  now: () => Date,
  report: IngestReport,
): Promise<Rejected[]> {
  const failed: Rejected[] = [];
  for (const signal of signals) {
    try {
      countOutcome(report, signal, await sink.recordSignal(signal, now()));
    } catch (error) {
      failed.push({ ref: signal.id, reason: error instanceof Error ? error.name : 'unknown error' });
    }
  }
  return failed;
}
