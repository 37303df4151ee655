import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { looksLikeRecords } from './binary-records.js';
import { isFramed, scanFramedStream } from './chunked.js';
import {
  Compression,
  contentCodings,
  SNIFF_BYTES,
  sniffCompression,
  sniffUtf16,
  type Utf16,
  unreadableCoding,
} from './decoders.js';
import { looksLikeHl7 } from './hl7.js';
import { looksLikeHtml } from './html.js';
import { looksLikeResultSet } from './json-tables.js';
import { looksLikeMessage } from './messages.js';
import { bodyBoundary, partOptions } from './multipart.js';
import { MultipartSplitter } from './multipart-stream.js';
import { StreamedPart } from './part-stream.js';
import { isPdf } from './pdf.js';
import { BODY_READERS, HEAD_BYTES, readsAsText, scanBuffer } from './scan-buffer.js';
import { type DecodeLimit, decodedRoom, depthLeft, inflateLimit, LimitKind, withBudget } from './scan-state.js';
import { createScanner, type PiiScanner, type ScanOptions, type ScanReport } from './scanner.js';
import { type Sink, scanGathered, scanMessageStream } from './stream-gathered.js';
import { isTar } from './tar.js';
import { createTarScanner } from './tar-scanner.js';
import type { Detection } from './types.js';
import { looksLikeX12 } from './x12.js';
import { isZip } from './zip.js';

/** Codings undone whole, not streamed (see `scanStream`). */
const WHOLE_CODINGS: ReadonlySet<Compression> = new Set([
  Compression.SNAPPY,
  Compression.ZSTD,
  Compression.LZ4,
  Compression.BZIP2,
  Compression.XZ,
]);

class DecodeCapReached extends Error {}

/**
 * Scans a stream chunk by chunk with bounded memory; a compressed body is inflated as a stream and
 * stopped (reported as a bomb) past `maxDecodedBytes`; a `multipart/*` body (by `contentType`) is split
 * as it streams. `onDetections` receives detections as they complete; without it they are collected.
 * @example await scanStream(createReadStream(path), { fingerprintKey: key }, (ds) => ds.forEach(print));
 */
