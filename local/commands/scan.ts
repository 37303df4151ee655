import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type DecodeLimit,
  type Detection,
  type ScanReport,
  scanStream,
  summarizeDetections,
} from '../../detectors/pii/index.js';
import { BreachwatchError, ErrorCode } from '../../events/errors.js';
import { progressLine } from '../progress.js';
import { renderTable } from '../terminal-table.js';

/**
 * Local default fingerprint key. Fingerprints made with it are only comparable between local runs and
 * are NOT secret: set BREACHWATCH_FINGERPRINT_KEY (≥ 16 bytes) for anything shared.
 */
export const LOCAL_FINGERPRINT_KEY = 'breachwatch-local-fingerprint-key';
/** Inputs above this size show a progress line even when stderr is not a terminal. */
const PROGRESS_BYTES = 64 * 1024 * 1024;
const CHUNK = 64 * 1024;
/** Output is written in blocks of about this size. */
const OUT_BLOCK = 256 * 1024;

async function write(text: string): Promise<void> {
  if (text && !process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
}

async function* counted(source: AsyncIterable<Buffer | string>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    onBytes(buf.length);
    yield buf;
  }
}

/**
 * `breachwatch scan [FILE|-]… [--format jsonl|table] [--content-encoding E] [--content-type T]`: PII detections. jsonl prints one object per
 * detection (`type, fineType, start, end, validated, confidence, fingerprint`, plus `file` when several
 * files are given) with byte offsets into the input; the value itself is never printed. table prints
 * counts per type. Fingerprints use BREACHWATCH_FINGERPRINT_KEY, else the documented local default.
 * @example breachwatch scan samples/capture.bin --format table
 */
export async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'jsonl' },
      'content-encoding': { type: 'string' },
      'content-type': { type: 'string' },
    },
  });
  if (values.format !== 'jsonl' && values.format !== 'table') {
    throw new BreachwatchError(ErrorCode.CONFIG, `--format: expected jsonl or table, found "${values.format}"`);
  }
  const files = positionals.length === 0 ? ['-'] : positionals;
  // `scan big.bin | head`: a closed pipe ends the command quietly
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const key = process.env.BREACHWATCH_FINGERPRINT_KEY || LOCAL_FINGERPRINT_KEY;
  const all: Detection[] = [];
  const limits: { file: string; limit: DecodeLimit }[] = [];
  for (const file of files) {
    let size = 0;
    try {
      size = file === '-' ? 0 : statSync(file).size;
    } catch (error) {
      throw new BreachwatchError(
        ErrorCode.UNSUPPORTED_INPUT,
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        { cause: error },
      );
    }
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: CHUNK });
    const progress = process.stderr.isTTY || size > PROGRESS_BYTES ? progressLine(`scan ${file}`) : undefined;
    let bytes = 0;
    let found = 0;
    let pending = '';
    const sink = (detections: Detection[]): void => {
      found += detections.length;
      if (values.format === 'table') all.push(...detections);
      else for (const d of detections) pending += `${JSON.stringify(files.length > 1 ? { file, ...d } : d)}\n`;
      if (pending.length > OUT_BLOCK) {
        process.stdout.write(pending);
        pending = '';
      }
    };
    const chunks = counted(source, (n) => {
      bytes += n;
      progress?.update(
        `${(bytes / 1048576).toFixed(0)}${size ? ` / ${(size / 1048576).toFixed(0)}` : ''} MB, ${found} detections`,
      );
    });
    const options = {
      fingerprintKey: key,
      contentEncoding: values['content-encoding'],
      contentType: values['content-type'],
    };
    // multipart bodies (by --content-type) are split into parts as they stream
    const report: ScanReport = await scanStream(chunks, options, sink);
    await write(pending);
    progress?.update(`${(bytes / 1048576).toFixed(1)} MB, ${found} detections`, true);
    progress?.done();
    for (const limit of report.limits) limits.push({ file, limit });
  }
  for (const { file, limit } of limits)
    console.error(`scan: ${file}: bytes ${limit.start}–${limit.end}: ${limit.kind}, not followed`);
  if (values.format === 'table') await write(`${table(all)}\n`);
  return 0;
}

function table(detections: Detection[]): string {
  const summary = summarizeDetections(detections);
  const rows = Object.entries(summary.byType).map(([type, t]) => ({ type, ...t }));
  rows.sort((a, b) => b.detections - a.detections || a.type.localeCompare(b.type));
  const body = renderTable(rows, [
    { header: 'type', cell: (r) => r.type },
    { header: 'category', cell: (r) => r.category },
    { header: 'detections', cell: (r) => String(r.detections), align: 'right' },
    { header: 'distinct', cell: (r) => String(r.distinct), align: 'right' },
    { header: 'validated', cell: (r) => String(r.validated), align: 'right' },
    { header: 'jurisdictions', cell: (r) => r.jurisdictions.join(' ') },
  ]);
  const art9 = summary.art9 ? ', Art. 9 special category data present' : '';
  return `${body}\n${summary.detections} detections, ${summary.distinct} distinct values${art9}`;
}
