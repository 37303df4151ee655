import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { EventBridgePublisher, type EventPublisher } from '../adapters/event-publisher.js';
import { incidentEventsFromStreamRecord } from '../incidents/incident-events.js';
import { logger, metrics } from './lib/telemetry.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

/** What the outbox needs: where events go. */
export interface OutboxDeps {
  publisher: EventPublisher;
}

/**
 * Publishes the events of a batch of table stream records, in order. At the first record that cannot be
 * published it stops and reports that record's sequence number as the batch item failure: Lambda retries
 * from there (ordering kept per shard), so no committed change loses its event. Needs
 * `FunctionResponseTypes: ["ReportBatchItemFailures"]` on the event source mapping.
 */
export async function publishStreamRecords(
  event: DynamoDBStreamEvent,
  deps: OutboxDeps,
): Promise<DynamoDBBatchResponse> {
  let published = 0;
  for (const [index, record] of event.Records.entries()) {
    try {
      const events = incidentEventsFromStreamRecord(record as Parameters<typeof incidentEventsFromStreamRecord>[0]);
      if (events.length > 0) await deps.publisher.publish(events);
      published += events.length;
    } catch (error) {
      const itemIdentifier = record.dynamodb?.SequenceNumber ?? record.eventID ?? String(index);
      logger.error('stream record not published; retried from here', {
        record: index,
        sequenceNumber: itemIdentifier,
        error: error instanceof Error ? error.message : 'unknown error',
      });
      metrics.addMetric('eventsPublished', MetricUnit.Count, published);
      metrics.addMetric('outboxFailures', MetricUnit.Count, 1);
      return { batchItemFailures: [{ itemIdentifier }] };
    }
  }
  metrics.addMetric('eventsPublished', MetricUnit.Count, published);
  return { batchItemFailures: [] };
}

/** The outbox function over the table's stream; `deps` is built once per cold start. */
export function makeOutboxHandler(deps: () => OutboxDeps) {
  return middy(async (event: DynamoDBStreamEvent) => publishStreamRecords(event, deps()))
    .use(injectLambdaContext(logger, { resetKeys: true })) // never logEvent: images hold the incident record
    .use(logMetrics(metrics));
}

let deps: OutboxDeps | undefined;
export const handler = makeOutboxHandler(() => {
  deps ??= { publisher: new EventBridgePublisher(readWorkflowConfig().eventBusName) };
  return deps;
});
