/**
 * Streamed bodies that are read whole, or whose start decides how they are read: ZIP archives and messages
 * (e-mail, raw HTTP).
 */
import { MESSAGE_HEADERS_MAX, messageHeaders, needsDecoding } from './messages.js';
import { shift } from './part-stream.js';
import { scanBuffer } from './scan-buffer.js';
import { type DecodeLimit, decodedRoom, LimitKind } from './scan-state.js';
import { createScanner, type ScanOptions, type ScanReport } from './scanner.js';
import type { Detection } from './types.js';

/** @internal Where a streamed scan hands its detections as they complete. */
export type Sink = (detections: Detection[]) => void;

/**
 * @internal A body read whole, as `scanBuffer` reads it: a ZIP archive needs its end (the central directory)
 * before its entries, a multipart e-mail its every part. It is gathered up to the decoded-size cap; a larger one
 * is reported and read as plain bytes, in bounded memory.
 */
export async function scanGathered(
  source: AsyncIterable<Uint8Array>,
  options: ScanOptions,
  sink: Sink,
): Promise<DecodeLimit[]> {
  const max = decodedRoom(options);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const iterator = source[Symbol.asyncIterator]();
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
    chunks.push(r.value);
    size += r.value.length;
    if (size <= max) continue;
    const scanner = createScanner(options);
    for (const chunk of chunks.splice(0)) sink(scanner.write(chunk));
    for (let more = await iterator.next(); !more.done; more = await iterator.next()) {
      size += more.value.length;
      sink(scanner.write(more.value));
    }
    sink(scanner.end());
    return [{ kind: LimitKind.DECODED_SIZE, start: 0, end: size }, ...scanner.limits];
  }
  const report = scanBuffer(Buffer.concat(chunks), options);
  sink(report.detections);
  return report.limits;
}

/** @internal How a body inside a streamed one is read as it streams (`scanStream`, passed in: it imports this module). */
export type StreamBody = (source: AsyncIterable<Uint8Array>, options: ScanOptions, sink: Sink) => Promise<ScanReport>;

/**
 * @internal A message (an e-mail, a raw HTTP request or response) as it streams: its header block is gathered (at
 * most `MESSAGE_HEADERS_MAX` bytes) to learn what the body is; a message whose body needs decoding is then read
 * whole as `scanBuffer` reads it, any other's header block is read as text and its body streamed as a body of its
 * own (`scanBody`), as `scanBuffer` reads it. Without a header block, the message streams as text.
 */
export async function scanMessageStream(
  source: AsyncIterable<Uint8Array>,
  options: ScanOptions,
  sink: Sink,
  scanBody: StreamBody,
): Promise<DecodeLimit[]> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tail = Buffer.alloc(0);
  while (size <= MESSAGE_HEADERS_MAX) {
    const r = await iterator.next();
    if (r.done) break;
    chunks.push(r.value);
    size += r.value.length;
    // a blank line may straddle two chunks: the last three bytes before this chunk are searched with it
    const window = Buffer.concat([tail, r.value]);
    if (/\r?\n\r?\n/.test(window.toString('latin1'))) break;
    tail = window.subarray(Math.max(0, window.length - 3));
  }
  const start = Buffer.concat(chunks);
  const headers = messageHeaders(start);
  /** `first`, then the rest of the message as it comes. */
  async function* from(first: Buffer): AsyncGenerator<Uint8Array> {
    yield first;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  }
  if (headers && needsDecoding(headers)) return scanGathered(from(start), options, sink);
  if (headers) {
    const { blockEnd, bodyStart } = headers;
    const block = scanBuffer(start.subarray(0, blockEnd), {
      ...options,
      contentType: undefined,
      contentEncoding: undefined,
    });
    sink(block.detections);
    const bodyOptions = { ...options, contentType: headers.contentType, contentEncoding: headers.contentEncoding };
    const inner = await scanBody(from(start.subarray(bodyStart)), bodyOptions, (ds) => sink(shift(ds, bodyStart)));
    return [...block.limits, ...shift(inner.limits, bodyStart)];
  }
  const scanner = createScanner(options);
  for await (const chunk of from(start)) sink(scanner.write(chunk));
  sink(scanner.end());
  return [...scanner.limits];
}
