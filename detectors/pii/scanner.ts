/**
 * The streaming scanner over plain bytes (`createScanner`): chunks of any size in, each detection out once, memory
 * bounded by the chunk and a carry. Whole bodies are sniffed and opened in `scan-buffer.ts`.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { compileEngine, type Engine, type Hit } from './engine.js';
import { createFingerprinter } from './fingerprint.js';
import { phone, phoneRecognizer } from './recognizers/phone.js';
import { RECORD_BEFORE } from './record-names.js';
import { FIELD_RECOGNIZERS, RECOGNIZERS } from './registry.js';
import { type DecodeBudget, type DecodeLimit, decodedRoom, depthLeft, type ScanState } from './scan-state.js';
import { sniffCsv } from './table-headers.js';
import { TableReader } from './table-reader.js';
import { MAX_WINDOW, scanWindows } from './text-scanner.js';
import type { Detection, FieldRecognizer, Recognizer } from './types.js';
import { startsVcard, VCARD_HEAD } from './vcard-fields.js';
import { isTokenChar } from './window-joins.js';

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
  /** @internal What the body being scanned has left of `maxDecodedBytes`, shared by the scans inside it. */
  budget?: DecodeBudget;
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
  /**
   * @internal A key the text is read after, as a `key: value` line's (`\nfirst_name: `): a form-data part's name, so
   * its content is that field's value. Offsets stay the text's own.
   */
  fieldKey?: Buffer;
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

/** Bytes kept before the next key to read: its own walk back, and the record a `name` key is read in. */
const CONTEXT_KEEP = RECORD_BEFORE + 128;

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
    budget: options.budget ?? { left: decodedRoom(options) },
    limits: [],
    contexts: [],
    table: undefined,
    vcard: false,
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
  // the field key is read first, before offset 0
  let base = -(options.fieldKey?.length ?? 0);
  let windowFrom = 0;
  let fieldFrom = 0;
  let lastEnd = 0;
  // a body starting with a table header is held until its first row is in view, so every chunking reads it alike
  let sniffing = true;
  const sniffTable = (final: boolean): boolean => {
    const header = sniffCsv(st.engine, text, final);
    if (header === 'wait') return false;
    // a vCard is known by its first line: it is waited for too, so every chunking reads a vCard alike
    if (!final && text.length < VCARD_HEAD && text.indexOf(10) < 0) return false;
    sniffing = false;
    st.vcard = startsVcard(text);
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
  const scanner: PiiScanner = {
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
  // a key alone completes no value: nothing is found before the text
  if (options.fieldKey) scanner.write(options.fieldKey);
  return scanner;
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
