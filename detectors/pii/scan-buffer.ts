/**
 * Whole bodies: what a body is (framed, multipart, a message, an archive, a PDF, compressed, UTF-16, binary records,
 * an HTML page or text) is decided here, once, from its head, and `scanStream` asks the same questions (`readsAsText`).
 */
import { looksLikeRecords, recordsText } from './binary-records.js';
import { isFramed, scanFramed } from './chunked.js';
import { scanMessage, scanMultipart, scanZip } from './containers.js';
import {
  contentCodings,
  SNIFF_BYTES,
  sniffCompression,
  sniffUtf16,
  unreadableCoding,
  utf16ToUtf8,
} from './decoders.js';
import { hl7Table, looksLikeHl7 } from './hl7.js';
import { htmlUnescape, looksLikeHtml } from './html.js';
import { htmlTables } from './html-tables.js';
import { inflateToCap } from './inflate.js';
import type { RenderedJson } from './json-render.js';
import { looksLikeResultSet, resultTable } from './json-tables.js';
import { looksLikeMessage } from './messages.js';
import { bodyBoundary, partOptions } from './multipart.js';
import type { BodyReaders } from './part-stream.js';
import { isPdf } from './pdf.js';
import { scanPdf } from './pdf-scan.js';
import { type RenderedTable, readTables } from './rendered-tables.js';
import { asWholeBody, decodedRoom, depthLeft, inflateLimit, LimitKind, spend, withBudget } from './scan-state.js';
import { createScanner, type PiiScanner, type ScanOptions, type ScanReport } from './scanner.js';
import { isTar, TAR_BLOCK } from './tar.js';
import { createTarScanner } from './tar-scanner.js';
import type { Detection } from './types.js';
import { looksLikeX12, x12Table } from './x12.js';
import { isZip } from './zip.js';

/** `scanBuffer` feeds a body to its scanner this much at a time. */
const SCAN_SLICE = 1024 * 1024;

/**
 * Scans a whole body: S3's aws-chunked framing is undone first; gzip/deflate/brotli, Snappy, Zstandard, LZ4, bzip2 and
 * xz (magic bytes or `contentEncoding`, several in turn) are opened under the size cap and UTF-16 text (byte-order mark, `charset`, or
 * zero bytes between ASCII ones) is read as UTF-8; detections inside any of them are reported at the offsets of the
 * whole body. Multipart bodies (declared or known by their first delimiter), messages, ZIP archives (XLSX and DOCX
 * too) and tar archives are scanned part by part and member by member, PDF files page by page.
 * @example const { detections } = scanBuffer(body, { fingerprintKey: key, contentEncoding: 'gzip' });
 */
