/**
 * Bodies made of other bodies, scanned one by one with the scan they are given (`scanBuffer`): multipart parts
 * and ZIP entries. Each inner body gets its own sniffing (a CSV part, a gzip entry) and its detections are
 * reported at its range in the container.
 */

import { dechunk } from './chunked.js';
import { Compression, quotedPrintableDecode, SNIFF_BYTES, sniffCompression } from './decoders.js';
import { documentText, isDocumentText } from './documents.js';
import { inflateToCap } from './inflate.js';
import { messageHeaders } from './messages.js';
import { formFieldKey, isTransferEncoded, multipartBoundary, type PartHeaders, splitMultipart } from './multipart.js';
import { type DecodeLimit, decodedRoom, depthLeft, inflateLimit, LimitKind, spend } from './scan-state.js';
import type { ScanOptions, ScanReport } from './scanner.js';
import { HEX_VALUE } from './token-shapes.js';
import type { Detection } from './types.js';
import {
  dateStyles,
  isWorksheet,
  SHARED_STRINGS,
  STYLES,
  sharedStrings,
  usesDate1904,
  WORKBOOK,
  type WorkbookParts,
  worksheetAsCsv,
} from './xlsx.js';
import { type ZipEntry, ZipMethod, zipEntries } from './zip.js';

/** The compression methods of ZIP entries undone (APPNOTE 4.4.5), by the coding that undoes each. */
const ZIP_CODINGS = new Map<number, Compression | 'deflate-raw'>([
  [ZipMethod.DEFLATED, 'deflate-raw'],
  [ZipMethod.BZIP2, Compression.BZIP2],
  [ZipMethod.ZSTD, Compression.ZSTD],
  [ZipMethod.XZ, Compression.XZ],
]);

/** @internal How a container scans what it holds. */
export type ScanBody = (bytes: Uint8Array, options: ScanOptions) => ScanReport;

/** @internal The report on a container met with no depth left: one depth limit over the whole of it. */
export function tooDeep(body: Uint8Array): ScanReport {
  return { detections: [], limits: [{ kind: LimitKind.DEPTH, start: 0, end: body.length }], bytes: body.length };
}

/**
 * @internal Multipart bodies part by part: plain parts at their own offsets, base64, quoted-printable or compressed
 * parts decoded and reported at the part's range, a nested multipart part (an e-mail's `multipart/alternative`)
 * read part by part in turn, one level of depth each. Undefined when no part is found (the body is then text).
 */
export function scanMultipart(
  body: Buffer,
  boundary: string,
  options: ScanOptions,
  scan: ScanBody,
): ScanReport | undefined {
  const parts = splitMultipart(body, boundary);
  if (parts.length === 0) return undefined;
  if (depthLeft(options) <= 0) return tooDeep(body);
  const detections: Detection[] = [];
  const limits: DecodeLimit[] = [];
  for (const part of parts) {
    const scanned = scanPart(body.subarray(part.start, part.end), part, options, scan);
    detections.push(...placeFound(scanned, part, part.start, part.end));
    for (const l of scanned.report.limits) limits.push({ ...l, start: part.start, end: part.end });
  }
  return { detections, limits, bytes: body.length };
}

/** A part scanned: what was found in its content, and whether that content had to be decoded first. */
interface ScannedPart {
  report: ScanReport;
  content: Buffer;
  encoded: boolean;
  /** For quoted-printable content, the offset in `raw` each content byte came from (and of the end). */
  offsets?: Int32Array;
  raw: Buffer;
}

/**
 * @internal A multipart part's bytes scanned as a body of their own, under the part's own content type (a nested
 * boundary, a UTF-16 `charset`): base64 or quoted-printable transfer encoding undone (a decoded layer: one level
 * of depth, as is a nested multipart), the part's content-encoding opened by the scan.
 */
