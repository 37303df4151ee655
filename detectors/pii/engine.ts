import { includesAny, includesBytes, startBytes } from './byte-search.js';
import { advanceContext, type ContextIndex, type ContextState, compileContext } from './context.js';
import { displayNames } from './display-names.js';
import { compileFields, type FieldTable } from './field-table.js';
import { GateMemo, type GateVerdicts } from './gate-memo.js';
import { type Detection, type FieldRecognizer, Gate, type Recognizer, type WindowFeatures } from './types.js';
import { FV, FV_EXACT, latin1 } from './window-features.js';

/**
 * @internal A finding inside the detector, before fingerprinting. `normalized` never leaves the package:
 * the scanner turns it into a keyed fingerprint and drops it.
 */
export type Hit = Omit<Detection, 'fingerprint'> & { normalized: string };

interface Compiled {
  r: Recognizer;
  re: RegExp;
  index: number;
  ungatedConfidence: number;
  /** Fewest digits a window needs for the gate to pass (probed once); the list is sorted on it. */
  minDigits: number;
  /** A `literal` prefilter as bytes. */
  literal: Uint8Array | undefined;
  /** `keywords` as bytes. */
  keywords: readonly Uint8Array[] | undefined;
  /** 1 for each byte a keyword starts with: one pass over the window finds where a keyword may start. */
  keywordStarts: Uint8Array | undefined;
}

/**
 * Probes a gate with every other feature at its most permissive (and every window length up to 256) to
 * find the digit count it needs.
 */
function probeMinDigits(r: Recognizer): number {
  const known = MIN_DIGITS.get(r);
  if (known !== undefined) return known;
  const found = probe(r);
  MIN_DIGITS.set(r, found);
  return found;
}

/** Probed once per recognizer object: scanners are created per body. */
const MIN_DIGITS = new WeakMap<Recognizer, number>();

function probe(r: Recognizer): number {
  for (let d = 0; d <= 32; d++) {
    for (let len = 1; len <= 257; len++) {
      const f: WindowFeatures = {
        len: len === 257 ? 4096 : len,
        digits: d,
        letters: 64,
        upper: 64,
        maxRun: d,
        maxAlnum: 4096,
        dots: 8,
        colons: 8,
        dashes: 8,
        slashes: 8,
        spaces: 8,
        plus: 1,
        paren: 2,
        at: 1,
        percent: 0,
        backslash: 0,
        uuDD: true,
        digitRuns: -1,
        alnumRuns: -1,
        innerDigitRuns: -1,
      };
      if (r.gate(f) !== Gate.NO) return d;
    }
  }
  return 33;
}

/** @internal Recognizers compiled once per scanner: global regexes, a context-word index, the confidence floor. */
export interface Engine {
  recognizers: readonly Compiled[];
  literalRecognizers: readonly Compiled[];
  /** Field recognizers by `keyHash` of their field names. */
  fields: FieldTable;
  minConfidence: number;
  context: ContextIndex;
  /**
   * Bytes a window waits for after its end before it is decided mid-stream: the lookahead plus the longest
   * context word, so a word that starts in the lookahead is read whole however the input is chunked.
   */
  waitAhead: number;
  /** Gate verdicts by exact feature vector (windows of the same shape skip the gate calls). */
  memo: GateMemo<Compiled>;
}

export type { ContextState } from './context.js';

/** @internal Fresh context state for a new text (a chunk plus its carry, or a decoded layer). */
export function newContext(engine: Engine): ContextState {
  return { scanned: 0, lastSeen: new Float64Array(engine.recognizers.length).fill(-1e9), column: undefined };
}

/** Confidence factor for a value whose recognizer requires context and found none (0.9 → 0.36). */
export const UNGATED_FACTOR = 0.4;
/** How far before a window context words are looked for, in bytes (covers `"card_number": "`). */
export const CONTEXT_LOOKBACK = 40;
/** How far after a window its next word may start and count as context, in bytes (`4111… (card)`, `…, iban`). */
export const CONTEXT_LOOKAHEAD = 12;

