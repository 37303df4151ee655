import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  CloudWatchLogsEventSchema,
  parseCloudWatchLogsFlows,
  toCloudWatchLogsPayload,
  ZLIB_CHUNK_BYTES,
} from './cloudwatch-logs.js';
import { parseCloudWatchLogsData } from './cloudwatch-logs-fast.js';
import { FlowEnvelopeError } from './errors.js';
import { FirehoseEventSchema, FirehoseRecordSchema, parseFirehoseFlows } from './firehose.js';
import { isGzip } from './s3-object.js';
import { type FlowParseStats, type FlowTextOptions, FlowTextParser, type OnFlowRecord } from './text-parser.js';

/** What an input turned out to be. */
export const FlowInputKind = {
  TEXT: 'text',
  CWL_EVENT: 'cloudwatch-logs-event',
  CWL_PAYLOAD: 'cloudwatch-logs-payload',
  FIREHOSE_EVENT: 'firehose-event',
  FIREHOSE_RECORD: 'firehose-record',
  MESSAGE_LINES: 'json-message-lines',
} as const;
export type FlowInputKind = (typeof FlowInputKind)[keyof typeof FlowInputKind];

/** JSON inputs are read whole; text streams. Past this a JSON input is refused (a delivery is ≤ 6 MB). */
export const MAX_JSON_INPUT_BYTES = 256 * 1024 * 1024;

async function* prepend(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  yield head;
  for (let r = await rest.next(); !r.done; r = await rest.next())
    yield Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
}

function firstByte(buf: Buffer): number {
  for (const b of buf) if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return b;
  return -1;
}

/**
 * Parses any supported flow log input, detected by content: plain or gzip text (with or without a header
 * line), a CloudWatch Logs subscription event or decoded payload, a Firehose event or record, or
 * `{"message": …}` JSON lines. Text streams in bounded memory; JSON is read whole.
 * @example const { kind, stats } = await parseFlowInput(createReadStream(path), {}, (s) => agg.add(s));
 */
export async function parseFlowInput(
  source: AsyncIterable<Uint8Array>,
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
  ref = 'input',
): Promise<{ kind: FlowInputKind; stats: FlowParseStats }> {
  let it = source[Symbol.asyncIterator]();
  let first = await it.next();
  if (first.done) return { kind: FlowInputKind.TEXT, stats: new FlowTextParser(options, onRecord).end() };
  let head = Buffer.from(first.value.buffer, first.value.byteOffset, first.value.byteLength);
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  if (isGzip(head)) {
    gunzip = createGunzip({ chunkSize: ZLIB_CHUNK_BYTES });
    const input = Readable.from(prepend(head, it));
    input.on('error', (e) => gunzip?.destroy(e));
    input.pipe(gunzip);
    it = gunzip[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    first = await it.next().catch((cause) => {
      throw new FlowEnvelopeError(ref, 'not valid gzip', { cause });
    });
    if (first.done) return { kind: FlowInputKind.TEXT, stats: new FlowTextParser(options, onRecord).end() };
    head = first.value as Buffer;
  }
  try {
    const b = firstByte(head);
    if (b === 123 || b === 91) return parseJsonInput(await readAll(prepend(head, it), ref), options, onRecord, ref);
    const parser = new FlowTextParser(options, onRecord);
    for await (const chunk of prepend(head, it)) parser.push(chunk);
    return { kind: FlowInputKind.TEXT, stats: parser.end() };
  } catch (cause) {
    if (cause instanceof FlowEnvelopeError) throw cause;
    throw new FlowEnvelopeError(ref, gunzip ? 'not valid gzip' : 'unreadable', { cause });
  }
}

async function readAll(chunks: AsyncIterable<Buffer>, ref: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > MAX_JSON_INPUT_BYTES)
      throw new FlowEnvelopeError(ref, `JSON input larger than ${MAX_JSON_INPUT_BYTES} bytes`, { limit: true });
    parts.push(c);
  }
  return Buffer.concat(parts);
}

function parseJsonInput(
  bytes: Buffer,
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
  ref: string,
): { kind: FlowInputKind; stats: FlowParseStats } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    // Not one document: JSON lines of {"message": "<flow line>"}, as Firehose writes them.
    const stats = parseFirehoseFlows([{ data: bytes.toString('base64') }], options, onRecord);
    return { kind: FlowInputKind.MESSAGE_LINES, stats };
  }
  const cwl = CloudWatchLogsEventSchema.safeParse(json);
  if (cwl.success) {
    const stats = parseCloudWatchLogsData(cwl.data.awslogs.data, options, onRecord, `${ref} awslogs.data`);
    return { kind: FlowInputKind.CWL_EVENT, stats };
  }
  if (typeof json === 'object' && json !== null && 'messageType' in json) {
    const payload = toCloudWatchLogsPayload(json, ref);
    return { kind: FlowInputKind.CWL_PAYLOAD, stats: parseCloudWatchLogsFlows(payload, options, onRecord) };
  }
  const event = FirehoseEventSchema.safeParse(json);
  if (event.success)
    return { kind: FlowInputKind.FIREHOSE_EVENT, stats: parseFirehoseFlows(event.data.records, options, onRecord) };
  const record = FirehoseRecordSchema.safeParse(json);
  if (record.success)
    return { kind: FlowInputKind.FIREHOSE_RECORD, stats: parseFirehoseFlows([record.data], options, onRecord) };
  if (typeof json === 'object' && json !== null && 'message' in json) {
    return {
      kind: FlowInputKind.MESSAGE_LINES,
      stats: parseFirehoseFlows([{ data: bytes.toString('base64') }], options, onRecord),
    };
  }
  throw new FlowEnvelopeError(
    ref,
    'JSON that is no CloudWatch Logs event or payload, Firehose event or record, or message lines',
  );
}
