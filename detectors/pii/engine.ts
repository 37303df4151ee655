import { keyHash } from './fields.js';
import { type Detection, type FieldRecognizer, Gate, type Recognizer, type WindowFeatures } from './types.js';

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
}

/** Probes a gate with every other feature at its most permissive to find the digit count it needs. */
function probeMinDigits(r: Recognizer): number {
  for (let d = 0; d <= 32; d++) {
    const f: WindowFeatures = {
      len: 4096,
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
    };
    if (r.gate(f) !== Gate.NO) return d;
  }
  return 33;
}

/** @internal Recognizers compiled once per scanner: global regexes, a context-word index, the confidence floor. */
export interface Engine {
  recognizers: readonly Compiled[];
  literalRecognizers: readonly Compiled[];
  /** Field recognizers by `keyHash` of their field names. */
  fields: ReadonlyMap<number, FieldRecognizer>;
  minConfidence: number;
  /** (first two lower-case bytes of a context word) → 1 + index into `contextLists`; 0 when none. */
  contextSlots: Uint16Array;
  contextLists: readonly (readonly { word: string; ids: number[] }[])[];
}

/**
 * @internal Context words seen so far in one text, advanced lazily as windows need them: each byte is
 * examined once per text instead of once per window (`lastSeen[i]`: last word start serving recognizer i).
 */
export interface ContextState {
  scanned: number;
  lastSeen: Float64Array;
}

/** @internal Fresh context state for a new text (a chunk plus its carry, or a decoded layer). */
export function newContext(engine: Engine): ContextState {
  return { scanned: 0, lastSeen: new Float64Array(engine.recognizers.length).fill(-1e9) };
}

/** Confidence factor for a value whose recognizer requires context and found none (0.9 → 0.36). */
export const UNGATED_FACTOR = 0.4;
/** How far before a window context words are looked for, in bytes (covers `"card_number": "`). */
export const CONTEXT_LOOKBACK = 40;

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
    }))
    .sort((a, b) => a.minDigits - b.minDigits || a.index - b.index);
  const contextIndex = new Map<number, { word: string; ids: number[] }[]>();
  compiled.forEach((c) => {
    for (const utf8 of c.r.context) {
      // the scanner sees latin1 of the bytes, so non-ASCII words are compared in that form
      const word = Buffer.from(utf8, 'utf8').toString('latin1');
      const key = (word.charCodeAt(0) << 8) | (word.charCodeAt(1) & 0xff);
      const list = contextIndex.get(key) ?? [];
      const entry = list.find((e) => e.word === word);
      if (entry) entry.ids.push(c.index);
      else list.push({ word, ids: [c.index] });
      contextIndex.set(key, list);
    }
  });
  const contextSlots = new Uint16Array(65536);
  const contextLists = [...contextIndex.values()];
  [...contextIndex.keys()].forEach((key, i) => {
    contextSlots[key] = i + 1;
  });
  const fieldMap = new Map<number, FieldRecognizer>();
  for (const f of fields) for (const name of f.fields) fieldMap.set(keyHash(name, 0, name.length), f);
  return {
    recognizers: compiled,
    literalRecognizers: compiled.filter((c) => c.r.literal !== undefined),
    fields: fieldMap,
    minConfidence,
    contextSlots,
    contextLists,
  };
}

/**
 * Records context words starting a word in `text[from, to)`: after a non-letter or at a camelCase hump,
 * so `card` counts in `card_number` and `billingCard`, `pan` not in `company`. A two-byte index picks the
 * few candidate words at each word start.
 */
function advanceContext(engine: Engine, ctx: ContextState, text: string, from: number, to: number): void {
  let prev = from === 0 ? 0 : (LETTER[text.charCodeAt(from - 1) & 0xff] ?? 0);
  for (let k = from; k < to; k++) {
    const cls = LETTER[text.charCodeAt(k) & 0xff] ?? 0;
    const p = prev;
    prev = cls;
    // a word starts after a non-letter, or at an upper-case letter after a lower-case one (camelCase)
    if (cls === 0 || (p !== 0 && !(cls === 2 && p === 1))) continue;
    const slot = engine.contextSlots[(lower(text.charCodeAt(k)) << 8) | (lower(text.charCodeAt(k + 1)) & 0xff)] ?? 0;
    if (slot === 0) continue;
    for (const e of engine.contextLists[slot - 1] ?? []) {
      if (!startsWithIgnoreCase(text, k, e.word)) continue;
      for (const id of e.ids) ctx.lastSeen[id] = k;
    }
  }
  ctx.scanned = to;
}

/** 1 lower-case ASCII letter, 2 upper-case, 0 anything else. */
const LETTER = new Uint8Array(256);
for (let c = 97; c <= 122; c++) LETTER[c] = 1;
for (let c = 65; c <= 90; c++) LETTER[c] = 2;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function startsWithIgnoreCase(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(text.charCodeAt(at + i)) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * @internal Runs every recognizer whose gate passes on `text[ws, we)` and appends hits (offsets relative
 * to `text`), after dropping values strictly inside a longer, surer one.
 */
export function matchWindow(
  engine: Engine,
  ctx: ContextState,
  text: string,
  ws: number,
  we: number,
  f: WindowFeatures,
  out: Hit[],
  literalOnly = false,
): void {
  let win: string | undefined;
  let contextReady = false;
  const horizon = ws - CONTEXT_LOOKBACK;
  let local: Hit[] | undefined;
  for (const c of literalOnly ? engine.literalRecognizers : engine.recognizers) {
    if (c.minDigits > f.digits) break;
    const r = c.r;
    const gate = r.gate(f);
    if (gate === Gate.NO) continue;
    win ??= text.slice(ws, we);
    if (r.literal !== undefined && !win.includes(r.literal)) continue;
    const ungatedKept = c.ungatedConfidence >= engine.minConfidence;
    // Context words are looked up once per window, and only when a gate or a match needs them.
    if (!contextReady && (gate === Gate.CONTEXT || r.requiresContext)) {
      if (ctx.scanned < we) advanceContext(engine, ctx, text, Math.max(ctx.scanned, horizon, 0), we);
      contextReady = true;
    }
    let inContext = contextReady && (ctx.lastSeen[c.index] ?? -1e9) >= horizon;
    if (gate === Gate.CONTEXT && !inContext && !ungatedKept) continue;
    const re = c.re;
    re.lastIndex = 0;
    for (let m = re.exec(win); m !== null; m = re.exec(win)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!contextReady) {
        if (ctx.scanned < we) advanceContext(engine, ctx, text, Math.max(ctx.scanned, horizon, 0), we);
        contextReady = true;
        inContext = (ctx.lastSeen[c.index] ?? -1e9) >= horizon;
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
  if (local.length === 1) out.push(local[0] as Hit);
  else out.push(...dropContained(local));
}

const yes = (): boolean => true;
const no = (): boolean => false;

/** Drops a hit inside a strictly longer hit at least as confident, and same-type duplicates; same-span types stay. */
function dropContained(hits: Hit[]): Hit[] {
  return hits.filter(
    (h, i) =>
      !hits.some(
        (g, j) =>
          j !== i &&
          g.start <= h.start &&
          g.end >= h.end &&
          g.confidence >= h.confidence &&
          (g.end - g.start > h.end - h.start || (g.type === h.type && g.end - g.start === h.end - h.start && j < i)),
      ),
  );
}
