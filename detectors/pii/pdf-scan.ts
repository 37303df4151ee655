/**
 * A PDF file scanned as what it shows and what it stores: each page's drawn text (and each form's: a filled-in
 * field's appearance), its packed objects (a field's value, the document's author), its XML metadata, and the
 * file's own dictionaries. Detections in decoded streams are reported at the stream's range in the file.
 */
import { type ScanBody, tooDeep } from './containers.js';
import { Compression } from './decoders.js';
import { inflateCapped } from './inflate.js';
import {
  isEncrypted,
  isImage,
  type PdfObject,
  type PdfString,
  packedObjects,
  pdfDrawings,
  pdfObjects,
  StreamRole,
  streamFilters,
  streamRole,
  unicodeStrings,
} from './pdf.js';
import { type PdfFont, pdfFont } from './pdf-fonts.js';
import { ascii85Decode, asciiHexDecode, drawnText } from './pdf-text.js';
import { type DecodeLimit, decodedRoom, depthLeft, inflateLimit, LimitKind, spend } from './scan-state.js';
import type { ScanOptions, ScanReport } from './scanner.js';
import type { Detection } from './types.js';

/**
 * @internal Scans a PDF file (see the module comment). Streams are inflated under what is left of the decoded-size
 * cap; a stream under a filter the scanner cannot undo, or an encrypted file, is reported as unreadable.
 * Undefined when the file holds no object (it is then read as text).
 */
