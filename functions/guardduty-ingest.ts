import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { IncidentStore } from '../adapters/incident-store.js';
import { isSnsEvent, snsMessages } from '../events/sns.js';
import { DeliveryFailedError } from '../incidents/errors.js';
import { type GuardDutyIngestDeps, ingestGuardDutyEvents } from '../incidents/ingest-guardduty.js';
import { readConfig } from './lib/config.js';
import { logger, metrics, reportIngest } from './lib/telemetry.js';

/**
 * The GuardDuty ingest function for one EventBridge event, or an SNS notification carrying such events. An invalid event or a failed write throws, so
 * Lambda's async retries and then the dead-letter queue keep it: nothing is lost.
 */
export function makeGuardDutyHandler(deps: () => GuardDutyIngestDeps) {
  return middy(async (event: unknown) => {
    const events = isSnsEvent(event) ? snsMessages(event).map((m) => m.value) : [event];
    const { report, failed } = await ingestGuardDutyEvents(events, deps());
    reportIngest('guardduty', report);
    if (report.invalid.length > 0 || failed.length > 0)
      throw new DeliveryFailedError(
        report,
        failed.map((f) => f.ref),
      );
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true })) // never logEvent: findings name people and keys
    .use(logMetrics(metrics));
}

let deps: GuardDutyIngestDeps | undefined;
/** Built on the first invocation (per cold start) from the environment the stack sets. */
function depsFromEnv(): GuardDutyIngestDeps {
  const config = readConfig();
  return {
    sink: new IncidentStore(
      { tableName: config.tableName, endpoint: config.dynamoEndpoint },
      { correlation: config.correlation },
    ),
    now: () => new Date(),
    relevance: config.relevance,
  };
}

export const handler = makeGuardDutyHandler(() => {
  deps ??= depsFromEnv();
  return deps;
});
