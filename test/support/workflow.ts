import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { serveHttp } from '../../local/http-server.js';
import { startWorkflowRuntime, type WorkflowRuntime } from '../../local/workflow-runtime.js';
import { freshStore } from './dynamo.js';
import { SlackStandIn } from './slack-standin.js';

/** The local workflow runtime as the end-to-end tests drive it. */
export interface WorkflowUnderTest {
  store: IncidentStore;
  wf: WorkflowRuntime;
  slack: SlackStandIn;
  /** Where the runtime's routes are served, e.g. `${base}/slack/interactions`. */
  base: string;
  stop: () => Promise<void>;
}

/**
 * The workflow runtime over a fresh table, paging a Slack stand-in that signs with `secret`, on a free port,
 * with time from `clock` and the deadline timer off (tests run it through `wf.drain()` and `wf.runDeadlines()`).
 */
export async function startWorkflowUnderTest(options: {
  secret: string;
  clock: () => Date;
  slackUsers: Record<string, string>;
  log?: (line: string) => void;
}): Promise<WorkflowUnderTest> {
  const slack = new SlackStandIn(options.secret, options.clock);
  await slack.start();
  const store = await freshStore();
  const wf = await startWorkflowRuntime({
    store,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: store.tableName,
    slackApiUrl: slack.apiUrl,
    slackSigningSecret: options.secret,
    slackChannel: 'C0BREACH',
    slackUsers: options.slackUsers,
    publicUrl: 'http://127.0.0.1:3000',
    now: options.clock,
    deadlineIntervalMs: 0,
    log: options.log ?? (() => undefined),
  });
  const server: Server = await serveHttp(wf.routes, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await wf.stop();
    await new Promise((r) => server.close(r));
    await slack.stop();
  };
  return { store, wf, slack, base, stop };
}
