import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { dynamoDestinationMemory } from '../adapters/destination-memory.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { readS3Object } from '../adapters/s3-reader.js';
import { isS3Notification, objectRefs, parseS3Notification } from '../events/s3-notification.js';
import { DeliveryFailedError } from '../incidents/errors.js';
import { type DeliveredSample, type EgressIngestDeps, ingestEgressSamples } from '../incidents/ingest-egress.js';
import { readConfig } from './lib/config.js';
import { readEgressConfig } from './lib/egress-config.js';
import { logger, metrics, reportIngest } from './lib/telemetry.js';

/** Samples named by an S3 notification (each object one JSON sample) or given directly (one or an array). */
async function deliveredSamples(event: unknown, deps: EgressIngestDeps): Promise<DeliveredSample[]> {
  if (!isS3Notification(event))
    return (Array.isArray(event) ? event : [event]).map((value, i) => ({ ref: `sample #${i}`, value }));
  const refs = objectRefs(parseS3Notification(event));
  return Promise.all(
    refs.map(async (ref) => {
      const where = `s3://${ref.bucket}/${ref.key}`;
      try {
        return { ref: where, value: JSON.parse(Buffer.from(await deps.readObject(ref)).toString('utf8')) as unknown };
      } catch (error) {
        if (error instanceof SyntaxError) return { ref: where, value: { unparseable: 'object is not JSON' } };
        throw error;
      }
    }),
  );
}

/** The egress ingest function: S3 notifications of captured samples, or direct invocation. */
export function makeEgressHandler(deps: () => Promise<EgressIngestDeps>) {
  return middy(async (event: unknown) => {
    const resolved = await deps();
    const { report, failed } = await ingestEgressSamples(await deliveredSamples(event, resolved), resolved);
    reportIngest('egress', report);
    if (report.invalid.length > 0 || failed.length > 0)
      throw new DeliveryFailedError(
        report,
        failed.map((f) => f.ref),
      );
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true })) // never logEvent: samples are personal data
    .use(logMetrics(metrics));
}

let deps: Promise<EgressIngestDeps> | undefined;
export const handler = makeEgressHandler(() => {
  deps ??= (async () => {
    const config = readConfig();
    const store = new IncidentStore(
      { tableName: config.tableName, endpoint: config.dynamoEndpoint },
      { correlation: config.correlation },
    );
    return {
      sink: store,
      now: () => new Date(),
      config: await readEgressConfig(),
      destinations: dynamoDestinationMemory(store),
      readObject: (ref) => readS3Object(ref),
    };
  })();
  deps.catch(() => {
    deps = undefined;
  });
  return deps;
});
