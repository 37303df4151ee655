/**
 * GuardDuty ingest through the local endpoint against DynamoDB Local: open-loop load at a fixed rate
 * (default 50 events/s for 60 s; BENCH_INGEST_RATE, BENCH_INGEST_SECONDS), latency from request to
 * incident stored (the endpoint answers after the transaction commits), then a count of what the store
 * holds against what was sent. Baseline in the same run: one bare DynamoDB PutItem round trip.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { emptyReport } from '../incidents/ingest.js';
import { runtimeEndpoints } from '../local/endpoints.js';
import { serveHttp } from '../local/http-server.js';
import { startRuntime } from '../local/runtime.js';
import { loadJson } from '../test/support/fixtures.js';
import { fmt, openLoop, percentile, printFigures } from './support.js';

const rate = Number(process.env.BENCH_INGEST_RATE ?? 50);
const seconds = Number(process.env.BENCH_INGEST_SECONDS ?? 60);

/** Distinct findings about 40 buckets and 40 instances, so correlation both opens and joins. */
function eventFor(i: number): unknown {
  const file = i % 2 === 0 ? 'elastic-exfiltration-s3-maliciousipcaller' : 'elastic-trojan-ec2-dnsdataexfiltration';
  type Loose = {
    detail: {
      id: string;
      updatedAt: string;
      service: { additionalInfo: Record<string, unknown> };
      resource: { s3BucketDetails?: Array<{ name: string }>; instanceDetails: { instanceId: string } };
    };
  };
  const event = loadJson<Loose>(`guardduty/eventbridge/${file}.event.json`);
  const d = event.detail;
  delete d.service.additionalInfo.sample;
  d.id = `bench-${i.toString(16).padStart(8, '0')}`;
  d.updatedAt = new Date(Date.UTC(2026, 10, 20, 2, 0, 0) + i * 1000).toISOString();
  if (d.resource.s3BucketDetails) for (const b of d.resource.s3BucketDetails) b.name = `bench-bucket-${i % 40}`;
  d.resource.instanceDetails.instanceId = `i-bench${(i % 40).toString().padStart(4, '0')}`;
  return event;
}

export async function run(): Promise<void> {
  const runtime = await startRuntime();
  const server = await serveHttp(runtimeEndpoints(runtime), 0);
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/events`;
  try {
    // Baseline: bare PutItem round trips on the same DynamoDB Local.
    const base: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await runtime.store.client.send(
        new PutCommand({ TableName: runtime.tableName, Item: { pk: `BASE#${i}`, sk: 'X' } }),
      );
      base.push(performance.now() - t);
    }
    base.sort((a, b) => a - b);

    const total = Math.round(rate * seconds);
    const bodies = Array.from({ length: total }, (_, i) => JSON.stringify(eventFor(i)));
    const latencies: number[] = [];
    const report = emptyReport(0);
    let failures = 0;
    const elapsed = await openLoop(total, rate, async (i) => {
      const t = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        body: bodies[i],
        headers: { 'content-type': 'application/json' },
      });
      const body = (await res.json()) as typeof report;
      latencies.push(performance.now() - t);
      if (res.status !== 202) failures += 1;
      report.opened.push(...body.opened);
      report.joined += body.joined;
    });
    latencies.sort((a, b) => a - b);

    const incidents = await runtime.store.listIncidents();
    const stored = incidents.reduce((n, i) => n + i.signalCount, 0);
    const p50 = percentile(latencies, 50);
    console.log(`GuardDuty ingest via POST /events → DynamoDB Local, open loop at ${rate} events/s for ${seconds} s`);
    printFigures([
      ['sent', fmt(total)],
      ['sustained rate', `${fmt(total / elapsed, 1)} events/s`],
      [
        'latency p50 / p99 / max',
        `${fmt(p50, 1)} / ${fmt(percentile(latencies, 99), 1)} / ${fmt(latencies[latencies.length - 1] ?? 0, 1)} ms`,
      ],
      ['baseline PutItem p50 (same run)', `${fmt(percentile(base, 50), 2)} ms`],
      ['ratio ingest p50 / PutItem p50', `${fmt(p50 / percentile(base, 50), 1)}×`],
      ['incidents opened / signals joined', `${fmt(report.opened.length)} / ${fmt(report.joined)}`],
      ['signals stored (counted in the store)', fmt(stored)],
      ['lost (sent − stored)', fmt(total - stored)],
      ['non-202 answers', fmt(failures)],
    ]);
  } finally {
    await new Promise((r) => server.close(r));
    await runtime.stop();
  }
}