/** @internal Compiles recognizers for one scanner. */
export function compileEngine(
  recognizers: readonly Recognizer[],
  fields: readonly FieldRecognizer[],
  minConfidence: number,
): Engine {
  const compiled = recognizers
    .map((r, index) => ({
      r,
      index,
      re: new RegExp(r.pattern.source, `${r.pattern.flags.replace(/[gy]/g, '')}g`),
      ungatedConfidence: r.confidence * UNGATED_FACTOR,
      minDigits: probeMinDigits(r),
      literal: r.literal === undefined ? undefined : Buffer.from(r.literal, 'latin1'),
      keywords: r.keywords?.map((k) => Buffer.from(k, 'latin1')),
      keywordStarts: r.keywords ? startBytes(r.keywords) : undefined,
    }))
    .sort((a, b) => a.minDigits - b.minDigits || a.index - b.index);
  const context = compileContext(recognizers.map((r) => r.context));
  return {
    recognizers: compiled,
    literalRecognizers: compiled.filter((c) => c.r.literal !== undefined),
    fields: compileFields(fields),
    minConfidence,
    context,
    waitAhead: CONTEXT_LOOKAHEAD + context.longest,
    memo: new GateMemo<Compiled>(),
  };
}

/** The recognizers whose gates pass on the current features (`F`/`FV`), from the memo or computed. */
function gateVerdicts(engine: Engine, f: WindowFeatures, literalOnly: boolean): GateVerdicts<Compiled> {
  const extra = literalOnly ? 1 : 0;
  const exact = f.len < FV_EXACT;
  const known = exact ? engine.memo.get(FV, extra) : undefined;
  if (known) return known;
  const runs: Compiled[] = [];
  const gates: number[] = [];
  let contextOnly = true;
  for (const c of literalOnly ? engine.literalRecognizers : engine.recognizers) {
    if (c.minDigits > f.digits) break;
    const gate = c.r.gate(f);
    if (gate === Gate.NO) continue;
    runs.push(c);
    gates.push(gate);
    if (gate !== Gate.CONTEXT || c.literal || c.keywords || c.ungatedConfidence >= engine.minConfidence)
      contextOnly = false;
  }
  const verdicts = { runs, gates: Uint8Array.from(gates), contextOnly };
  if (exact) engine.memo.set(FV, extra, verdicts);
  return verdicts;
}

/**
 * @internal Runs every recognizer whose gate passes on `bytes[ws, we)` and appends hits (offsets relative
 * to `bytes`), after dropping values strictly inside a longer, surer one. The window becomes a string only
 * when a regex has to run.
 */
