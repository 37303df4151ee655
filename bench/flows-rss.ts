/**
 * Child process of `flows.bench.ts`: streams a generated S3 flow log object of BENCH_FLOWS_GB gigabytes
 * (uncompressed; default 1) through gzip and back through `parseFlowLogStream` + aggregation, never
 * holding it, and prints the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { FlowAggregator } from '../detectors/baseline/index.js';
import { parseFlowLogStream } from '../events/flowlogs/index.js';
import { V2_HEADER, v2Records } from './flows-data.js';

/**
 * Peak RSS of this process image: VmHWM from /proc (per address space). `resourceUsage().maxRSS` is not
 * used because on Linux it keeps the parent's peak across fork + exec (it read 437 MB here for a child
 * whose own peak was 160 MB).
 */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const target = Number(process.env.BENCH_FLOWS_GB ?? 1) * 1e9;
const block = Buffer.from(`${v2Records(20_000, 5)}\n`);

async function* generate(): AsyncGenerator<Buffer> {
  yield Buffer.from(`${V2_HEADER}\n`);
  for (let sent = 0; sent < target; sent += block.length) yield block;
}

const t0 = performance.now();
const gzip = createGzip({ level: 1 });
Readable.from(generate()).pipe(gzip);
const agg = new FlowAggregator(600);
const stats = await parseFlowLogStream(gzip, {}, (s) => agg.add(s));
const s = (performance.now() - t0) / 1000;
const rssMb = peakRssMb();
console.log(
  `S3 object of ${(target / 1e9).toFixed(2)} GB streamed (gzip+gunzip+parse+aggregate): ${stats.records} records in ${s.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB (target < 256 MB)`,
);
