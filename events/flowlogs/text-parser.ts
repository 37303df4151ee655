import { MalformedReason } from './errors.js';
import { LogStatus } from './fields.js';
import { DEFAULT_FLOW_FORMAT, type FlowFormat, isFlowHeader, parseFlowFormat } from './format.js';
import { Interner } from './interner.js';
import { FlowScanner, MAX_LINE_BYTES } from './scanner.js';

/** A line that was not parsed: where (line number or record index) and why. Never its content. */
export interface MalformedLine {
  /** `line`: 1-based line number in a text object; `record`: 0-based record index in a delivery batch. */
  unit: 'line' | 'record';
  position: number;
  /** For Firehose records holding several lines: the 1-based line inside the record. */
  line?: number;
  reason: MalformedReason;
  field?: string;
}

/** What a parse saw: record counts, NODATA/SKIPDATA counted apart, malformed lines with positions. */
export interface FlowParseStats {
  records: number;
  nodata: number;
  skipdata: number;
  malformed: number;
  /** The first `MAX_MALFORMED_KEPT` malformed lines; `malformed` counts them all. */
  malformedLines: MalformedLine[];
  /** CloudWatch Logs CONTROL_MESSAGE payloads skipped. */
  control: number;
  /** Whether a header line set the format. */
  header: boolean;
}

/** How many malformed positions a parse keeps (all are counted). */
export const MAX_MALFORMED_KEPT = 100;

/** Called for every parsed record with the scanner holding it (valid until the next call). */
export type OnFlowRecord = (scanner: FlowScanner, position: number) => void;

/** Options of the text parsers: the format of header-less records and whether to look for a header. */
export interface FlowTextOptions {
  format?: FlowFormat;
  /** `auto` (default): a first line made only of field names is a header and sets the format. */
  header?: 'auto' | 'none';
  /** What positions count: lines of a text (default) or records of a delivery batch. */
  unit?: 'line' | 'record';
}

/** Fresh, zeroed statistics. */
export function emptyFlowStats(): FlowParseStats {
  return { records: 0, nodata: 0, skipdata: 0, malformed: 0, malformedLines: [], control: 0, header: false };
}

/** Adds `b` into `a` (for parsers run over several envelopes). */
export function addFlowStats(a: FlowParseStats, b: FlowParseStats): FlowParseStats {
  a.records += b.records;
  a.nodata += b.nodata;
  a.skipdata += b.skipdata;
  a.malformed += b.malformed;
  a.control += b.control;
  for (const m of b.malformedLines) if (a.malformedLines.length < MAX_MALFORMED_KEPT) a.malformedLines.push(m);
  return a;
}

/**
 * Parses newline-separated flow log text pushed in chunks (S3 objects, files, CWL messages), keeping a
 * partial last line between chunks. Each line is scanned in place; nothing is split or copied.
 */
export class FlowTextParser {
  readonly stats = emptyFlowStats();
  private scanner: FlowScanner;
  private readonly interner = new Interner();
  private readonly onRecord: OnFlowRecord;
  private headerPending: boolean;
  private lineNo = 0;
  private carry: Buffer | undefined;
  private overlong = false;
  private readonly unit: 'line' | 'record';

  constructor(options: FlowTextOptions, onRecord: OnFlowRecord) {
    this.unit = options.unit ?? 'line';
    this.scanner = new FlowScanner(options.format ?? DEFAULT_FLOW_FORMAT, this.interner);
    this.headerPending = options.header !== 'none';
    this.onRecord = onRecord;
  }

  /** Parses one line `buf[from, to)` at `position` (a record index when the caller counts records). */
  line(buf: Buffer, from: number, to: number, position: number, inner?: number): void {
    if (to > from && buf[to - 1] === 13) to--;
    if (to <= from) return;
    if (this.headerPending) {
      this.headerPending = false;
      const b = buf[from] as number;
      if (b >= 97 && b <= 122 && to - from <= MAX_LINE_BYTES) {
        const text = buf.toString('latin1', from, to);
        if (isFlowHeader(text)) {
          this.scanner = new FlowScanner(parseFlowFormat(text), this.interner);
          this.stats.header = true;
          return;
        }
      }
    }
    const reason = this.scanner.scan(buf, from, to);
    if (reason !== undefined) {
      this.malformed(position, reason, this.scanner.failedField, inner);
      return;
    }
    this.stats.records++;
    const status = this.scanner.logStatus;
    if (status === LogStatus.NODATA) this.stats.nodata++;
    else if (status === LogStatus.SKIPDATA) this.stats.skipdata++;
    this.onRecord(this.scanner, position);
  }

  /** Counts a malformed line (also used by envelopes for lines they cannot even extract). */
  malformed(position: number, reason: MalformedReason, field?: string, inner?: number): void {
    this.stats.malformed++;
    if (this.stats.malformedLines.length < MAX_MALFORMED_KEPT) {
      const m: MalformedLine = { unit: this.unit, position, reason };
      if (inner !== undefined) m.line = inner;
      if (field !== undefined) m.field = field;
      this.stats.malformedLines.push(m);
    }
  }

  /** Parses a chunk of text; lines are numbered from 1 across chunks. */
  push(chunk: Buffer): void {
    let from = 0;
    if (this.carry !== undefined) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.extendCarry(chunk);
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = undefined;
      this.emitLine(joined, 0, joined.length);
      from = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) break;
      this.emitLine(chunk, from, nl);
      from = nl + 1;
    }
    if (from < chunk.length) this.extendCarry(chunk.subarray(from));
  }

  /** Flushes the last line (a file need not end with a newline) and returns the statistics. */
  end(): FlowParseStats {
    if (this.carry !== undefined) {
      const rest = this.carry;
      this.carry = undefined;
      this.emitLine(rest, 0, rest.length);
    } else if (this.overlong) {
      this.overlong = false;
      this.malformed(++this.lineNo, MalformedReason.LINE_TOO_LONG);
    }
    return this.stats;
  }

  private emitLine(buf: Buffer, from: number, to: number): void {
    this.lineNo++;
    if (this.overlong) {
      this.overlong = false;
      this.malformed(this.lineNo, MalformedReason.LINE_TOO_LONG);
      return;
    }
    this.line(buf, from, to, this.lineNo);
  }

  private extendCarry(part: Buffer): void {
    if (this.overlong) return;
    const size = (this.carry?.length ?? 0) + part.length;
    if (size > MAX_LINE_BYTES) {
      this.carry = undefined;
      this.overlong = true;
      return;
    }
    this.carry = this.carry === undefined ? Buffer.from(part) : Buffer.concat([this.carry, part]);
  }
}

/**
 * Parses a whole flow log text (a file, a gunzipped S3 object) held in memory.
 * @example parseFlowText(readFileSync('flows.log'), {}, (s) => console.log(toFlowRecord(s)))
 */
export function parseFlowText(buf: Buffer, options: FlowTextOptions, onRecord: OnFlowRecord): FlowParseStats {
  const parser = new FlowTextParser(options, onRecord);
  parser.push(buf);
  return parser.end();
}