export function matchWindow(
  engine: Engine,
  ctx: ContextState,
  bytes: Buffer,
  ws: number,
  we: number,
  f: WindowFeatures,
  out: Hit[],
  literalOnly = false,
): void {
  const { runs, gates, contextOnly } = gateVerdicts(engine, f, literalOnly);
  if (runs.length === 0) return;
  let win: string | undefined;
  let contextReady = false;
  const horizon = ws - CONTEXT_LOOKBACK;
  // words start before `ahead`; the window scan waits for these bytes unless the input has ended. Only the
  // first word after the value may be its context ("… (card)", "…, iban"): in "ISO 13616 examples, addresses"
  // the address word describes the examples, not the number.
  let ahead = Math.min(bytes.length, we + CONTEXT_LOOKAHEAD);
  for (let p = we; p < ahead; p++) {
    const b = bytes[p] as number;
    if ((b | 32) >= 97 && (b | 32) <= 122) {
      ahead = p + 1;
      break;
    }
  }
  if (contextOnly) {
    // most number-shaped windows: one context look decides, without a pass over the recognizers
    if (ctx.scanned < ahead) advanceContext(engine.context, ctx, bytes, Math.max(ctx.scanned, horizon, 0), ahead);
    contextReady = true;
    if (!anyInContext(ctx, runs, horizon)) return;
  }
  let local: Hit[] | undefined;
  for (let k = 0; k < runs.length; k++) {
    const c = runs[k] as Compiled;
    const gate = gates[k] as Gate;
    const r = c.r;
    if (c.literal !== undefined && !includesBytes(bytes, ws, we, c.literal)) continue;
    if (c.keywords !== undefined && !includesAny(bytes, ws, we, c.keywords, c.keywordStarts as Uint8Array)) continue;
    const ungatedKept = c.ungatedConfidence >= engine.minConfidence;
    // Context words are looked up once per window, and only when a gate or a match needs them.
    if (!contextReady && (gate === Gate.CONTEXT || r.requiresContext)) {
      if (ctx.scanned < ahead) advanceContext(engine.context, ctx, bytes, Math.max(ctx.scanned, horizon, 0), ahead);
      contextReady = true;
    }
    const byColumn = ctx.column !== undefined && ctx.column[c.index] === 1;
    let inContext = byColumn || (contextReady && (ctx.lastSeen[c.index] ?? -1e9) >= horizon);
    if (gate === Gate.CONTEXT && !inContext && !ungatedKept) continue;
    win ??= latin1(bytes, ws, we);
    const re = c.re;
    re.lastIndex = 0;
    for (let m = re.exec(win); m !== null; m = re.exec(win)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!contextReady) {
        if (ctx.scanned < ahead) advanceContext(engine.context, ctx, bytes, Math.max(ctx.scanned, horizon, 0), ahead);
        contextReady = true;
        inContext = byColumn || (ctx.lastSeen[c.index] ?? -1e9) >= horizon;
      }
      const verdict = r.validate ? r.validate(m, inContext || ungatedKept ? yes : no) : {};
      if (verdict === false) continue;
      const needsContext = verdict.requiresContext ?? r.requiresContext;
      const confidence = inContext
        ? Math.min(1, r.confidence + 0.05)
        : needsContext
          ? c.ungatedConfidence
          : r.confidence;
      if (confidence < engine.minConfidence) continue;
      const length = verdict.trimTo ?? m[0].length;
      const at = ws + m.index;
      local ??= [];
      local.push({
        type: r.type,
        fineType: verdict.fineType ?? r.fineType,
        start: at,
        end: at + length,
        validated: verdict.validated ?? r.validate !== undefined,
        confidence: Math.round(confidence * 100) / 100,
        normalized:
          verdict.normalized ??
          m[0]
            .slice(0, length)
            .replace(/[\s./-]/g, '')
            .toUpperCase(),
      });
    }
  }
  if (!local) return;
  const found = out.length;
  if (local.length === 1) out.push(local[0] as Hit);
  else out.push(...dropContained(local));
  // `Ada Lovelace <ada@example.org>`: the name before an address in angle brackets is a person's too
  if (bytes[ws - 1] === 60) displayNames(engine, bytes, out, found);
}

/** True when a context word of one of `runs` starts at or after `horizon`, or the window's table column names one. */
function anyInContext(ctx: ContextState, runs: readonly Compiled[], horizon: number): boolean {
  const column = ctx.column;
  for (let k = 0; k < runs.length; k++) {
    const index = (runs[k] as Compiled).index;
    if ((ctx.lastSeen[index] ?? -1e9) >= horizon || (column !== undefined && column[index] === 1)) return true;
  }
  return false;
}

const yes = (): boolean => true;
const no = (): boolean => false;

/**
 * Drops a hit inside a strictly longer hit at least as confident, and same-type duplicates: the more confident
 * one stays (a ZA ID in context over the same digits read as an unchecked KR number), then a checksum-confirmed
 * one (without context, the ZA ID's Luhn over the KR number's unknown check), then the first. Same-span types stay.
 */
function dropContained(hits: Hit[]): Hit[] {
  return hits.filter(
    (h, i) =>
      !hits.some(
        (g, j) =>
          j !== i &&
          g.start <= h.start &&
          g.end >= h.end &&
          g.confidence >= h.confidence &&
          (g.end - g.start > h.end - h.start ||
            (g.type === h.type && g.end - g.start === h.end - h.start && preferred(g, h, j < i))),
      ),
  );
}

/** Of two equally long same-type hits, `g` at least as confident as `h`: whether `g` is the one kept. */
function preferred(g: Hit, h: Hit, gFirst: boolean): boolean {
  if (g.confidence !== h.confidence) return true;
  return g.validated !== h.validated ? g.validated : gFirst;
}
