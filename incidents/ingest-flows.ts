import { FlowAggregator } from '../detectors/baseline/aggregate.js';
import { analyzeFlowBatch, batchEntities } from '../detectors/baseline/analyze.js';
import { type BaselineConfigInput, resolveBaselineConfig } from '../detectors/baseline/config.js';
import type { EntityBaseline } from '../detectors/baseline/state.js';
import { parseCloudWatchLogsData } from '../events/flowlogs/cloudwatch-logs-fast.js';
import type { FlowFormat } from '../events/flowlogs/format.js';
import { parseFlowInput } from '../events/flowlogs/input.js';
import type { OnFlowRecord } from '../events/flowlogs/text-parser.js';
import type { Entity } from '../events/signal.js';
import { emptyReport, type IngestReport, type Rejected, recordSignals, type SignalSink } from './ingest.js';

/** Per-entity baselines: read before a batch is scored, deltas added once per batch id after. */
export interface BaselinePort {
  load(entities: readonly Entity[]): Promise<Map<string, EntityBaseline>>;
  apply(batchId: string, updates: readonly EntityBaseline[], now: Date): Promise<unknown>;
}

/** What flow-log ingestion needs; `format` is the flow log's custom format for header-less records. */
export interface FlowIngestDeps {
  sink: SignalSink;
  baselines: BaselinePort;
  now: () => Date;
  config?: BaselineConfigInput;
  format?: FlowFormat;
}

/**
 * What a delivery holds: bytes of any supported input (detected by content), or the `awslogs.data` of a
 * subscription event Lambda has already parsed, which goes straight to the in-place scanner.
 */
export type FlowSource = { stream: AsyncIterable<Uint8Array> } | { cloudWatchLogsData: string };

/** The outcome of one delivery: counts, malformed lines by position, and failed signal writes. */
export interface FlowIngestResult {
  report: IngestReport;
  failed: Rejected[];
  records: number;
}

/**
 * Decodes, parses and aggregates one flow-log delivery (CloudWatch Logs payload, S3 object, Firehose
 * record; detected by content), scores it against the entities' baselines, records the signals, then adds
 * the baseline deltas. Signals go first: a crash before the baseline update is retried with the same
 * signal ids (deduplicated) and the update then applies once, whereas the other order could learn the
 * anomaly before its signal was stored. Malformed lines are reported by position and reason.
 */
export async function ingestFlowDelivery(
  source: FlowSource,
  batchId: string,
  ref: string,
  deps: FlowIngestDeps,
): Promise<FlowIngestResult> {
  const aggregator = new FlowAggregator(resolveBaselineConfig(deps.config).bucketSeconds);
  const options = { format: deps.format };
  const onRecord: OnFlowRecord = (scanner) => aggregator.add(scanner);
  const stats =
    'cloudWatchLogsData' in source
      ? parseCloudWatchLogsData(source.cloudWatchLogsData, options, onRecord, ref)
      : (await parseFlowInput(source.stream, options, onRecord, ref)).stats;
  const report = emptyReport(0);
  for (const m of stats.malformedLines) {
    report.invalid.push({
      ref: `${ref} ${m.unit} ${m.position}${m.line ? `.${m.line}` : ''}`,
      reason: m.field ? `${m.reason} (${m.field})` : m.reason,
    });
  }
  if (stats.malformed > stats.malformedLines.length) {
    report.invalid.push({ ref, reason: `${stats.malformed - stats.malformedLines.length} more malformed lines` });
  }
  const now = deps.now();
  const baselines = await deps.baselines.load(batchEntities(aggregator));
  const result = analyzeFlowBatch(aggregator, baselines, { now, batchId, config: deps.config });
  report.received = stats.records + stats.nodata + stats.skipdata + stats.malformed;
  const skipped = stats.nodata + stats.skipdata;
  if (skipped > 0) report.notOpened['NODATA/SKIPDATA records (counted, not scored)'] = skipped;
  const failed = await recordSignals(result.signals, deps.sink, deps.now, report);
  if (failed.length === 0) await deps.baselines.apply(batchId, result.baselineUpdates, now);
  return { report, failed, records: stats.records };
}
