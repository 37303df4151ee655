import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { createBaselineStore } from '../adapters/baseline-store.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { streamS3Object } from '../adapters/s3-reader.js';
import { InvalidEventError } from '../events/errors.js';
import { CloudWatchLogsEventSchema, CloudWatchLogsPayloadSchema } from '../events/flowlogs/cloudwatch-logs.js';
import { FirehoseEventSchema, FirehoseRecordSchema } from '../events/flowlogs/firehose.js';
import { parseFlowFormat } from '../events/flowlogs/format.js';
import { isS3Notification, objectRefs, parseS3Notification, type S3ObjectRef } from '../events/s3-notification.js';
import { DeliveryFailedError } from '../incidents/errors.js';
import { emptyReport, mergeReports } from '../incidents/ingest.js';
import { type FlowIngestDeps, type FlowSource, ingestFlowDelivery } from '../incidents/ingest-flows.js';
import { readConfig } from './lib/config.js';
import { logger, metrics, reportIngest } from './lib/telemetry.js';

/** Flow ingestion plus where S3 objects come from (S3 in AWS, files locally). */
export interface FlowHandlerDeps extends FlowIngestDeps {
  openObject: (ref: S3ObjectRef) => Promise<AsyncIterable<Uint8Array>>;
}

/** JSON deliveries the parser detects by content; payload and record shapes come from recorded files. */
function deliveryKind(event: unknown): string | undefined {
  if (CloudWatchLogsEventSchema.safeParse(event).success) return 'awslogs.data';
  if (CloudWatchLogsPayloadSchema.safeParse(event).success) return 'cloudwatch logs payload';
  if (FirehoseEventSchema.safeParse(event).success) return 'firehose records';
  if (FirehoseRecordSchema.safeParse(event).success) return 'firehose record';
  return undefined;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * The flow-log ingest function: CloudWatch Logs subscription events (`awslogs.data`), S3 notifications
 * of flow-log objects, and Firehose events (flow logs delivered to Firehose). Malformed lines are reported and counted; an unreadable delivery or a failed write
 * throws so the delivery is retried and then parked in the dead-letter queue.
 */
export function makeFlowLogsHandler(deps: () => FlowHandlerDeps) {
  return middy(async (event: unknown) => {
    const d = deps();
    const report = emptyReport(0);
    const failed: string[] = [];
    const deliveries: Array<{ batchId: string; ref: string; open: () => Promise<FlowSource> }> = [];
    if (isS3Notification(event)) {
      for (const ref of objectRefs(parseS3Notification(event))) {
        const where = `s3://${ref.bucket}/${ref.key}`;
        deliveries.push({
          batchId: `${where}#${ref.versionId ?? ''}`,
          ref: where,
          open: async () => ({ stream: await d.openObject(ref) }),
        });
      }
    } else {
      const kind = deliveryKind(event);
      if (!kind)
        throw new InvalidEventError('delivery', [
          'expected a CloudWatch Logs subscription event or payload, a Firehose event or record, or an S3 notification',
        ]);
      // Lambda already parsed the event: a subscription event's data goes to the in-place scanner as is;
      // other JSON shapes (recorded payloads, Firehose) go through content detection.
      const data = (event as { awslogs?: { data?: unknown } }).awslogs?.data;
      const cwl = kind === 'awslogs.data' && typeof data === 'string';
      const bytes = cwl ? Buffer.from(data) : Buffer.from(JSON.stringify(event));
      // The payload itself names the batch: the same delivery retried has the same bytes.
      const batchId = `${kind}#${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
      const source: FlowSource = cwl ? { cloudWatchLogsData: data } : { stream: once(bytes) };
      deliveries.push({ batchId, ref: kind, open: async () => source });
    }
    for (const delivery of deliveries) {
      const result = await ingestFlowDelivery(await delivery.open(), delivery.batchId, delivery.ref, d);
      mergeReports(report, result.report);
      metrics.addMetric('flowRecords', MetricUnit.Count, result.records);
      failed.push(...result.failed.map((f) => f.ref));
    }
    reportIngest('flowlogs', report);
    if (failed.length > 0) throw new DeliveryFailedError(report, failed);
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true })) // never logEvent: flow records hold addresses
    .use(logMetrics(metrics));
}

let cached: FlowHandlerDeps | undefined;
/** Built on the first invocation; `BREACHWATCH_FLOW_LOG_FORMAT` is the `${field}` format of header-less records. */
function depsFromEnv(): FlowHandlerDeps {
  const config = readConfig();
  const format = process.env.BREACHWATCH_FLOW_LOG_FORMAT;
  return {
    sink: new IncidentStore(
      { tableName: config.tableName, endpoint: config.dynamoEndpoint },
      { correlation: config.correlation },
    ),
    baselines: createBaselineStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint }),
    now: () => new Date(),
    format: format ? parseFlowFormat(format) : undefined,
    openObject: (ref) => streamS3Object(ref),
  };
}

export const handler = makeFlowLogsHandler(() => {
  cached ??= depsFromEnv();
  return cached;
});