export async function scanStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  given: ScanOptions,
  onDetections?: Sink,
): Promise<ScanReport> {
  // one budget for the body and everything decoded inside it
  const options = withBudget(given);
  const collected: Detection[] = [];
  const sink = onDetections ?? ((ds: Detection[]) => collected.push(...ds));
  const iterator =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (async function* () {
          yield* source;
        })();
  // the head is gathered up to HEAD_BYTES (a first chunk may be a single byte) before the encoding is decided
  const firsts: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < HEAD_BYTES) {
    const r = await iterator.next();
    if (r.done) break;
    firsts.push(r.value);
    headBytes += r.value.length;
  }
  const head = firsts.length === 1 ? (firsts[0] as Uint8Array) : Buffer.concat(firsts);
  let bytes = head.length;
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      bytes += r.value.length;
      yield r.value;
    }
  }
  const sniffed = head.subarray(0, SNIFF_BYTES);
  if (isFramed(sniffed, options)) {
    const limits = await scanFramedStream(rest(), options, sink, scanStream);
    return { detections: collected, limits, bytes };
  }
  const codings = contentCodings(options.contentEncoding);
  const coded = codings.length > 0;
  const multipart = coded ? undefined : bodyBoundary(head, options.contentType);
  if (multipart) {
    const limits = await scanMultipartStream(rest(), multipart.boundary, partOptions(options, multipart.sniffed), sink);
    return { detections: collected, limits, bytes };
  }
  const unreadable = unreadableCoding(sniffed, options.contentEncoding) !== undefined;
  // read whole, as scanBuffer reads it: an archive, a PDF, an API's query results, an HL7 message or X12 claim, binary
  // records (MessagePack, CBOR, BSON, Avro, Parquet, protobuf), an HTML page
  // (compressed too: its references are undone once it is inflated), a body under several codings (undone in turn)
  const page = !unreadable && looksLikeHtml(sniffed, options.contentType);
  const gathered =
    (!coded &&
      (isZip(head) ||
        isPdf(head, SNIFF_BYTES) ||
        looksLikeResultSet(head.subarray(0, HEAD_BYTES)) ||
        looksLikeHl7(head) ||
        looksLikeX12(head) ||
        looksLikeRecords(sniffed, options.contentType))) ||
    page;
  // a Snappy body is one block, its length first, its copies reaching back anywhere; Zstandard and LZ4 frames, bzip2 and
  // xz streams are decoded by decoders that do not stream here: all are undone whole, as scanBuffer undoes them
  const sniffedKind = unreadable ? undefined : sniffCompression(sniffed, codings.at(-1));
  const undoneWhole = sniffedKind !== undefined && WHOLE_CODINGS.has(sniffedKind);
  if (gathered || undoneWhole || (codings.length > 1 && !unreadable)) {
    const limits = await scanGathered(rest(), options, sink);
    return { detections: collected, limits, bytes };
  }
  if (!coded && looksLikeMessage(head)) {
    const limits = await scanMessageStream(rest(), options, sink, scanStream);
    return { detections: collected, limits, bytes };
  }
  const kind = unreadable ? undefined : sniffCompression(sniffed, options.contentEncoding);
  const utf16 = kind || unreadable ? undefined : sniffUtf16(sniffed, options.contentType);
  if (!kind && !utf16) {
    // a tar archive streams member by member
    const scanner = !coded && isTar(head) ? createTarScanner(options, BODY_READERS) : createScanner(options);
    for await (const chunk of rest()) sink(scanner.write(chunk));
    sink(scanner.end());
    const said: DecodeLimit[] = unreadable ? [{ kind: LimitKind.UNREADABLE, start: 0, end: bytes }] : [];
    return { detections: collected, limits: [...said, ...scanner.limits], bytes };
  }
  // Decoded layer (compressed or UTF-16): offsets are the whole body, known at the end. The decoded text streams
  // through a scanner unless its head shows more than text (a gzipped archive, a compressed multipart body): then it
  // is held, up to the cap, and read as scanBuffer reads it.
  const innerOptions: ScanOptions = utf16
    ? { ...options, contentType: undefined }
    : { ...options, contentEncoding: undefined };
  // one level down, as scanBuffer reads an inflated body: its own text is at depth 0 with one layer less to go
  let inner = createScanner({ ...options, maxDepth: depthLeft(options) - 1 });
  const found: Detection[] = [];
  const limits: DecodeLimit[] = [];
  /** Limits met inside a layer read whole: placed at the whole body, like the streamed layer's. */
  const wholeLimits: DecodeLimit[] = [];
  let held: Buffer[] | undefined = [];
  let heldBytes = 0;
  let whole = false;
  /** Decides from the decoded head whether the layer streams; a streaming one gets what was held. */
  const decide = (): void => {
    const head = Buffer.concat(held ?? []);
    // a tar archive streams member by member, in bounded memory as text does; other containers are held to the cap
    const tar = isTar(head);
    whole = !tar && !readsAsText(head.subarray(0, HEAD_BYTES), innerOptions);
    if (whole) return;
    if (tar) inner = createTarScanner({ ...innerOptions, maxDepth: depthLeft(options) - 1 }, BODY_READERS);
    found.push(...inner.write(head));
    held = undefined;
  };
  const readWhole = (): void => {
    const report = scanBuffer(Buffer.concat(held ?? []), { ...innerOptions, maxDepth: depthLeft(options) - 1 });
    found.push(...report.detections);
    wholeLimits.push(...report.limits);
  };
  const max = decodedRoom(options);
  let decoded = 0;
  let capped = false;
  let failed = false;
  const inflater = utf16
    ? utf16Transcoder(utf16)
    : kind === Compression.GZIP
      ? createGunzip()
      : kind === Compression.BROTLI
        ? createBrotliDecompress()
        : createInflate();
  try {
    await pipeline(Readable.from(rest()), inflater, async (out: AsyncIterable<Buffer>) => {
      for await (const piece of out) {
        // exactly the first `max` decoded bytes are read, as scanBuffer reads the head of a layer past the cap
        const chunk = decoded + piece.length > max ? piece.subarray(0, max - decoded) : piece;
        decoded += piece.length;
        if (!held) found.push(...inner.write(chunk));
        else {
          held.push(chunk);
          heldBytes += chunk.length;
          if (!whole && heldBytes >= HEAD_BYTES) decide();
        }
        if (decoded > max) {
          capped = true;
          throw new DecodeCapReached();
        }
      }
    });
    if (held && !whole) decide();
    if (whole) readWhole();
    else found.push(...inner.end());
  } catch (error) {
    capped ||= error instanceof DecodeCapReached;
    failed = true;
    // what was decoded before the stream broke or reached the cap is read as far as it goes (a head still held
    // decides first), as scanBuffer reads it
    if (held && !whole) decide();
    if (whole) readWhole();
    else found.push(...inner.end());
  }
  for await (const _ of rest()) {
    // drain what the inflater did not read so `bytes` covers the whole input
  }
  // said once the whole input is counted: a bomb is known by its size against the input's, as scanBuffer knows it
  if (failed) {
    const kind =
      utf16 && capped ? LimitKind.DECODED_SIZE : inflateLimit(capped ? 'bomb' : 'corrupt', max, bytes, options);
    limits.push({ kind, start: 0, end: bytes });
  }
  sink(found.map((d) => ({ ...d, start: 0, end: bytes })));
  limits.push(...[...inner.limits, ...wholeLimits].map((l) => ({ ...l, start: 0, end: bytes })));
  return { detections: collected, limits, bytes };
}

