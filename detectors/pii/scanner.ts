import type { CountryCode } from 'libphonenumber-js/max';
import { isFramed, scanFramed } from './chunked.js';
import { scanMessage, scanMultipart, scanZip } from './containers.js';
import {
  contentCodings,
  inflateCapped,
  SNIFF_BYTES,
  sniffCompression,
  sniffUtf16,
  unreadableCoding,
  utf16ToUtf8,
} from './decoders.js';
import { compileEngine, type Engine, type Hit } from './engine.js';
import { createFingerprinter } from './fingerprint.js';
import { htmlUnescape, looksLikeHtml } from './html.js';
import { looksLikeMessage } from './messages.js';
import { multipartBoundary } from './multipart.js';
import type { BodyReaders } from './part-stream.js';
import { isPdf } from './pdf.js';
import { scanPdf } from './pdf-scan.js';
import { phone, phoneRecognizer } from './recognizers/phone.js';
import { FIELD_RECOGNIZERS, RECOGNIZERS } from './registry.js';
import { type DecodeLimit, decodedRoom, depthLeft, LimitKind, type ScanState } from './scan-state.js';
import { sniffCsv } from './table-headers.js';
import { TableReader } from './table-reader.js';
import { isTar, TAR_BLOCK } from './tar.js';
import { createTarScanner } from './tar-scanner.js';
import { isTokenChar, MAX_WINDOW, scanWindows } from './text-scanner.js';
import type { Detection, FieldRecognizer, Recognizer } from './types.js';
import { isZip } from './zip.js';

/** Scanner configuration; only the fingerprint key is required. */
export interface ScanOptions {
  /** HMAC key for fingerprints (≥ 16 bytes), from configuration. */
  fingerprintKey: string | Uint8Array;
  /** Detections below this confidence are dropped (default 0.5: context-gated shapes need their keyword). */
  minConfidence?: number;
  /** Nested decoded layers followed (base64 in gzip in base64…); default 4. */
  maxDepth?: number;
  /** Total bytes decoded across layers before decoding stops (default 64 MiB). */
  maxDecodedBytes?: number;
  /** `content-encoding` of the body, when known (gzip, deflate, br); magic bytes are sniffed otherwise. */
  contentEncoding?: string;
  /** `content-type` of the body; `multipart/*` bodies are split into parts (by `scanBuffer`). */
  contentType?: string;
  recognizers?: readonly Recognizer[];
  fieldRecognizers?: readonly FieldRecognizer[];
  /**
   * Regions (ISO 3166 alpha-2) in which phone numbers written without '+' are read, like a deployment's
   * default region: a PH deployment reads "0917 123 4567" as PH and a bare US-shaped number as nothing.
   * Default: a trunk '0' tries the built-in European and other regions, other national numbers US and TR.
   */
  phoneRegions?: readonly CountryCode[];
}

/** Result of a whole scan. */
export interface ScanReport {
  detections: Detection[];
  /** Decoded layers reported instead of followed (decompression bombs, depth, corrupt streams). */
  limits: DecodeLimit[];
  /** Bytes of input read. */
  bytes: number;
}

/** A streaming scanner over plain (uncompressed) bytes: feed chunks of any size, then `end()`. */
export interface PiiScanner {
  /** Scans a chunk; returns the detections completed so far (each reported exactly once). */
  write(chunk: Uint8Array): Detection[];
  /** Flushes what was held back at the end of the last chunk. */
  end(): Detection[];
  readonly limits: readonly DecodeLimit[];
}

const CONTEXT_KEEP = 64;
/** `scanBuffer` feeds a body to its scanner this much at a time. */
const SCAN_SLICE = 1024 * 1024;

/**
 * Compiled engines by the options that shape them (recognizer and field lists by identity, confidence floor,
 * phone regions). Compiling one (regexes, context index, gate memo) took ~220 µs, longer than scanning a 2 KB
 * egress sample; an engine holds no per-scan state, and scans are synchronous, so scanners share it.
 */
