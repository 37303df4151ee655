import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleEndpoints } from '../../adapters/console/index.js';
import { runtimeEndpoints } from '../../local/endpoints.js';
import { serveHttp } from '../../local/http-server.js';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { startWorkflowRuntime, type WorkflowRuntime } from '../../local/workflow-runtime.js';
import { guardDutyEvent } from '../support/factories.js';

let runtime: Runtime;
let workflow: WorkflowRuntime;
let base: string;
let close: () => Promise<unknown>;

beforeAll(async () => {
  runtime = await startRuntime({ objectsDir: '/nonexistent' });
  const routes = { ...runtimeEndpoints(runtime), ...consoleEndpoints({ store: runtime.store }) };
  const server = await serveHttp(routes, 0);
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  workflow = await startWorkflowRuntime({
    store: runtime.store,
    dynamoEndpoint: runtime.endpoint,
    tableName: runtime.tableName,
    publicUrl: base,
    deadlineIntervalMs: 0,
    log: () => undefined,
  });
  Object.assign(routes, workflow.routes);
  close = () => new Promise((r) => server.close(r));
}, 120_000);

afterAll(async () => {
  await close?.();
  await workflow?.stop();
  await runtime?.stop();
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers });

/** Every entry point, a malformed input, the status it gets and the words of the error it must carry. */
const table: Array<
  [entry: string, path: string, body: string, headers: Record<string, string> | undefined, status: number, says: RegExp]
> = [
  ['AWS deliveries', '/events', '{"source": "aws.guardduty",', undefined, 400, /JSON/],
  ['AWS deliveries', '/events', '{}', undefined, 207, /no route takes this delivery/],
  [
    'EventBridge (GuardDuty)',
    '/events',
    JSON.stringify(guardDutyEvent({ id: 'f-bad', severity: 'high' })),
    undefined,
    207,
    /finding f-bad[\s\S]*detail\.severity: Invalid input: expected number/,
  ],
  [
    'EventBridge (GuardDuty)',
    '/events',
    JSON.stringify({ source: 'aws.guardduty', 'detail-type': 'GuardDuty Finding', id: 'e', detail: [] }),
    undefined,
    207,
    /detail: Invalid input/,
  ],
  [
    'CloudWatch Logs',
    '/events',
    JSON.stringify({ awslogs: { data: 'bm90IGd6aXA=' } }),
    undefined,
    400,
    /awslogs\.data|gzip|unreadable/i,
  ],
  [
    'S3 notification',
    '/events',
    JSON.stringify({
      Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: {}, object: {} } }],
    }),
    undefined,
    400,
    /Records\.0\.s3\.(bucket|object)/,
  ],
  [
    'egress sample',
    '/events',
    JSON.stringify({
      metadata: { capturedAt: 'yesterday', source: {}, destination: { port: 443 } },
      body: { base64: 'aGk=' },
    }),
    undefined,
    207,
    /metadata\.capturedAt.*metadata\.source: source needs one of instanceId, eniId or principal/,
  ],
  [
    'Slack HTTP',
    '/slack/interactions',
    'payload=%7B%7D',
    { 'content-type': 'application/x-www-form-urlencoded' },
    401,
    /signature/i,
  ],
  [
    'Slack HTTP',
    '/slack/interactions',
    'payload=%7B%7D',
    {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': '1',
      'x-slack-signature': 'v0=00',
    },
    401,
    /stale|timestamp|signature/i,
  ],
  [
    'console HTTP',
    '/console/api/incidents/BW-nope/commands',
    '{"action":"acknowledge"}',
    { 'content-type': 'text/plain' },
    415,
    /content-type: expected application\/json/,
  ],
  ['console HTTP', '/console/api/incidents/BW-nope/commands', '{"action":"teleport"}', undefined, 404, /BW-nope/],
];

describe('bad input at every entry point gets a clear error and changes nothing', () => {
  it.each(table)('%s: %s answers %#', async (_entry, path, body, headers, status, says) => {
    const res = await post(path, body, headers);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect(text).toMatch(says);
    expect(await runtime.store.listIncidents()).toEqual([]);
  });

  it('answers any JSON posted to /events without a server error and opens nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const res = await post('/events', JSON.stringify(value));
        expect(res.status).toBeLessThan(500);
        await res.text();
      }),
      { numRuns: 150 },
    );
    expect(await runtime.store.listIncidents()).toEqual([]);
  });

  it('answers any bytes posted to Slack and the console without a server error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }),
        fc.constantFrom('/slack/interactions', '/console/api/incidents/x/commands', '/ack'),
        async (bytes, path) => {
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            body: bytes,
            headers: { 'content-type': 'application/json' },
          });
          expect(res.status).toBeLessThan(500);
          await res.text();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('SNS entry point', () => {
  it('reports a malformed SNS envelope by field, and a non-JSON message by its message id', async () => {
    const envelope = await post(
      '/events',
      JSON.stringify({ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm-9' } }] }),
    );
    expect(envelope.status).toBe(207);
    expect(await envelope.text()).toMatch(/no route takes this delivery/);
    const { snsMessages } = await import('../../events/sns.js');
    expect(() => snsMessages({ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm-9' } }] })).toThrow(
      /Records\.0\.Sns\.Message/,
    );
    expect(snsMessages({ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm-9', Message: 'x' } }] })).toEqual([
      { ref: 'sns message m-9', value: { unparseable: 'SNS message is not JSON' } },
    ]);
  });
});
