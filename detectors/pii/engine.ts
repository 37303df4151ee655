import type { FieldRecognizer, PiiType, Recognizer } from './types.js';

/**
 * @internal A finding inside the detector, before fingerprinting. `normalized` never leaves the package:
 * the scanner turns it into a keyed fingerprint and drops it.
 */
export interface Hit {
  type: PiiType;
  fineType: string;
  start: number;
  end: number;
  validated: boolean;
  confidence: number;
  normalized: string;
}

/** @internal Recognizers compiled once per scanner: global regexes and the confidence floor. */
export interface Engine {
  recognizers: readonly { r: Recognizer; re: RegExp; ungatedConfidence: number }[];
  literalRecognizers: readonly { r: Recognizer; re: RegExp; ungatedConfidence: number }[];
  fields: ReadonlyMap<string, FieldRecognizer>;
  minConfidence: number;
}

/** Confidence factor for a value whose recognizer requires context and found none (0.9 → 0.36). */
export const UNGATED_FACTOR = 0.4;
/** How far before a value context words are looked for, in bytes (covers `"card_number": "`). */
export const CONTEXT_LOOKBACK = 40;

/** @internal Compiles recognizers for one scanner. */
export function compileEngine(
  recognizers: readonly Recognizer[],
  fields: readonly FieldRecognizer[],
  minConfidence: number,
): Engine {
  const compiled = recognizers.map((r) => ({
    r,
    re: new RegExp(r.pattern.source, `${r.pattern.flags.replace(/[gy]/g, '')}g`),
    ungatedConfidence: r.confidence * UNGATED_FACTOR,
  }));
  const fieldMap = new Map<string, FieldRecognizer>();
  for (const f of fields) for (const name of f.fields) fieldMap.set(name, f);
  return {
    recognizers: compiled,
    literalRecognizers: compiled.filter((c) => c.r.literal !== undefined),
    fields: fieldMap,
    minConfidence,
  };
}

function contextNear(text: string, pos: number, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const before = text.slice(Math.max(0, pos - CONTEXT_LOOKBACK), pos).toLowerCase();
  for (const w of words) if (before.includes(w)) return true;
  return false;
}

/**
 * @internal Runs every recognizer whose gates pass (digit count, literal) on `text[ws, we)` and appends
 * hits (offsets relative to `text`) after dropping values strictly inside a longer, surer one.
 */
export function matchWindow(
  engine: Engine,
  text: string,
  ws: number,
  we: number,
  digits: number,
  out: Hit[],
  literalOnly = false,
): void {
  const win = text.slice(ws, we);
  const local: Hit[] = [];
  for (const c of literalOnly ? engine.literalRecognizers : engine.recognizers) {
    const r = c.r;
    if (digits < r.minDigits || (r.literal !== undefined && !win.includes(r.literal))) continue;
    const re = c.re;
    re.lastIndex = 0;
    for (let m = re.exec(win); m !== null; m = re.exec(win)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const at = ws + m.index;
      let context: boolean | undefined;
      const hasContext = (): boolean => {
        if (context === undefined) context = contextNear(text, at, r.context);
        return context;
      };
      const contextOk = (): boolean => c.ungatedConfidence >= engine.minConfidence || hasContext();
      const verdict = r.validate ? r.validate(m, contextOk) : {};
      if (verdict === false) continue;
      const needsContext = verdict.requiresContext ?? r.requiresContext;
      const inContext = hasContext();
      const confidence = inContext
        ? Math.min(1, r.confidence + 0.05)
        : needsContext
          ? c.ungatedConfidence
          : r.confidence;
      if (confidence < engine.minConfidence) continue;
      const length = verdict.trimTo ?? m[0].length;
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
  if (local.length === 1) out.push(local[0] as Hit);
  else if (local.length > 1) out.push(...dropContained(local));
}

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
          (g.end - g.start > h.end - h.start ||
            (g.end - g.start === h.end - h.start && (g.confidence > h.confidence || (g.type === h.type && j < i)))),
      ),
  );
}
