/**
 * Chunked framing: HTTP/1.1's `Transfer-Encoding: chunked` (RFC 9112 §7.1) and S3's `Content-Encoding:
 * aws-chunked`, the same framing with a signature in each size line's extension (`10000;chunk-signature=…`). The
 * AWS CLI and SDKs upload objects this way, so an object leaving for a foreign bucket comes framed.
 */

import type { ScanBody } from './containers.js';
import { contentCodings } from './decoders.js';
import { HeldBytes } from './held-bytes.js';
import { asWholeBody, type DecodeLimit, depthLeft, LimitKind } from './scan-state.js';
import type { ScanOptions, ScanReport } from './scanner.js';
import type { Sink, StreamBody } from './stream-gathered.js';
import type { Detection } from './types.js';

/** Longest chunk-size line read, extensions included. */
const SIZE_LINE_MAX = 256;
const SIZE_LINE = /^([0-9a-fA-F]{1,8})[ \t]*(?:;[^\r\n]*)?\r?$/;
/** The start of a signed aws-chunked body: a hex size and the first chunk's signature. */
const SIGNED_CHUNK = /^[0-9a-f]{1,8};chunk-signature=[0-9a-f]/;

/** The content coding S3 uploads are framed in (listed first, before the object's own coding: `aws-chunked,gzip`). */
export const AWS_CHUNKED = 'aws-chunked';

/** True when `head` starts a signed aws-chunked body (known by its first size line, without its header). */
export function looksAwsChunked(head: Uint8Array): boolean {
  const first = head[0] ?? 0;
  if (!((first >= 48 && first <= 57) || (first >= 97 && first <= 102))) return false;
  return SIGNED_CHUNK.test(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 64)).toString('latin1'));
}

/**
 * Undoes chunked framing as bytes arrive, with memory bounded by one size line: chunk data is passed on as it comes.
 * Extensions and trailers are ignored. A body whose first line is no size line is not framed: it is passed on as it
 * is (`framed` false). A size line that breaks the framing later passes the rest on as it is, and input ending
 * inside a chunk gives what arrived; both are `broken`.
 */
export class Dechunker extends HeldBytes<Buffer> {
  private state: 'size' | 'data' | 'gap' | 'raw' | 'done' = 'size';
  private left = 0;
  private chunks = 0;
  /** False once the first line showed the body is not framed at all. */
  framed = true;
  /** True once the framing broke after its start, or the input ended inside a chunk. */
  broken = false;

  protected run(final: boolean): Buffer[] {
    const out: Buffer[] = [];
    for (;;) {
      const buf = this.held;
      if (this.state === 'done') {
        this.consume(buf.length);
        return out;
      }
      if (this.state === 'raw') {
        if (buf.length > 0) out.push(this.consume(buf.length));
        return out;
      }
      if (this.state === 'data') {
        const n = Math.min(this.left, buf.length);
        if (n > 0) out.push(this.consume(n));
        this.left -= n;
        if (this.left > 0) {
          if (final) this.broken = true;
          return out;
        }
        this.state = 'gap';
        continue;
      }
      if (this.state === 'gap') {
        // the line break after a chunk's data, if there is one
        if (buf.length < 2 && !final) return out;
        this.consume(buf[0] === 13 ? (buf[1] === 10 ? 2 : 1) : buf[0] === 10 ? 1 : 0);
        this.state = 'size';
        continue;
      }
      const lineEnd = buf.indexOf(10);
      if (lineEnd < 0 && buf.length <= SIZE_LINE_MAX && !final) return out;
      if (buf.length === 0) return out;
      // a size line is short: a long first line (a body sent whole) is not read into a string, however it arrives
      const long = lineEnd < 0 ? buf.length > SIZE_LINE_MAX : lineEnd > SIZE_LINE_MAX;
      const size = long
        ? undefined
        : SIZE_LINE.exec(buf.toString('latin1', 0, lineEnd < 0 ? buf.length : lineEnd))?.[1];
      if (size === undefined) {
        if (this.chunks === 0) this.framed = false;
        // a capture cut inside its last size line gives what arrived; any other bad line ends the framing
        else if (lineEnd < 0 && !long) {
          this.state = 'done';
          continue;
        } else this.broken = true;
        this.state = 'raw';
        continue;
      }
      const length = Number.parseInt(size, 16);
      if (length === 0 || lineEnd < 0) {
        this.state = 'done';
        continue;
      }
      this.consume(lineEnd + 1);
      this.chunks++;
      this.left = length;
      this.state = 'data';
    }
  }
}

