import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { consoleEndpoints } from '../../adapters/console/index.js';
import { ConfigError } from '../../events/errors.js';
import { readNotificationConfig } from '../../functions/lib/notification-config.js';
import { DEMO_NOTIFICATION_CONFIG } from '../../incidents/notifications/config.js';
import { runtimeEndpoints } from '../endpoints.js';
import { serveHttp } from '../http-server.js';
import { incidentTable } from '../incident-view.js';
import { describeReport, replayPaths } from '../replay.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';
import { startWorkflowRuntime } from '../workflow-runtime.js';

const samplesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../samples');

/**
 * `breachwatch start [--store DIR] [--port N]` (`npm start`): DynamoDB Local with its data in the store folder,
 * the HTTP endpoints on `PORT` (default 8787), the demo telemetry replayed on first start, then the open
 * incidents as a table. Runs until interrupted.
 */
export async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { store: { type: 'string' }, port: { type: 'string' } } });
  const storeDir = resolve(values.store ?? DEFAULT_STORE_DIR);
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`port must be 0–65535, got "${values.port ?? process.env.PORT}"`);
  console.log(`breachwatch: starting DynamoDB Local (data in ${storeDir})…`);
  const runtime = await startRuntime({ storeDir });
  const marker = join(storeDir, 'demo-replayed');
  if (!existsSync(marker) && existsSync(samplesDir)) {
    console.log(`breachwatch: first start, replaying the demo telemetry in ${samplesDir}`);
    console.log(describeReport(await replayPaths(runtime, [samplesDir])));
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  }
  const routes = {
    ...runtimeEndpoints(runtime),
    ...consoleEndpoints({
      store: runtime.store,
      notifications: () => readNotificationConfig(process.env, DEMO_NOTIFICATION_CONFIG),
    }),
  };
  const server = await serveHttp(routes, port);
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  // The outbox, paging, Slack interactions, ack links and deadlines: the same handlers as in AWS.
  const workflow = await startWorkflowRuntime({
    store: runtime.store,
    dynamoEndpoint: runtime.endpoint,
    tableName: runtime.tableName,
    publicUrl: `http://127.0.0.1:${bound}/console`,
  });
  Object.assign(routes, workflow.routes);
  await workflow.drain();
  console.log(`\nOpen incidents:\n${incidentTable(await runtime.store.listIncidents({ openOnly: true }))}\n`);
  console.log(`breachwatch: listening on http://127.0.0.1:${bound}`);
  console.log(`  POST /events           AWS deliveries (EventBridge events, …), routed as in AWS`);
  console.log(`  GET  /incidents        incidents as JSON (?open=true)`);
  console.log(`  GET  /incidents/{id}   one incident with its timeline and signals`);
  console.log('  GET  /console          the breach console: open incidents, Art. 33 clock, actions, exports');
  console.log('  POST /slack/interactions   Slack buttons (signed); GET/POST /ack   signed acknowledge links');
  console.log('Ctrl-C to stop; data stays in the store folder.');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await new Promise((r) => server.close(r));
  await workflow.stop();
  await runtime.stop();
  return 0;
}
