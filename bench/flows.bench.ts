/**
 * Flow log throughput: decode (gunzip) + parse + aggregate of S3 objects and CloudWatch Logs payloads,
 * as records/s on one core and as a ratio to gunzip alone on the same bytes in the same run (zlib,
 * 64 KiB chunkSize): the floor every parser pays. A naive `split` + objects fold runs beside it. Then the
 * peak RSS of a 1 GB (uncompressed, BENCH_FLOWS_GB scales it) S3 object streamed, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { FlowAggregator } from '../detectors/baseline/index.js';
import {
  type CloudWatchLogsPayload,
  decodeCloudWatchLogsData,
  parseCloudWatchLogsData,
  parseCloudWatchLogsFlows,
  parseFlowLogStream,
  parseFlowText,
  ZLIB_CHUNK_BYTES,
} from '../events/flowlogs/index.js';
import { V2_HEADER, v2Records } from './flows-data.js';

const RECORDS = Number(process.env.BENCH_FLOWS_RECORDS ?? 1_000_000);
const EVENTS_PER_PAYLOAD = 5000;

/** Best wall time (ms) and best CPU time (ms, all threads of the process) over `runs`. */
interface Timing {
  wall: number;
  cpu: number;
}

async function bestAsync(runs: number, fn: () => void | Promise<void>): Promise<Timing> {
  const t: Timing = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    t.wall = Math.min(t.wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    t.cpu = Math.min(t.cpu, (c.user + c.system) / 1000);
  }
  return t;
}

const best = bestAsync;

async function* chunks(buf: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += 1 << 20) yield buf.subarray(i, i + (1 << 20));
}

/** Records/s by wall clock and by CPU time (this machine is shared: CPU time is the per-core figure). */
const rate = (n: number, t: Timing) =>
  `${(n / t.wall / 1000).toFixed(2)} M rec/s wall, ${(n / t.cpu / 1000).toFixed(2)} M rec/s CPU`;
const ratio = (floor: Timing, t: Timing) =>
  `ratio to gunzip ${(floor.wall / t.wall).toFixed(2)} wall, ${(floor.cpu / t.cpu).toFixed(2)} CPU`;

/** The naive fold the design quotes (0.36 M/s): split lines and fields, objects, a Map. */
function naiveFold(text: string): number {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length !== 14 || f[13] !== 'OK' || f[0] === 'version') continue;
    const key = `${f[2]}|${f[4]}|${f[6]}`;
    m.set(key, (m.get(key) ?? 0) + Number(f[9]));
  }
  return m.size;
}

export async function run(): Promise<void> {
  const body = v2Records(RECORDS);
  const text = Buffer.from(`${V2_HEADER}\n${body}\n`);
  const s3 = gzipSync(text, { level: 6 });
  const lines = body.split('\n');
  const payloads: string[] = [];
  for (let i = 0; i < lines.length; i += EVENTS_PER_PAYLOAD) {
    const payload: CloudWatchLogsPayload = {
      messageType: 'DATA_MESSAGE',
      owner: '347283850106',
      logGroup: 'vpc-flow-logs',
      logStream: 'eni-all',
      subscriptionFilters: ['breachwatch'],
      logEvents: lines
        .slice(i, i + EVENTS_PER_PAYLOAD)
        .map((message, k) => ({ id: String(i + k), timestamp: 1_773_064_800_000, message })),
    };
    payloads.push(gzipSync(JSON.stringify(payload)).toString('base64'));
  }
  const cwlBytes = payloads.reduce((s, p) => s + p.length, 0);
  console.log(
    `${RECORDS} v2 records: ${(text.length / 1e6).toFixed(0)} MB text, S3 gzip ${(s3.length / 1e6).toFixed(1)} MB; ${payloads.length} CWL payloads, ${(cwlBytes / 1e6).toFixed(1)} MB base64`,
  );

  let records = 0;
  // Gunzip alone, streamed like the S3 path (gunzipSync of a 110 MB output measured 2-5x slower here).
  const gunzipMs = await bestAsync(3, async () => {
    const gunzip = createGunzip({ chunkSize: ZLIB_CHUNK_BYTES });
    Readable.from(chunks(s3)).pipe(gunzip);
    for await (const _ of gunzip) {
      // discard: the floor is inflating the bytes
    }
  });
  const s3Ms = await best(3, () => {
    const agg = new FlowAggregator(600);
    agg.noteParse(parseFlowText(gunzipSync(s3, { chunkSize: ZLIB_CHUNK_BYTES }), {}, (s) => agg.add(s)));
    records = agg.stats.records;
  });
  const s3StreamMs = await bestAsync(3, async () => {
    const agg = new FlowAggregator(600);
    await parseFlowLogStream(chunks(s3), {}, (s) => agg.add(s));
  });
  const naiveMs = await best(1, () => {
    naiveFold(gunzipSync(s3, { chunkSize: ZLIB_CHUNK_BYTES }).toString('latin1'));
  });
  console.log(
    `gunzip alone (64 KiB chunks)        ${rate(RECORDS, gunzipMs)}  ${(text.length / gunzipMs.wall / 1000).toFixed(0)} MB/s wall`,
  );
  console.log(`S3 gunzip+parse+aggregate (buffer)  ${rate(records, s3Ms)}  ${ratio(gunzipMs, s3Ms)}`);
  console.log(`S3 gunzip+parse+aggregate (stream)  ${rate(records, s3StreamMs)}  ${ratio(gunzipMs, s3StreamMs)}`);
  console.log(`naive split+Map on the same object  ${rate(RECORDS, naiveMs)}`);

  const cwlGunzipMs = await best(3, () => {
    for (const p of payloads) gunzipSync(Buffer.from(p, 'base64'), { chunkSize: ZLIB_CHUNK_BYTES });
  });
  const cwlMs = await best(3, () => {
    const agg = new FlowAggregator(600);
    for (const p of payloads) parseCloudWatchLogsData(p, {}, (s) => agg.add(s));
  });
  const cwlJsonMs = await best(1, () => {
    const agg = new FlowAggregator(600);
    for (const p of payloads) parseCloudWatchLogsFlows(decodeCloudWatchLogsData(p), {}, (s) => agg.add(s));
  });
  console.log(`CWL base64+gunzip alone             ${rate(RECORDS, cwlGunzipMs)}`);
  console.log(`CWL decode+scan+parse+aggregate     ${rate(RECORDS, cwlMs)}  ${ratio(cwlGunzipMs, cwlMs)}`);
  console.log(`CWL the same through JSON.parse+zod ${rate(RECORDS, cwlJsonMs)}`);

  const gb = process.env.BENCH_FLOWS_GB ?? '1';
  if (Number(gb) <= 0) return; // BENCH_FLOWS_GB=0 skips the streamed-object RSS run
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawnSync(process.execPath, [join(here, '..', 'bin', 'run-ts.mjs'), join(here, 'flows-rss.ts')], {
    env: { ...process.env, BENCH_FLOWS_GB: gb },
    encoding: 'utf8',
  });
  process.stdout.write(child.stdout);
  if (child.status !== 0) console.log(`RSS child failed: ${child.stderr.slice(0, 500)}`);
}
