/**
 * Birth dates split into day, month and year, as payment and identity APIs take them: Stripe's
 * `individual[dob][day]=10&individual[dob][month]=12&individual[dob][year]=1985` (a form post) and
 * `"dob": {"day": 10, "month": 12, "year": 1985}` (JSON). No part is a date on its own; together they are one.
 */
import { isDate } from './checksums.js';
import type { Engine, Hit } from './engine.js';
import { BIRTH_KEY_NAMES, hashFrom } from './field-table.js';
import { latin1 } from './window-features.js';

const hashOf = (name: string): number => hashFrom(Buffer.from(name, 'latin1'), 0, name.length);

/** Keys whose value may be a birth date split into parts (`hashFrom` of each). */
const BIRTH_KEYS = new Set(BIRTH_KEY_NAMES.map(hashOf));
/** @internal `hashFrom` of `year`: the part a form's split date is read at. */
export const YEAR_KEY = hashOf('year');

/** @internal True when the key hashed to `h` names a birth date. */
export function isBirthKey(h: number): boolean {
  return BIRTH_KEYS.has(h);
}

/** What stands between a birth key and its date's object in Google's People API: `[{"date": {`. */
const DATE_WRAPPER = /^\[\s*\{\s*"date"\s*:\s*\{/;

/** A split date's parts, quoted or not: `"day": 10`, `"month":"12"`. */
const JSON_PART = /"(day|month|year)"\s*:\s*"?(\d{1,4})"?\s*[,}]/g;

/**
 * @internal Reads `"dob": {"day": 10, "month": 12, "year": 1985}`, `at` where the value starts: an object of the three
 * parts only (no object inside it), closed by `hi`, is reported as one birth date at its bytes.
 */
export function splitDateObject(engine: Engine, bytes: Buffer, at: number, hi: number, out: Hit[]): void {
  // Google's People API wraps it: `"birthdays": [{"date": {"year": 1985, …}}]`
  const wrapped = DATE_WRAPPER.exec(latin1(bytes, at, Math.min(at + 32, bytes.length)));
  const v = wrapped ? at + wrapped[0].length - 1 : at;
  if (bytes[v] !== 123) return;
  const close = bytes.indexOf(125, v);
  if (close < 0 || close >= hi) return;
  const text = latin1(bytes, v, close + 1);
  if (text.indexOf('{', 1) >= 0) return;
  const parts: Record<string, number> = {};
  for (const m of text.matchAll(JSON_PART)) parts[m[1] as string] = Number(m[2]);
  report(engine, parts, v, close + 1, out);
}

/**
 * @internal Reads a form's split date at its year, `bytes[keyStart, yearAt)` the key before `year`
 * (`individual[dob][`): the day and month under the same key on the same line, between `lo` and `hi`, make it a date,
 * reported at the year's value `[s, e)`.
 */
export function splitDateForm(
  engine: Engine,
  bytes: Buffer,
  keyStart: number,
  yearAt: number,
  s: number,
  e: number,
  lo: number,
  hi: number,
  out: Hit[],
): void {
  const prefix = latin1(bytes, keyStart, yearAt);
  const parent = /(?:^|\[|%5B)([^[\]%]+)(?:\]|%5D)?(?:\[|%5B)$/i.exec(prefix)?.[1];
  if (parent === undefined || !isBirthKey(hashOf(parent))) return;
  let from = bytes.lastIndexOf(10, keyStart) + 1;
  if (from < lo) from = lo;
  let to = bytes.indexOf(10, e);
  if (to < 0 || to > hi) to = Math.min(hi, bytes.length);
  const line = latin1(bytes, from, to);
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts: Record<string, number> = { year: Number(latin1(bytes, s, e)) };
  for (const part of ['day', 'month']) {
    const m = new RegExp(`(?:^|[&?;\\s])${escaped}${part}(?:\\]|%5D)=(\\d{1,2})(?![\\d])`, 'i').exec(line);
    if (m) parts[part] = Number(m[1]);
  }
  report(engine, parts, s, e, out);
}

/** Reports the date `parts` make, at `[start, end)`, as the date-of-birth recognizer would (in context). */
function report(engine: Engine, parts: Record<string, number>, start: number, end: number, out: Hit[]): void {
  const { year, month, day } = parts;
  if (year === undefined || month === undefined || day === undefined) return;
  if (year < 1900 || year > 2099 || !isDate(year, month, day)) return;
  const dob = engine.recognizers.find((c) => c.r.type === 'DATE_OF_BIRTH')?.r;
  if (!dob) return;
  const confidence = Math.min(1, dob.confidence + 0.05);
  if (confidence < engine.minConfidence) return;
  const pad = (n: number): string => String(n).padStart(2, '0');
  out.push({
    type: 'DATE_OF_BIRTH',
    fineType: dob.fineType,
    start,
    end,
    validated: true,
    confidence: Math.round(confidence * 100) / 100,
    normalized: `${year}-${pad(month)}-${pad(day)}`,
  });
}
