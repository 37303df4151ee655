import { destinationKey } from '../detectors/egress/destination.js';
import { type EgressConfig, evaluateEgressSample } from '../detectors/egress/evaluate-egress-sample.js';
import { egressEntity } from '../detectors/egress/score-egress-sample.js';
import { type EgressSample, EgressSampleSchema } from '../events/egress-sample.js';
import { parseWith } from '../events/parse.js';
import type { S3ObjectRef } from '../events/s3-notification.js';
import { countOutcome, emptyReport, type IngestReport, type Rejected, type SignalSink } from './ingest.js';

/** Destinations each entity has sent to before: novelty raises a sample's severity. */
export interface DestinationMemory {
  known(entityKey: string): Promise<ReadonlySet<string>>;
  remember(entityKey: string, destination: string, at: string): Promise<void>;
}

/** What egress ingestion needs; `readObject` fetches bodies kept as S3 objects. */
export interface EgressIngestDeps {
  sink: SignalSink;
  now: () => Date;
  config: EgressConfig;
  destinations: DestinationMemory;
  readObject: (ref: S3ObjectRef) => Promise<Uint8Array>;
}

/** A delivered sample: the parsed JSON and a reference for reports (S3 key or batch index). */
export interface DeliveredSample {
  ref: string;
  value: unknown;
}

async function ingestOne(item: DeliveredSample, deps: EgressIngestDeps, report: IngestReport): Promise<void> {
  const parsed = parseWith(EgressSampleSchema, item.value, item.ref);
  if (!parsed.ok) {
    report.invalid.push({ ref: item.ref, reason: parsed.error.issues.join('; ') });
    return;
  }
  const sample: EgressSample = parsed.value;
  const entity = egressEntity(sample);
  const entityKey = `${entity.type}#${entity.id}`;
  const body = 's3' in sample.body ? await deps.readObject(sample.body.s3) : undefined;
  const known = await deps.destinations.known(entityKey);
  const { signal } = evaluateEgressSample(sample, deps.config, known, body);
  if (signal) countOutcome(report, signal, await deps.sink.recordSignal(signal, deps.now()));
  else report.notOpened['no personal data'] = (report.notOpened['no personal data'] ?? 0) + 1;
  // Remembered after the signal is recorded: a retry after a failure still sees the destination as new.
  await deps.destinations.remember(entityKey, destinationKey(sample.metadata.destination), sample.metadata.capturedAt);
}

/**
 * Scans and scores egress samples (personal data leaving the network) and records their signals.
 * Each sample is handled on its own: a malformed one is reported by ref and reason, a failed one is
 * returned for retry, the rest go on.
 */
export async function ingestEgressSamples(
  items: DeliveredSample[],
  deps: EgressIngestDeps,
): Promise<{ report: IngestReport; failed: Rejected[] }> {
  const report = emptyReport(items.length);
  const failed: Rejected[] = [];
  for (const item of items) {
    try {
      await ingestOne(item, deps, report);
    } catch (error) {
      failed.push({ ref: item.ref, reason: error instanceof Error ? error.name : 'unknown error' });
    }
  }
  return { report, failed };
}