/**
 * A chunked body's data, chunks joined (see `Dechunker`); undefined for a body that is not chunked after all (its
 * first line is no size line), which is read as it is.
 */
export function dechunk(bytes: Buffer): Buffer | undefined {
  const { data, dechunker } = undoFraming(bytes);
  return dechunker.framed ? data : undefined;
}

/** A whole body's data with its framing undone, and what the dechunker said of the framing. */
function undoFraming(bytes: Uint8Array): { data: Buffer; dechunker: Dechunker } {
  const dechunker = new Dechunker();
  return { data: Buffer.concat([...dechunker.write(bytes), ...dechunker.end()]), dechunker };
}

/** The codings left to undo once the framing is: `aws-chunked,gzip` leaves the object's own gzip. */
function codingsInside(options: ScanOptions): string | undefined {
  return (
    contentCodings(options.contentEncoding)
      .filter((c) => c !== AWS_CHUNKED)
      .join(', ') || undefined
  );
}

/** True when a body is read through its chunked framing first: declared `aws-chunked`, or a signed first chunk. */
export function isFramed(head: Uint8Array, options: Pick<ScanOptions, 'contentEncoding'>): boolean {
  return contentCodings(options.contentEncoding).includes(AWS_CHUNKED) || looksAwsChunked(head);
}

/**
 * The report on a body whose framing was undone into `inner`: at the body's range, as a decoded layer's (the data's
 * offsets are not the body's), or at its own offsets when it was not framed after all; a broken or missing framing
 * is reported as corrupt.
 */
function framedReport(inner: ScanReport, dechunker: Dechunker, length: number): ScanReport {
  const corrupt: DecodeLimit[] =
    dechunker.broken || !dechunker.framed ? [{ kind: LimitKind.CORRUPT, start: 0, end: length }] : [];
  const report = dechunker.framed ? asWholeBody(inner, length) : { ...inner, bytes: length };
  return { ...report, limits: [...corrupt, ...report.limits] };
}

/** No depth left for the framing: the body is reported whole, as a container's is. */
function depthLimit(length: number): DecodeLimit[] {
  return [{ kind: LimitKind.DEPTH, start: 0, end: length }];
}

/** @internal A chunked-framed body (see `isFramed`) read through `scan` once its framing is undone; one level of depth. */
export function scanFramed(input: Uint8Array, options: ScanOptions, scan: ScanBody): ScanReport {
  if (depthLeft(options) <= 0) return { detections: [], limits: depthLimit(input.length), bytes: input.length };
  const { data, dechunker } = undoFraming(input);
  const inner = scan(data, { ...options, contentEncoding: codingsInside(options), maxDepth: depthLeft(options) - 1 });
  return framedReport(inner, dechunker, input.length);
}

/** @internal `scanFramed` as the body streams: the framing is undone chunk by chunk, and the data streamed on. */
export async function scanFramedStream(
  source: AsyncIterable<Uint8Array>,
  options: ScanOptions,
  sink: Sink,
  scanStream: StreamBody,
): Promise<DecodeLimit[]> {
  let length = 0;
  if (depthLeft(options) <= 0) {
    for await (const chunk of source) length += chunk.length;
    return depthLimit(length);
  }
  const dechunker = new Dechunker();
  async function* data(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      length += chunk.length;
      yield* dechunker.write(chunk);
    }
    yield* dechunker.end();
  }
  const found: Detection[] = [];
  const inner = await scanStream(
    data(),
    { ...options, contentEncoding: codingsInside(options), maxDepth: depthLeft(options) - 1 },
    (ds) => found.push(...ds),
  );
  const report = framedReport({ ...inner, detections: found }, dechunker, length);
  sink(report.detections);
  return report.limits;
}
