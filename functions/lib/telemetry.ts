import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IngestReport } from '../../incidents/ingest.js';

/** One structured logger for all functions. Never log events: they carry personal data. */
export const logger = new Logger({ serviceName: 'breachwatch' });

/** Metrics in the `breachwatch` namespace with one `service` dimension, so alarms can sum across functions. */
export const metrics = new Metrics({
  logger, // its own warnings ("no metrics to publish") follow the log level instead of the console
  namespace: 'breachwatch',
  serviceName: 'breachwatch',
});

/** Publishes an ingest report as metrics and one log line (counts, ids and reasons only). */
export function reportIngest(source: string, report: IngestReport): void {
  const notOpened = Object.values(report.notOpened).reduce((a, b) => a + b, 0);
  metrics.addMetric('received', MetricUnit.Count, report.received);
  metrics.addMetric('invalid', MetricUnit.Count, report.invalid.length);
  metrics.addMetric('incidentsOpened', MetricUnit.Count, report.opened.length);
  metrics.addMetric('signalsJoined', MetricUnit.Count, report.joined + report.reopened);
  metrics.addMetric('duplicates', MetricUnit.Count, report.duplicates);
  metrics.addMetric('notOpened', MetricUnit.Count, notOpened);
  for (const [reason, count] of Object.entries(report.notOpened)) {
    if (reason === 'sample finding') metrics.addMetric('droppedSample', MetricUnit.Count, count);
    if (reason === 'archived finding') metrics.addMetric('droppedArchived', MetricUnit.Count, count);
  }
  for (const rejected of report.invalid)
    logger.error('invalid record', { source, ref: rejected.ref, reason: rejected.reason });
  logger.info('ingested', { source, ...report, invalid: report.invalid.length });
}
