/**
 * Bodies made of other bodies, scanned one by one with the scan they are given (`scanBuffer`): multipart parts
 * and ZIP entries. Each inner body gets its own sniffing (a CSV part, a gzip entry) and its detections are
 * reported at its range in the container.
 */
import { inflateCapped, quotedPrintableDecode, SNIFF_BYTES, sniffCompression } from './decoders.js';
import { splitMultipart } from './multipart.js';
import { type DecodeLimit, LimitKind } from './scan-state.js';
import type { ScanOptions, ScanReport } from './scanner.js';
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

/** @internal How a container scans what it holds. */
export type ScanBody = (bytes: Uint8Array, options: ScanOptions) => ScanReport;

/**
 * @internal Multipart bodies part by part: plain parts at their own offsets, base64 or compressed parts decoded and
 * reported at the part's range. Undefined when no part is found (the body is then scanned as text).
 */
export function scanMultipart(
  body: Buffer,
  boundary: string,
  options: ScanOptions,
  scan: ScanBody,
): ScanReport | undefined {
  const parts = splitMultipart(body, boundary);
  if (parts.length === 0) return undefined;
  const detections: Detection[] = [];
  const limits: DecodeLimit[] = [];
  for (const part of parts) {
    const { report, content, encoded } = scanPart(body.subarray(part.start, part.end), part, options, scan);
    const whole = encoded || sniffCompression(content.subarray(0, SNIFF_BYTES), part.contentEncoding) !== undefined;
    for (const d of report.detections)
      detections.push(
        whole
          ? { ...d, start: part.start, end: part.end }
          : { ...d, start: d.start + part.start, end: d.end + part.start },
      );
    for (const l of report.limits) limits.push({ ...l, start: part.start, end: part.end });
  }
  return { detections, limits, bytes: body.length };
}

/** What a multipart part says of its own encoding. */
interface PartEncoding {
  transferEncoding?: string | undefined;
  contentEncoding?: string | undefined;
}

/** @internal True for a part's transfer encoding that must be undone before its text can be read. */
export function isTransferEncoded(transferEncoding: string | undefined): boolean {
  return transferEncoding === 'base64' || transferEncoding === 'quoted-printable';
}

/**
 * @internal A multipart part's bytes scanned as a body of their own: base64 or quoted-printable transfer encoding
 * undone (a decoded layer: one level of depth), the part's content-encoding opened by the scan.
 */
export function scanPart(
  raw: Buffer,
  part: PartEncoding,
  options: ScanOptions,
  scan: ScanBody,
): { report: ScanReport; content: Buffer; encoded: boolean } {
  const encoded = isTransferEncoded(part.transferEncoding);
  const content =
    part.transferEncoding === 'base64'
      ? Buffer.from(raw.toString('latin1').replace(/\s+/g, ''), 'base64')
      : encoded
        ? quotedPrintableDecode(raw)
        : raw;
  const report = scan(content, {
    ...options,
    contentType: undefined,
    contentEncoding: part.contentEncoding,
    maxDepth: (options.maxDepth ?? 4) - (encoded ? 1 : 0),
  });
  return { report, content, encoded };
}

/**
 * @internal A ZIP archive entry by entry: stored entries at their own offsets, deflated ones inflated (under what
 * is left of the decoded-size cap) and reported at the range of their data; an XLSX workbook's worksheets as
 * the CSV they would export to, read by column. Encrypted entries and other
 * compression methods are reported as unreadable. Undefined when no entry is found (the body is then text).
 */
export function scanZip(body: Buffer, options: ScanOptions, scan: ScanBody): ScanReport | undefined {
  const entries = zipEntries(body);
  if (entries.length === 0) return undefined;
  const depth = options.maxDepth ?? 4;
  if (depth <= 0)
    return { detections: [], limits: [{ kind: LimitKind.DEPTH, start: 0, end: body.length }], bytes: body.length };
  const detections: Detection[] = [];
  const limits: DecodeLimit[] = [];
  let room = options.maxDecodedBytes ?? 64 * 1024 * 1024;
  /** An entry's bytes (inflated within what is left of the cap), or undefined once reported as a limit. */
  const open = ({ method, encrypted, start, end }: ZipEntry): Buffer | undefined => {
    const stored = method === ZipMethod.STORED;
    if (encrypted || (!stored && method !== ZipMethod.DEFLATED)) {
      limits.push({ kind: LimitKind.UNREADABLE, start, end });
      return undefined;
    }
    if (stored) return body.subarray(start, end);
    const inflated = inflateCapped(body.subarray(start, end), 'deflate-raw', room);
    if (inflated.ok) return inflated.bytes;
    limits.push({ kind: inflated.reason === 'bomb' ? LimitKind.BOMB : LimitKind.CORRUPT, start, end });
    return undefined;
  };
  const opened = new Map<ZipEntry, Buffer | undefined>();
  /** An entry's bytes, opened once (counted against the cap once, reported once). */
  const openOnce = (entry: ZipEntry): Buffer | undefined => {
    if (opened.has(entry)) return opened.get(entry);
    const bytes = open(entry);
    if (bytes) room -= bytes.length;
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
    if (sheet) content = Buffer.from(worksheetAsCsv(content.toString('latin1'), parts), 'latin1');
    const { start, end } = entry;
    // a stored entry's bytes are the archive's: offsets into them are offsets into the body
    const exact = entry.method === ZipMethod.STORED && !sheet;
    const report = scan(content, { ...options, contentType: undefined, maxDepth: depth - 1, maxDecodedBytes: room });
    for (const d of report.detections)
      detections.push(exact ? { ...d, start: d.start + start, end: d.end + start } : { ...d, start, end });
    for (const l of report.limits) limits.push({ ...l, start, end });
    if (room <= 0) break;
  }
  return { detections, limits, bytes: body.length };
}