export function scanPdf(body: Buffer, options: ScanOptions, scan: ScanBody): ScanReport | undefined {
  const text = body.toString('latin1');
  const objects = pdfObjects(text);
  if (objects.size === 0) return undefined;
  const depth = depthLeft(options);
  if (depth <= 0) return tooDeep(body);
  const detections: Detection[] = [];
  const limits: DecodeLimit[] = [];
  const encrypted = isEncrypted(text);
  if (encrypted) limits.push({ kind: LimitKind.UNREADABLE, start: 0, end: body.length });

  const decoded = new Map<number, Buffer | undefined>();
  /** A stream's bytes with its filters undone, once per stream; undefined (and reported) when they cannot be. */
  const decode = (o: PdfObject): Buffer | undefined => {
    if (decoded.has(o.id)) return decoded.get(o.id);
    const bytes = o.stream && !encrypted && !isImage(o.body) ? undoFilters(o.body, o.stream) : undefined;
    if (bytes) spend(options, bytes.length);
    decoded.set(o.id, bytes);
    return bytes;
  };
  const undoFilters = (dict: string, { start, end }: { start: number; end: number }): Buffer | undefined => {
    let bytes = body.subarray(start, end);
    for (const filter of streamFilters(dict)) {
      if (filter === 'ASCII85Decode' || filter === 'A85') {
        bytes = ascii85Decode(bytes);
        continue;
      }
      if (filter === 'ASCIIHexDecode' || filter === 'AHx') {
        bytes = asciiHexDecode(bytes);
        continue;
      }
      if (filter !== 'FlateDecode' && filter !== 'Fl') {
        limits.push({ kind: LimitKind.UNREADABLE, start, end });
        return undefined;
      }
      const max = decodedRoom(options);
      const inflated = inflateCapped(bytes, Compression.DEFLATE, max);
      if (!inflated.ok) {
        limits.push({ kind: inflateLimit(inflated.reason, max, bytes.length, options), start, end });
        return undefined;
      }
      bytes = inflated.bytes;
    }
    return bytes;
  };
  /** Scans decoded bytes as a body of their own and reports what they hold at `[start, end)` of the file. */
  const scanAt = (bytes: Buffer, start: number, end: number): void => {
    if (decodedRoom(options) <= 0) {
      limits.push({ kind: LimitKind.DECODED_SIZE, start, end });
      return;
    }
    const report = scan(bytes, { ...options, contentType: undefined, maxDepth: depth - 1 });
    for (const d of report.detections) detections.push({ ...d, start, end });
    for (const l of report.limits) limits.push({ ...l, start, end });
  };

  /** Scans the UTF-16 strings of a text of dictionaries, each reported where `place` puts it in the file. */
  const scanStrings = (dicts: string, place: (s: PdfString) => { start: number; end: number }): void => {
    const strings = unicodeStrings(dicts);
    if (strings.length === 0) return;
    // one text, a string a line; `starts` maps a detection back to its string
    const starts: number[] = [];
    let offset = 0;
    for (const s of strings) {
      starts.push(offset);
      offset += Buffer.byteLength(s.value) + 1;
    }
    const joined = Buffer.from(strings.map((s) => `${s.value}\n`).join(''), 'utf8');
    const report = scan(joined, { ...options, contentType: undefined, maxDepth: depth - 1 });
    /** The string holding `at` in `joined`: the last one starting at or before it. */
    const holding = (at: number): PdfString => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] as number) <= at) lo = mid + 1;
        else hi = mid;
      }
      return strings[Math.max(0, lo - 1)] as PdfString;
    };
    for (const d of report.detections) detections.push({ ...d, ...place(holding(d.start)) });
    for (const l of report.limits) limits.push({ ...l, ...place(holding(l.start)) });
  };

  // objects packed in object streams are read first: pages, fonts and form fields live there in PDF 1.5+
  for (const o of [...objects.values()]) {
    if (!o.stream || streamRole(o.body) !== StreamRole.OBJECTS) continue;
    const packed = decode(o);
    if (!packed) continue;
    const dicts = packed.toString('latin1');
    for (const inner of packedObjects(o.body, dicts)) if (!objects.has(inner.id)) objects.set(inner.id, inner);
    scanAt(packed, o.stream.start, o.stream.end);
    const { start, end } = o.stream;
    scanStrings(dicts, () => ({ start, end }));
  }

  const drawn = new Set<number>();
  const fonts = new Map<number, PdfFont>();
  const fontById = (id: number): PdfFont => {
    const known = fonts.get(id);
    if (known) return known;
    const font = pdfFont(objects, id, decode);
    fonts.set(id, font);
    return font;
  };
  const seen = new Set<string>();
  for (const drawing of pdfDrawings(objects)) {
    const streams = drawing.streams
      .map((id) => objects.get(id))
      .filter((o) => o?.stream !== undefined) as Required<PdfObject>[];
    const key = streams.map((o) => o.id).join(' ');
    if (streams.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const start = streams.reduce((lo, o) => Math.min(lo, o.stream.start), body.length);
    const end = streams.reduce((hi, o) => Math.max(hi, o.stream.end), 0);
    // a stream drawn again (pages sharing a header) is read again: it counts against the cap once more
    for (const o of streams) if (drawn.has(o.id)) spend(options, decode(o)?.length ?? 0);
    if (decodedRoom(options) <= 0) {
      limits.push({ kind: LimitKind.DECODED_SIZE, start, end });
      break;
    }
    for (const o of streams) drawn.add(o.id);
    const content = Buffer.concat(streams.map((o) => decode(o) ?? Buffer.alloc(0)).flatMap((b) => [b, NEWLINE]));
    const shown = drawnText(content, (name) => {
      const id = drawing.fonts.get(name);
      return id === undefined ? undefined : fontById(id);
    });
    if (shown.length > 0) scanAt(Buffer.from(shown, 'utf8'), start, end);
  }

  // the file's own bytes, with stream data blanked: its dictionaries (an unpacked field value, the document
  // information) are read in place, while a stream is read only through what it decodes to (or, unfiltered and
  // no drawing, as it is: XML metadata)
  const skeleton = Buffer.from(body);
  // the header is blanked too, or the skeleton would be sniffed as a PDF again
  skeleton.fill(32, 0, text.indexOf('%PDF-') + 5);
  for (const o of objects.values()) {
    if (!o.stream) continue;
    const metadata = streamRole(o.body) === StreamRole.METADATA;
    const plain = streamFilters(o.body).length === 0 && !isImage(o.body) && !drawn.has(o.id);
    if (plain) continue;
    skeleton.fill(32, o.stream.start, o.stream.end);
    const bytes = metadata ? decode(o) : undefined;
    if (bytes) scanAt(bytes, o.stream.start, o.stream.end);
  }
  const own = scan(skeleton, { ...options, contentType: undefined });
  scanStrings(skeleton.toString('latin1'), ({ start, end }) => ({ start, end }));
  detections.push(...own.detections);
  limits.push(...own.limits);
  detections.sort((a, b) => a.start - b.start || a.end - b.end);
  return { detections, limits, bytes: body.length };
}

const NEWLINE = Buffer.from('\n');
