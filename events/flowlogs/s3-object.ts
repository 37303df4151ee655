import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ZLIB_CHUNK_BYTES } from './cloudwatch-logs.js';
import { FlowEnvelopeError } from './errors.js';
import { type FlowParseStats, type FlowTextOptions, FlowTextParser, type OnFlowRecord } from './text-parser.js';

/** Whether bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Streams an S3 flow log object (gzip or plain text, header line first) through the parser: memory stays
 * bounded by the zlib chunk (64 KiB) and one partial line, whatever the object size.
 * @example await parseFlowLogStream(s3Body as AsyncIterable<Uint8Array>, {}, (s) => agg.add(s))
 */
export async function parseFlowLogStream(
  source: AsyncIterable<Uint8Array>,
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
  ref = 's3 object',
): Promise<FlowParseStats> {
  const parser = new FlowTextParser(options, onRecord);
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return parser.end();
  const head = Buffer.from(first.value.buffer, first.value.byteOffset, first.value.byteLength);
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (!isGzip(head)) {
    parser.push(head);
    for await (const chunk of rest) parser.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    return parser.end();
  }
  const gunzip = createGunzip({ chunkSize: ZLIB_CHUNK_BYTES });
  const input = Readable.from(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) parser.push(chunk as Buffer);
  } catch (cause) {
    throw new FlowEnvelopeError(ref, `not valid gzip after ${parser.stats.records} records`, { cause });
  }
  return parser.end();
}