const ENGINES = new WeakMap<readonly Recognizer[], WeakMap<readonly FieldRecognizer[], Map<string, Engine>>>();

function engineFor(options: ScanOptions): Engine {
  const recognizers = options.recognizers ?? RECOGNIZERS;
  const fields = options.fieldRecognizers ?? FIELD_RECOGNIZERS;
  const regions = options.phoneRegions;
  const minConfidence = options.minConfidence ?? 0.5;
  const key = `${minConfidence}|${regions?.join(',') ?? ''}`;
  let byFields = ENGINES.get(recognizers);
  if (!byFields) {
    byFields = new WeakMap();
    ENGINES.set(recognizers, byFields);
  }
  let byKey = byFields.get(fields);
  if (!byKey) {
    byKey = new Map();
    byFields.set(fields, byKey);
  }
  let engine = byKey.get(key);
  if (!engine) {
    engine = compileEngine(
      regions ? recognizers.map((r) => (r.id === phone.id ? phoneRecognizer(regions) : r)) : recognizers,
      fields,
      minConfidence,
    );
    byKey.set(key, engine);
  }
  return engine;
}

function newState(options: ScanOptions): ScanState {
  return {
    engine: engineFor(options),
    maxDepth: depthLeft(options),
    maxDecodedBytes: decodedRoom(options),
    decodedBytes: 0,
    limits: [],
    contexts: [],
    table: undefined,
  };
}

/**
 * Creates a streaming scanner. Memory is the chunk plus a carry of at most one window (64 KiB) and the
 * context before it; offsets are byte offsets into the concatenated input.
 * @example
 * const s = createScanner({ fingerprintKey: key });
 * const found = [...s.write(chunk1), ...s.write(chunk2), ...s.end()];
 */
export function createScanner(options: ScanOptions, depth = 0): PiiScanner {
  const st = newState(options);
  const fingerprint = createFingerprinter(options.fingerprintKey);
  let text: Buffer = Buffer.alloc(0);
  // The carry lives at the front of one reused buffer and the next chunk is copied behind it: no
  // allocation per chunk (a fresh 64 KiB buffer per chunk cost more than the copy itself).
  let work: Buffer = Buffer.alloc(0);
  let carry = 0;
  let base = 0;
  let windowFrom = 0;
  let fieldFrom = 0;
  let lastEnd = 0;
  // a body starting with a table header is held until its first row is in view, so every chunking reads it alike
  let sniffing = true;
  const sniffTable = (final: boolean): boolean => {
    const header = sniffCsv(st.engine, text, final);
    if (header === 'wait') return false;
    sniffing = false;
    // a CSV export is read from its first row on; any other body is searched for the tables of database dumps
    st.table = new TableReader(depth, header);
    return true;
  };
  /** Copies `text[keep…]` to the front of `work` as the carry: the caller may reuse its chunk's memory. */
  const carryFrom = (keep: number): void => {
    carry = text.length - keep;
    if (work.length < carry) work = Buffer.allocUnsafeSlow(Math.max(carry, 2 * work.length));
    if (text.buffer === work.buffer && text.byteOffset === work.byteOffset) work.copyWithin(0, keep, keep + carry);
    else work.set(text.subarray(keep), 0);
  };
  const hold = (): Detection[] => {
    carryFrom(0);
    return [];
  };
  const run = (final: boolean): Detection[] => {
    const hits: Hit[] = [];
    const table = st.table;
    if (table) {
      table.base = base;
      table.advance(text, final, st.engine, hits);
    }
    // windows past a statement the reader waits on wait too (its rows may follow); those before were decided
    const limit = table ? Math.max(windowFrom, Math.min(text.length, table.keepFrom() - base)) : text.length;
    const view = limit < text.length ? text.subarray(0, limit) : text;
    const w = scanWindows(st, view, windowFrom, lastEnd, final && view === text, depth, hits, fieldFrom);
    const f = w.fields;
    let keep = Math.max(0, Math.min(w.resume, f) - CONTEXT_KEEP);
    if (!final) keep = Math.min(keep, trailingTokenStart(text, Math.max(w.lastEnd, keep - MAX_WINDOW)));
    if (table && !final) keep = Math.max(0, Math.min(keep, table.keepFrom() - base));
    table?.trim(base + keep);
    carryFrom(keep);
    base += keep;
    windowFrom = w.resume - keep;
    fieldFrom = f - keep;
    lastEnd = Math.max(0, w.lastEnd - keep);
    return toDetections(hits, base - keep, fingerprint);
  };
  return {
    write(chunk) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (carry === 0) text = bytes;
      else {
        const need = carry + bytes.length;
        if (work.length < need) {
          const grown = Buffer.allocUnsafeSlow(Math.max(need, 2 * work.length));
          grown.set(work.subarray(0, carry), 0);
          work = grown;
        }
        work.set(bytes, carry);
        text = work.subarray(0, need);
      }
      if (sniffing && !sniffTable(false)) return hold();
      return run(false);
    },
    end() {
      if (carry > 0) text = work.subarray(0, carry);
      else text = Buffer.alloc(0);
      if (sniffing) sniffTable(true);
      return run(true);
    },
    limits: st.limits,
  };
}