export function scanPart(raw: Buffer, part: PartHeaders, options: ScanOptions, scan: ScanBody): ScannedPart {
  const encoded = isTransferEncoded(part.transferEncoding);
  // quoted-printable keeps most bytes as they are: what it holds maps back to them
  const offsets = part.transferEncoding === 'quoted-printable' ? new Int32Array(raw.length + 1) : undefined;
  const content =
    part.transferEncoding === 'base64'
      ? Buffer.from(raw.toString('latin1').replace(/\s+/g, ''), 'base64')
      : encoded
        ? quotedPrintableDecode(raw, offsets)
        : raw;
  const nested = multipartBoundary(part.contentType) !== undefined;
  const report = scan(content, {
    ...options,
    contentType: part.contentType,
    contentEncoding: part.contentEncoding,
    maxDepth: depthLeft(options) - (encoded || nested ? 1 : 0),
    // a form field's value is read after its name, as a `key: value` line, at its own bytes
    fieldKey: formFieldKey(part),
  });
  return { report, content, encoded, offsets, raw };
}

/**
 * @internal Detections found in a scanned part, placed in the whole body where the part is `[start, end)`: at their own
 * bytes (a quoted-printable part's through its offset map, which puts what a compressed one holds at about its
 * range), or at the part's range when its content was decoded from base64 or decompressed before it was read.
 */
export function placeFound(scanned: ScannedPart, part: PartHeaders, start: number, end: number): Detection[] {
  const { offsets, report, raw } = scanned;
  if (!offsets) return placeIn(report.detections, decodedFirst(scanned, part), start, end);
  // a value ends after its last byte's source (an escape such as `=40` is three bytes), before any soft break after it
  const after = (j: number): number => {
    const o = offsets[j] as number;
    const escaped = raw[o] === 61 && HEX_VALUE[raw[o + 1] ?? 0] !== 255 && HEX_VALUE[raw[o + 2] ?? 0] !== 255;
    return o + (escaped ? 3 : 1);
  };
  return report.detections.map((d) => ({
    ...d,
    start: start + (offsets[d.start] as number),
    end: start + (d.end > d.start ? after(d.end - 1) : (offsets[d.end] as number)),
  }));
}

/** Whether a scanned part's content was decoded or decompressed before it was read. */
function decodedFirst({ content, encoded }: ScannedPart, part: PartHeaders): boolean {
  return encoded || sniffCompression(content.subarray(0, SNIFF_BYTES), part.contentEncoding) !== undefined;
}

/**
 * Offsets found in a part (detections, limits) as offsets into the whole body, where the part is `[start, end)`: their
 * own, shifted, or the part's range when its content was decoded first (`whole`).
 */
function placeIn<T extends { start: number; end: number }>(
  found: readonly T[],
  whole: boolean,
  start: number,
  end: number,
): T[] {
  return found.map((x) => (whole ? { ...x, start, end } : { ...x, start: x.start + start, end: x.end + start }));
}

/**
 * @internal A message (an e-mail, a raw HTTP request or response): its header block read as text (addresses in
 * `To:`, a query string in the request line), its body as a body of its own, as its headers describe it and as it
 * sniffs (a CSV by its header line, an uploaded archive, an `application/gzip` file): dechunked, split part by part,
 * decoded or decompressed, and reported at its own offsets or, once decoded, at the body's range. Undefined for a
 * body that is no message (it is then read as text whole).
 */
export function scanMessage(body: Buffer, options: ScanOptions, scan: ScanBody): ScanReport | undefined {
  const headers = messageHeaders(body);
  if (!headers) return undefined;
  const { blockEnd, bodyStart } = headers;
  // the block without its blank line holds no header block of its own: it is read as plain text
  const block = scan(body.subarray(0, blockEnd), { ...options, contentType: undefined, contentEncoding: undefined });
  const raw = body.subarray(bodyStart);
  const dechunked = headers.chunked ? dechunk(raw) : undefined;
  const scanned = scanPart(dechunked ?? raw, headers, options, scan);
  const whole = dechunked !== undefined || decodedFirst(scanned, headers);
  // a chunked body's offsets are the dechunked one's: what it holds is placed at the body's range
  const found = dechunked
    ? placeIn(scanned.report.detections, true, bodyStart, body.length)
    : placeFound(scanned, headers, bodyStart, body.length);
  return {
    detections: [...block.detections, ...found],
    limits: [...block.limits, ...placeIn(scanned.report.limits, whole, bodyStart, body.length)],
    bytes: body.length,
  };
}

