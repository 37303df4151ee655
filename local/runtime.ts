import { join, resolve } from 'node:path';
import { createBaselineStore } from '../adapters/baseline-store.js';
import { dynamoDestinationMemory } from '../adapters/destination-memory.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { localObjectReader, localObjectStream } from '../adapters/s3-reader.js';
import { ensureTable } from '../adapters/table.js';
import { defaultRelevanceConfig } from '../detectors/guardduty/classify-finding.js';
import { makeEgressHandler } from '../functions/egress-ingest.js';
import { makeFlowLogsHandler } from '../functions/flowlogs-ingest.js';
import { makeGuardDutyHandler } from '../functions/guardduty-ingest.js';
import { readEgressConfig } from '../functions/lib/egress-config.js';
import { defaultCorrelationConfig } from '../incidents/correlate.js';
import { emptyReport, type IngestReport } from '../incidents/ingest.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { egressMatcher, flowLogsMatcher, guardDutyMatcher, handlerRoute, mergeReports, type Route } from './router.js';

/** Where `npm start` keeps its store; `--store DIR` points the CLI elsewhere. */
export const DEFAULT_STORE_DIR = '.breachwatch';
const TABLE = 'breachwatch';

/** How to run: a persistent store in `storeDir`, or in memory when it is undefined. */
export interface RuntimeOptions {
  storeDir?: string;
  includeSamples?: boolean;
  /** The clock every handler sees; replays of old telemetry keep real time. */
  now?: () => Date;
  /** Stands in for S3: bucket `b`, key `k` is the file `objectsDir/b/k` (default `storeDir/s3`). */
  objectsDir?: string;
}

/** The embedded runtime: DynamoDB Local, the store, and the routes standing in for EventBridge rules. */
export interface Runtime {
  store: IncidentStore;
  /** DynamoDB Local's endpoint and the table, for components that talk to the store directly. */
  endpoint: string;
  tableName: string;
  /** Routes one delivery as AWS would; an unknown delivery is reported, not thrown. */
  deliver(delivery: unknown, ref: string): Promise<IngestReport>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (persistent under `storeDir/dynamodb`, or in memory), creates the table and wires
 * each route to the same handler Lambda runs.
 * @example const rt = await startRuntime({ storeDir: '.breachwatch' }); await rt.deliver(event, 'event 1');
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const db: DynamoDbLocal = await startDynamoDbLocal(
    options.storeDir ? { dataDir: join(resolve(options.storeDir), 'dynamodb') } : {},
  );
  try {
    await ensureTable({ tableName: TABLE, endpoint: db.endpoint });
  } catch (error) {
    await db.stop();
    throw error;
  }
  const store = new IncidentStore(
    { tableName: TABLE, endpoint: db.endpoint },
    { correlation: defaultCorrelationConfig },
  );
  const now = options.now ?? (() => new Date());
  const relevance = { ...defaultRelevanceConfig, includeSamples: options.includeSamples ?? false };
  const guardDuty = makeGuardDutyHandler(() => ({ sink: store, now, relevance }));
  const objectsDir = options.objectsDir ?? join(resolve(options.storeDir ?? DEFAULT_STORE_DIR), 's3');
  const egressDeps = {
    sink: store,
    now,
    config: await readEgressConfig(process.env, true),
    destinations: dynamoDestinationMemory(store),
    readObject: localObjectReader(objectsDir),
  };
  const flowDeps = {
    sink: store,
    baselines: createBaselineStore({ tableName: TABLE, endpoint: db.endpoint }),
    now,
    openObject: localObjectStream(objectsDir),
  };
  const egress = makeEgressHandler(async () => egressDeps);
  const routes: Route[] = [
    handlerRoute('guardduty-ingest', guardDutyMatcher, guardDuty),
    handlerRoute('egress-ingest', egressMatcher, egress),
    handlerRoute(
      'flowlogs-ingest',
      flowLogsMatcher,
      makeFlowLogsHandler(() => flowDeps),
    ),
  ];
  return {
    store,
    endpoint: db.endpoint,
    tableName: TABLE,
    async deliver(delivery, ref) {
      const route = routes.find((r) => r.matches(delivery));
      if (!route) {
        const report = emptyReport(1);
        report.invalid.push({ ref, reason: 'no route takes this delivery (not a supported AWS event shape)' });
        return report;
      }
      const report = await route.invoke(delivery);
      // Name the recorded file or request in positions the handler gave relative to its delivery.
      report.invalid = report.invalid.map((r) => (r.ref.startsWith(ref) ? r : { ...r, ref: `${ref}: ${r.ref}` }));
      return report;
    },
    stop: () => db.stop(),
  };
}

export { mergeReports };