export function scanBuffer(input: Uint8Array, given: ScanOptions): ScanReport {
  // one budget for the body and everything decoded inside it; a field key is for plain text alone (see `readsAsText`)
  const { fieldKey, ...options } = withBudget(given);
  const body = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const head = input.subarray(0, SNIFF_BYTES);
  // an S3 upload's aws-chunked framing is undone first, whatever coding the object has inside it
  if (isFramed(head, options)) return scanFramed(input, options, scanBuffer);
  const codings = contentCodings(options.contentEncoding);
  const coded = codings.length > 0;
  const multipart = coded ? undefined : bodyBoundary(input.subarray(0, HEAD_BYTES), options.contentType);
  const boundary = multipart?.boundary;
  if (multipart) {
    const report = scanMultipart(body, multipart.boundary, partOptions(options, multipart.sniffed), scanBuffer);
    if (report) return report;
  }
  if (!coded && !boundary) {
    const report = scanMessage(body, options, scanBuffer);
    if (report) return report;
  }
  if (!coded && isZip(body)) {
    const report = scanZip(body, options, scanBuffer);
    if (report) return report;
  }
  if (!coded && isTar(body)) return scanTar(body, options);
  if (unreadableCoding(head, options.contentEncoding) !== undefined) {
    // a mislabelled body is text and is read as such; a compressed one yields nothing and is reported
    const raw = scanText(input, options);
    return { ...raw, limits: [{ kind: LimitKind.UNREADABLE, start: 0, end: input.length }, ...raw.limits] };
  }
  // codings are undone last applied first: `gzip, br` is unbrotlied, then gunzipped
  const kind = sniffCompression(head, codings.at(-1));
  if (kind) {
    const max = decodedRoom(options);
    // a body past what it may decode is read as far as the cap, as scanStream reads it
    const { inflated, bytes } = inflateToCap(input, kind, max);
    // a body cut short is read as far as it goes and said to be cut, as scanStream's inflater says it
    const cut = inflated.ok && inflated.truncated ? LimitKind.CORRUPT : undefined;
    const limit = inflated.ok ? cut : inflateLimit(inflated.reason, max, input.length, options);
    const said = limit ? [{ kind: limit, start: 0, end: input.length }] : [];
    if (!bytes) return { detections: [], limits: said, bytes: input.length };
    const inner = scanBuffer(bytes, {
      ...options,
      contentEncoding: codings.slice(0, -1).join(', ') || undefined,
      maxDepth: depthLeft(options) - 1,
    });
    // spent once the layer is read: what is decoded inside it sees the budget it would see streamed (scanStream's
    // inflater cannot know a layer's size before its end), and the body's next parts see what is left
    spend(options, bytes.length);
    const report = asWholeBody(inner, input.length);
    report.limits.unshift(...said);
    return report;
  }
  // after the codings: `%PDF-` may start anywhere in the head, so inside a frame stored raw (Zstandard's, LZ4's, gzip's)
  if (!coded && isPdf(head, SNIFF_BYTES)) {
    const report = scanPdf(body, options, scanBuffer);
    if (report) return report;
  }
  const utf16 = sniffUtf16(head, options.contentType);
  if (utf16) {
    const inner = scanBuffer(utf16ToUtf8(input, utf16), {
      ...options,
      contentType: undefined,
      maxDepth: depthLeft(options) - 1,
    });
    return asWholeBody(inner, input.length);
  }
  const records = recordsText(body, head, options.contentType, decodedRoom(options));
  if (records) return scanRendered(body, options, records);
  if (looksLikeHtml(head, options.contentType)) return scanHtml(body, options);
  if (looksLikeResultSet(input.subarray(0, HEAD_BYTES))) return scanWithTable(body, options, resultTable(body));
  if (looksLikeHl7(head)) return scanWithTable(body, options, hl7Table(body.toString('latin1')));
  if (looksLikeX12(head)) return scanWithTable(body, options, x12Table(body.toString('latin1')));
  return scanText(input, fieldKey ? { ...options, fieldKey } : options);
}

/** @internal Bytes of a body's head that decide how it is read: a tar header block (the other formats need 64). */
export const HEAD_BYTES = TAR_BLOCK;

/**
 * @internal True when `scanBuffer` reads a body with this head (its first `HEAD_BYTES`) as plain text: no content
 * coding, multipart, message, archive, PDF, compression, UTF-16, binary records or HTML page. `scanStream` streams such
 * a body through a scanner; any other it reads as `scanBuffer` does, so both decide alike.
 */
export function readsAsText(head: Uint8Array, options: Pick<ScanOptions, 'contentType' | 'contentEncoding'>): boolean {
  if (contentCodings(options.contentEncoding).length > 0 || bodyBoundary(head, options.contentType)) return false;
  // scanBuffer sniffs its first SNIFF_BYTES for all but a tar header
  const sniffed = head.subarray(0, SNIFF_BYTES);
  return !(
    isFramed(sniffed, options) ||
    looksLikeMessage(sniffed) ||
    isZip(sniffed) ||
    isTar(head) ||
    isPdf(sniffed, SNIFF_BYTES) ||
    unreadableCoding(sniffed, undefined) !== undefined ||
    sniffCompression(sniffed) !== undefined ||
    sniffUtf16(sniffed, options.contentType) !== undefined ||
    looksLikeHtml(sniffed, options.contentType) ||
    looksLikeRecords(sniffed, options.contentType) ||
    looksLikeResultSet(head) ||
    looksLikeHl7(sniffed) ||
    looksLikeX12(sniffed)
  );
}