/** UTF-16 chunks to UTF-8 ones; a code unit or surrogate pair split across chunks is carried by the decoder. */
function utf16Transcoder(encoding: Utf16): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/**
 * Multipart bodies as they stream, with the same results as `scanBuffer`'s part-by-part reading: a plain
 * part is scanned as it arrives (memory: the chunk and a carry), a base64 or compressed part is decoded
 * whole under `maxDecodedBytes` and reported at the part's range. A body without any part is scanned as text.
 */
async function scanMultipartStream(
  source: AsyncIterable<Uint8Array>,
  boundary: string,
  options: ScanOptions,
  sink: Sink,
): Promise<DecodeLimit[]> {
  const splitter = new MultipartSplitter(boundary);
  const inner: ScanOptions = { ...options, contentType: undefined, contentEncoding: undefined };
  const limits: DecodeLimit[] = [];
  // until a part shows up the body may not be multipart at all: scan it as text meanwhile, and hold the results
  let asText: PiiScanner | undefined = createScanner(inner);
  let textFound: Detection[] = [];
  let part: StreamedPart | undefined;

  // with no depth left, a body with parts is reported whole, as scanBuffer's scanMultipart reports it
  const noDepth = depthLeft(options) <= 0;
  let tooDeep = false;
  const handle = (events: ReturnType<MultipartSplitter['write']>): void => {
    for (const e of events) {
      if (tooDeep) return;
      if (e.kind === 'part') {
        asText = undefined;
        textFound = [];
        tooDeep = noDepth;
        if (tooDeep) return;
        part = new StreamedPart(e.start, e, inner, BODY_READERS);
      } else if (e.kind === 'data' && part) sink(part.write(e.bytes));
      else if (e.kind === 'end' && part) {
        const closed = part.close(e.end);
        sink(closed.detections);
        limits.push(...closed.limits);
        part = undefined;
      }
    }
  };

  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    if (asText) textFound.push(...asText.write(chunk));
    handle(splitter.write(chunk));
  }
  handle(splitter.end());
  if (tooDeep) return [{ kind: LimitKind.DEPTH, start: 0, end: bytes }];
  if (asText) {
    sink([...textFound, ...asText.end()]);
    limits.push(...asText.limits);
  }
  return limits;
}
