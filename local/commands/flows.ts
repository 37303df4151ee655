import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BreachwatchError, ErrorCode } from '../../events/errors.js';
import {
  type FlowParseStats,
  type FlowScanner,
  parseFlowFormat,
  parseFlowInput,
  toFlowRecord,
} from '../../events/flowlogs/index.js';

/** Records between two progress lines on stderr. */
const PROGRESS_EVERY = 1_000_000;
/** Output is written in blocks of about this size (one write per record costs ~3× the parse). */
const OUT_BLOCK = 256 * 1024;

/** Files under a path, depth first in name order (S3 layout folders: AWSLogs/<account>/vpcflowlogs/…). */
function walk(path: string): string[] {
  if (path === '-') return [path];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => walk(join(path, name)));
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
}

function describe(path: string, kind: string, stats: FlowParseStats): string {
  const head = `flows: ${path}: ${kind}, ${stats.records} records (${stats.nodata} NODATA, ${stats.skipdata} SKIPDATA)`;
  const control = stats.control > 0 ? `, ${stats.control} control messages skipped` : '';
  if (stats.malformed === 0) return `${head}${control}`;
  const where = stats.malformedLines.map((m) => {
    const at = `${m.unit} ${m.position}${m.line === undefined ? '' : ` line ${m.line}`}`;
    return `${at} ${m.reason}${m.field ? ` (${m.field})` : ''}`;
  });
  const more = stats.malformed > where.length ? `, … ${stats.malformed - where.length} more` : '';
  return `${head}${control}, ${stats.malformed} malformed: ${where.join(', ')}${more}`;
}

/**
 * `breachwatch flows PATH… [--format jsonl] [--flow-format '${version} …']`: normalized flow records, one
 * JSON object per line (camelCase AWS names, absent fields omitted). Inputs are detected by content;
 * folders are walked. Progress and a per-file summary with malformed positions go to stderr.
 */
export async function flows(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'jsonl' }, 'flow-format': { type: 'string' } },
  });
  if (values.format !== 'jsonl') {
    throw new BreachwatchError(ErrorCode.CONFIG, `--format: expected jsonl, found "${values.format}"`);
  }
  if (positionals.length === 0) {
    console.error('usage: breachwatch flows PATH… [--format jsonl] [--flow-format FORMAT]');
    return 2;
  }
  const options = values['flow-format'] ? { format: parseFlowFormat(values['flow-format']) } : {};
  let failures = 0;
  for (const path of positionals.flatMap(walk)) {
    let out: string[] = [];
    let outSize = 0;
    let total = 0;
    const onRecord = (s: FlowScanner) => {
      const line = JSON.stringify(toFlowRecord(s));
      out.push(line);
      outSize += line.length + 1;
      if (++total % PROGRESS_EVERY === 0) console.error(`flows: ${path}: ${total} records…`);
    };
    const flush = async () => {
      if (out.length === 0) return;
      const text = `${out.join('\n')}\n`;
      out = [];
      outSize = 0;
      await write(text);
    };
    const source = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
    const flushing = (async function* () {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        yield chunk;
        if (outSize >= OUT_BLOCK) await flush();
      }
    })();
    try {
      const { kind, stats } = await parseFlowInput(flushing, options, onRecord, path);
      await flush();
      console.error(describe(path, kind, stats));
    } catch (error) {
      await flush();
      if (!(error instanceof BreachwatchError)) throw error;
      console.error(`flows: ${error.message}`);
      failures++;
    }
  }
  return failures > 0 ? 1 : 0;
}