/**
 * @internal A ZIP archive entry by entry: stored entries at their own offsets, deflated ones inflated (under what
 * is left of the decoded-size cap) and reported at the range of their data; an XLSX workbook's worksheets as
 * the CSV they would export to, read by column; a document's text parts (DOCX, PPTX, ODF) as the text they
 * show. Encrypted entries and other compression methods are reported as unreadable. Undefined when no entry is
 * found (the body is then text).
 */
export function scanZip(body: Buffer, options: ScanOptions, scan: ScanBody): ScanReport | undefined {
  const entries = zipEntries(body);
  if (entries.length === 0) return undefined;
  const depth = depthLeft(options);
  if (depth <= 0) return tooDeep(body);
  const detections: Detection[] = [];
  const limits: DecodeLimit[] = [];
  /** An entry's bytes (inflated within what is left of the body's budget), or undefined once reported as a limit. */
  const open = ({ method, encrypted, start, end }: ZipEntry): Buffer | undefined => {
    const stored = method === ZipMethod.STORED;
    const coding = ZIP_CODINGS.get(method);
    if (encrypted || (!stored && !coding)) {
      limits.push({ kind: LimitKind.UNREADABLE, start, end });
      return undefined;
    }
    if (stored) return body.subarray(start, end);
    const max = decodedRoom(options);
    // an entry past what the archive may decode is read as far as that, as a compressed body is
    const { inflated, bytes } = inflateToCap(body.subarray(start, end), coding ?? 'deflate-raw', max);
    if (!inflated.ok) limits.push({ kind: inflateLimit(inflated.reason, max, end - start, options), start, end });
    if (bytes) spend(options, bytes.length);
    return bytes;
  };
  const opened = new Map<ZipEntry, Buffer | undefined>();
  /** An entry's bytes, opened once (counted against the budget once, reported once). */
  const openOnce = (entry: ZipEntry): Buffer | undefined => {
    if (opened.has(entry)) return opened.get(entry);
    const bytes = open(entry);
    opened.set(entry, bytes);
    return bytes;
  };
  // an XLSX workbook's worksheets refer to its shared strings and cell styles: those are read first, and the
  // strings through the worksheets
  const workbook = entries.some((e) => isWorksheet(e.name));
  const part = (name: string): string => {
    const entry = workbook ? entries.find((e) => e.name === name) : undefined;
    return (entry && openOnce(entry))?.toString('latin1') ?? '';
  };
  const parts: WorkbookParts = {
    shared: sharedStrings(part(SHARED_STRINGS)),
    dateStyles: dateStyles(part(STYLES)),
    date1904: usesDate1904(part(WORKBOOK)),
  };
  for (const entry of entries) {
    if (workbook && entry.name === SHARED_STRINGS) continue;
    let content = openOnce(entry);
    if (!content) continue;
    const sheet = workbook && isWorksheet(entry.name);
    const prose = !sheet && isDocumentText(entry.name);
    if (sheet) content = Buffer.from(worksheetAsCsv(content.toString('latin1'), parts), 'latin1');
    else if (prose) content = Buffer.from(documentText(content.toString('latin1')), 'latin1');
    const { start, end } = entry;
    // a stored entry's bytes are the archive's: offsets into them are offsets into the body
    const exact = entry.method === ZipMethod.STORED && !sheet && !prose;
    const report = scan(content, { ...options, contentType: undefined, maxDepth: depth - 1 });
    for (const d of report.detections)
      detections.push(exact ? { ...d, start: d.start + start, end: d.end + start } : { ...d, start, end });
    for (const l of report.limits) limits.push({ ...l, start, end });
  }
  return { detections, limits, bytes: body.length };
}