/** @internal How containers read their parts when they stream (see `StreamedPart`). */
export const BODY_READERS: BodyReaders = {
  scan: scanBuffer,
  text: (options) => createScanner(options),
  readsAsText,
  headBytes: HEAD_BYTES,
};

/** A tar archive, member by member, through the scanner `scanStream` reads one with. */
function scanTar(body: Buffer, options: ScanOptions): ScanReport {
  return scanSliced(createTarScanner(options, BODY_READERS), body);
}

/** A body read as text, as it is: no sniffing, no decoding of the whole. */
function scanText(input: Uint8Array, options: ScanOptions): ScanReport {
  return scanSliced(createScanner(options), input);
}

/**
 * `input` fed to `scanner` in slices, so per-text state (a table's cell list, the hits of one pass) stays bounded on a
 * large body, as it does streamed.
 */
function scanSliced(scanner: PiiScanner, input: Uint8Array): ScanReport {
  const detections: Detection[] = [];
  for (let at = 0; at < input.length; at += SCAN_SLICE)
    detections.push(...scanner.write(input.subarray(at, at + SCAN_SLICE)));
  detections.push(...scanner.end());
  return { detections, limits: [...scanner.limits], bytes: input.length };
}

/**
 * An HTML page, read as text with its character references undone, then each of its tables again as the CSV it would
 * export to (a `<th>` names its column): what the columns find beyond the text is reported at its cell. Offsets are
 * the page's own.
 */
function scanHtml(body: Buffer, options: ScanOptions): ScanReport {
  const page = htmlUnescape(body);
  const text = page?.bytes ?? body;
  const read = scanText(text, options);
  const tables = htmlTables(text.toString('latin1'));
  const detections = [...read.detections, ...readTables(tables, read.detections, options, scanBuffer)];
  if (!page) return { detections, limits: read.limits, bytes: body.length };
  return atBodyOffsets({ detections, limits: read.limits, bytes: body.length }, page.toPage);
}

/**
 * A MessagePack, CBOR, BSON, Avro, Parquet or protobuf body, read as the JSON it holds (`rendered`), each find at its bytes in the body;
 * what was not rendered for a size cap is said, and read as it is.
 */
function scanRendered(body: Buffer, options: ScanOptions, rendered: RenderedJson): ScanReport {
  const read = scanText(rendered.text, options);
  const { starts, ends } = rendered;
  const last = body.length;
  const toBody = (at: number, isEnd: boolean): number => (isEnd ? ends[at - 1] : starts[at]) ?? (at <= 0 ? 0 : last);
  const report = atBodyOffsets({ ...read, bytes: body.length }, toBody);
  const capped = rendered.capped;
  if (!capped) return report;
  // what was not rendered is said, and read as the body's own bytes (an address in an uncompressed tail is still found)
  const tail = atBodyOffsets(scanText(body.subarray(capped.start), options), (at) => at + capped.start);
  report.detections.push(...tail.detections);
  report.limits.unshift({ kind: LimitKind.DECODED_SIZE, ...capped }, ...tail.limits);
  return report;
}

/** A report on a text rendered from the body, its detections and limits moved to the body's offsets by `toBody`. */
function atBodyOffsets(report: ScanReport, toBody: (at: number, isEnd: boolean) => number): ScanReport {
  const onBody = <T extends { start: number; end: number }>(x: T): T => ({
    ...x,
    start: toBody(x.start, false),
    end: toBody(x.end, true),
  });
  return { ...report, detections: report.detections.map(onBody), limits: report.limits.map(onBody) };
}

/**
 * A body read as text, then the tables it holds (`table`, rendered from it) by column, each find at its cell: an API's
 * query results (json-tables.ts), an HL7 v2 message's patient segments (hl7.ts), an X12 claim's people (x12.ts).
 */
function scanWithTable(body: Buffer, options: ScanOptions, table: RenderedTable | undefined): ScanReport {
  const read = scanText(body, options);
  const more = readTables(table ? [table] : [], read.detections, options, scanBuffer);
  return { ...read, detections: [...read.detections, ...more] };
}