/** Start of the run of token characters at the end of `text` (a token the next chunk may continue). */
function trailingTokenStart(text: Uint8Array, lo: number): number {
  let s = text.length;
  while (s > lo && isTokenChar(text[s - 1] as number)) s--;
  return s;
}

function toDetections(hits: Hit[], offset: number, fingerprint: (v: string) => string): Detection[] {
  hits.sort((a, b) => a.start - b.start || a.end - b.end);
  return hits.map((h) => ({
    type: h.type,
    fineType: h.fineType,
    start: h.start + offset,
    end: h.end + offset,
    validated: h.validated,
    confidence: h.confidence,
    fingerprint: fingerprint(h.normalized),
  }));
}

/** A decoded layer's report at the range of the whole body it was decoded from. */
function asWholeBody(inner: ScanReport, length: number): ScanReport {
  return {
    detections: inner.detections.map((d) => ({ ...d, start: 0, end: length })),
    limits: inner.limits.map((l) => ({ ...l, start: 0, end: length })),
    bytes: length,
  };
}

/**
 * Scans a whole body: gzip/deflate/brotli (magic bytes or `contentEncoding`, several in turn) are opened under the size
 * cap and UTF-16 text (byte-order mark, `charset`, or zero bytes between ASCII ones) is read as UTF-8;
 * detections inside either are reported at the offsets of the whole body. Multipart bodies, ZIP archives
 * (XLSX and DOCX too) and tar archives are scanned part by part and member by member, PDF files page by page.
 * @example const { detections } = scanBuffer(body, { fingerprintKey: key, contentEncoding: 'gzip' });
 */
