/**
 * Load test of the local runtime on DynamoDB Local: a mixed open-loop stream of GuardDuty events, flow-log
 * payloads (CloudWatch Logs subscription events) and egress samples through POST /events at
 * BENCH_LOAD_RATE deliveries/s (default 10) for BENCH_LOAD_SECONDS (default 300), with the workflow running
 * (table stream → outbox → paging). Prints the sustained rate, p50/p99 from request to incident stored
 * (the endpoint answers after the commit) and to page delivered, and counts that prove zero loss.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { emptyReport, mergeReports } from '../incidents/ingest.js';
import { runtimeEndpoints } from '../local/endpoints.js';
import { serveHttp } from '../local/http-server.js';
import { startRuntime } from '../local/runtime.js';
import { startWorkflowRuntime } from '../local/workflow-runtime.js';
import { guardDutyEvent } from '../test/support/factories.js';
import { fmt, openLoop, percentile, printFigures } from './support.js';

const rate = Number(process.env.BENCH_LOAD_RATE ?? 10);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const demoSample = JSON.parse(readFileSync('samples/egress-demo-capture.json', 'utf8'));
const flowPayload = JSON.parse(
  readFileSync('test/fixtures/flowlogs/cwl-subscription-vpcflow-constructed.decoded.json', 'utf8'),
);

type Kind = 'guardduty' | 'flowlogs' | 'egress';

/** Delivery i of the mix: 2 GuardDuty events, 1 flow-log payload, 1 egress sample in every 4. */
function delivery(i: number, at: Date): { kind: Kind; body: unknown; entity?: string } {
  const slot = i % 4;
  if (slot < 2) {
    const bucket = `load-bucket-${i % 25}`;
    return {
      kind: 'guardduty',
      entity: bucket,
      body: guardDutyEvent({
        id: `load-${i}`,
        updatedAt: at.toISOString(),
        resource: { resourceType: 'S3Bucket', s3BucketDetails: [{ name: bucket }] },
      }),
    };
  }
  if (slot === 2) {
    const payload = {
      ...flowPayload,
      logStream: `load-${i}`,
      logEvents: flowPayload.logEvents.map((e: { id: string }, j: number) => ({ ...e, id: `${i}-${j}` })),
    };
    return { kind: 'flowlogs', body: { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } } };
  }
  const instance = `i-load${(i % 20).toString().padStart(4, '0')}`;
  return {
    kind: 'egress',
    entity: instance,
    body: {
      ...demoSample,
      metadata: {
        ...demoSample.metadata,
        capturedAt: at.toISOString(),
        source: { instanceId: instance },
        destination: { host: `drop-${i}.example.net`, port: 443 },
      },
    },
  };
}

export async function run(): Promise<void> {
  const runtime = await startRuntime({ storeDir: undefined, objectsDir: `/tmp/breachwatch-load-${randomUUID()}` });
  const routes = runtimeEndpoints(runtime);
  const server = await serveHttp(routes, 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const workflow = await startWorkflowRuntime({
    store: runtime.store,
    dynamoEndpoint: runtime.endpoint,
    tableName: runtime.tableName,
    publicUrl: `http://127.0.0.1:${port}/console`,
    pollIntervalMs: 200,
    deadlineIntervalMs: 0,
    log: () => undefined,
  });
  try {
    const total = Math.round(rate * seconds);
    const sentAt = new Map<string, number>();
    const stored: number[] = [];
    const sent: Record<Kind, number> = { guardduty: 0, flowlogs: 0, egress: 0 };
    const report = emptyReport(0);
    let non2xx = 0;
    const elapsed = await openLoop(total, rate, async (i) => {
      const d = delivery(i, new Date(Date.UTC(2026, 10, 20) + i * 1000));
      sent[d.kind] += 1;
      if (i > 0 && i % (rate * 30) === 0)
        console.error(`  load: ${i}/${total} sent, ${report.opened.length} incidents opened`);
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/events`, {
        method: 'POST',
        body: JSON.stringify(d.body),
        headers: { 'content-type': 'application/json' },
      });
      const body = (await res.json()) as typeof report;
      stored.push(performance.now() - t);
      if (res.status !== 202) non2xx += 1;
      for (const id of body.opened) sentAt.set(id, t);
      mergeReports(report, body);
    });
    await workflow.drain();
    const pagedAt = new Map<string, number>();
    for (const entry of workflow.snsOutbox) {
      if (entry.message.attributes.eventType === 'Incident Opened')
        pagedAt.set(entry.message.attributes.incidentId, Date.parse(entry.at));
    }
    // SNS outbox times are wall clock; align them with performance.now() through the start of the run.
    const offset = Date.now() - performance.now();
    const toPage = [...sentAt]
      .flatMap(([id, t]) => (pagedAt.has(id) ? [pagedAt.get(id)! - (t + offset)] : []))
      .sort((a, b) => a - b);
    stored.sort((a, b) => a - b);

    const incidents = await runtime.store.listIncidents();
    const signalsStored = (await Promise.all(incidents.map((i) => runtime.store.getSignals(i.id)))).flat();
    const bySource = (source: string) => signalsStored.filter((s) => s.source === source).length;
    const pagesPerIncident = new Map<string, number>();
    for (const entry of workflow.snsOutbox) {
      if (entry.message.attributes.eventType !== 'Incident Opened') continue;
      const id = entry.message.attributes.incidentId;
      pagesPerIncident.set(id, (pagesPerIncident.get(id) ?? 0) + 1);
    }
    console.log(
      `Mixed load on the local runtime: ${rate} deliveries/s for ${seconds} s (2 GuardDuty : 1 flow-log payload : 1 egress sample)`,
    );
    printFigures([
      [
        'sent (guardduty / flowlogs / egress)',
        `${fmt(total)} (${fmt(sent.guardduty)} / ${fmt(sent.flowlogs)} / ${fmt(sent.egress)})`,
      ],
      ['sustained rate', `${fmt(total / elapsed, 1)} deliveries/s`],
      [
        'request → incident stored p50 / p99',
        `${fmt(percentile(stored, 50), 1)} / ${fmt(percentile(stored, 99), 1)} ms`,
      ],
      [
        'request → page delivered p50 / p99',
        `${fmt(percentile(toPage, 50), 0)} / ${fmt(percentile(toPage, 99), 0)} ms`,
      ],
      ['non-2xx answers', fmt(non2xx)],
      ['GuardDuty signals stored / sent', `${fmt(bySource('guardduty'))} / ${fmt(sent.guardduty)}`],
      ['egress signals stored / sent', `${fmt(bySource('egress'))} / ${fmt(sent.egress)}`],
      ['flow-log records received', fmt(report.received - sent.guardduty - sent.egress)],
      [
        'incidents / paged once / paged twice or more',
        `${fmt(incidents.length)} / ${fmt([...pagesPerIncident.values()].filter((n) => n === 1).length)} / ${fmt([...pagesPerIncident.values()].filter((n) => n > 1).length)}`,
      ],
      [
        'lost (GuardDuty + egress sent − stored)',
        fmt(sent.guardduty + sent.egress - bySource('guardduty') - bySource('egress')),
      ],
    ]);
  } finally {
    await workflow.stop();
    await new Promise((r) => server.close(r));
    await runtime.stop();
  }
}