export function scanBuffer(input: Uint8Array, options: ScanOptions): ScanReport {
  const body = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const head = input.subarray(0, SNIFF_BYTES);
  // an S3 upload's aws-chunked framing is undone first, whatever coding the object has inside it
  if (isFramed(head, options)) return scanFramed(input, options, scanBuffer);
  const codings = contentCodings(options.contentEncoding);
  const coded = codings.length > 0;
  const boundary = coded ? undefined : multipartBoundary(options.contentType);
  if (boundary) {
    const report = scanMultipart(body, boundary, options, scanBuffer);
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
  if (!coded && isPdf(head, SNIFF_BYTES)) {
    const report = scanPdf(body, options, scanBuffer);
    if (report) return report;
  }
  if (unreadableCoding(head, options.contentEncoding) !== undefined) {
    // a mislabelled body is text and is read as such; a compressed one yields nothing and is reported
    const raw = scanText(input, options);
    return { ...raw, limits: [{ kind: LimitKind.UNREADABLE, start: 0, end: input.length }, ...raw.limits] };
  }
  // codings are undone last applied first: `gzip, br` is unbrotlied, then gunzipped
  const kind = sniffCompression(head, codings.at(-1));
  if (kind) {
    const max = decodedRoom(options);
    const inflated = inflateCapped(input, kind, max);
    if (!inflated.ok) {
      return {
        detections: [],
        limits: [
          { kind: inflated.reason === 'bomb' ? LimitKind.BOMB : LimitKind.CORRUPT, start: 0, end: input.length },
        ],
        bytes: input.length,
      };
    }
    const inner = scanBuffer(inflated.bytes, {
      ...options,
      contentEncoding: codings.slice(0, -1).join(', ') || undefined,
      maxDepth: depthLeft(options) - 1,
    });
    const report = asWholeBody(inner, input.length);
    // a body cut short is read as far as it goes and said to be cut, as scanStream's inflater says it
    if (inflated.truncated) report.limits.unshift({ kind: LimitKind.CORRUPT, start: 0, end: input.length });
    return report;
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
  if (looksLikeHtml(head, options.contentType)) {
    const page = htmlUnescape(body);
    if (page) {
      const inner = scanText(page.bytes, options);
      const onPage = <T extends { start: number; end: number }>(x: T): T => ({
        ...x,
        start: page.toPage(x.start, false),
        end: page.toPage(x.end, true),
      });
      return { detections: inner.detections.map(onPage), limits: inner.limits.map(onPage), bytes: input.length };
    }
  }
  return scanText(input, options);
}

/** @internal Bytes of a body's head that decide how it is read: a tar header block (the other formats need 64). */
export const HEAD_BYTES = TAR_BLOCK;

/**
 * @internal True when `scanBuffer` reads a body with this head (its first `HEAD_BYTES`) as plain text: no content
 * coding, multipart, message, archive, PDF, compression, UTF-16 or HTML page. `scanStream` streams such a body
 * through a scanner; any other it reads as `scanBuffer` does, so both decide alike.
 */
export function readsAsText(head: Uint8Array, options: Pick<ScanOptions, 'contentType' | 'contentEncoding'>): boolean {
  if (contentCodings(options.contentEncoding).length > 0 || multipartBoundary(options.contentType)) return false;
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
    looksLikeHtml(sniffed, options.contentType)
  );
}

/** @internal How containers read their parts when they stream (see `StreamedPart`). */
export const BODY_READERS: BodyReaders = {
  scan: scanBuffer,
  text: (options) => createScanner(options),
  readsAsText,
  headBytes: HEAD_BYTES,
};

/** A tar archive, member by member, through the scanner `scanStream` reads one with (in bounded slices). */
function scanTar(body: Buffer, options: ScanOptions): ScanReport {
  const tar = createTarScanner(options, BODY_READERS);
  const detections: Detection[] = [];
  for (let at = 0; at < body.length; at += SCAN_SLICE)
    detections.push(...tar.write(body.subarray(at, at + SCAN_SLICE)));
  detections.push(...tar.end());
  return { detections, limits: [...tar.limits], bytes: body.length };
}

/** A body read as text, as it is: no sniffing, no decoding of the whole. */
function scanText(input: Uint8Array, options: ScanOptions): ScanReport {
  const scanner = createScanner(options);
  const detections: Detection[] = [];
  // fed in slices, so per-text state (a table's cell list, the hits of one pass) stays bounded on a large body
  for (let at = 0; at < input.length; at += SCAN_SLICE)
    detections.push(...scanner.write(input.subarray(at, at + SCAN_SLICE)));
  detections.push(...scanner.end());
  return { detections, limits: [...scanner.limits], bytes: input.length };
}
