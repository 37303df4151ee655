import { jsonUnescape, percentDecode } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { latin1 } from './window-features.js';

/** Longest field value looked at, in bytes; also how much tail is left for the next chunk. */
export const FIELD_VALUE_MAX = 256;
const FIELD_TAIL = FIELD_VALUE_MAX + 48;
const KEY_MAX = 40;

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

/** Field name as looked up: last dotted segment, `_`, `-`, `.` and spaces removed, lower-case. */
export function normalizeKey(key: string): string {
  const dot = key.lastIndexOf('.');
  return (dot >= 0 ? key.slice(dot + 1) : key).replace(/[_\-. ]/g, '').toLowerCase();
}

/** FNV-1a of the normalized key computed in place: most keys are rejected without building a string. */
export function keyHash(bytes: Uint8Array, s: number, e: number): number {
  let start = s;
  for (let k = e - 1; k >= s; k--)
    if (bytes[k] === 46) {
      start = k + 1;
      break;
    }
  let h = 0x811c9dc5;
  for (let k = start; k < e; k++) {
    let c = bytes[k] as number;
    if (c === 95 || c === 45 || c === 32) continue;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 16777619);
  }
  return h >>> 0;
}

/**
 * @internal Where key processing stops in `bytes` of length `n` when resumed at `from`: keys near the end
 * wait for the next chunk so their values are never cut.
 */
export function fieldLimit(n: number, from: number, final: boolean): number {
  return final ? n : Math.max(from, n - FIELD_TAIL);
}

/**
 * @internal Checks the key ending at `k`: a JSON key (`"first_name": "…"`, `k` at the closing quote) or a
 * form/query field (`first_name=…`, `k` at the `=`) named like personal data, and its value. The window
 * scan calls it for each `=` and each `":` it passes: neither is ever inside a window.
 */
export function fieldAt(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  // most keys end in a byte no field name ends in (`order_id`, `created_at`): no key scan, no hash
  if (engine.fieldLast[bytes[k - 1] ?? 0] === 0) return;
  const c = bytes[k];
  if (c === 34) {
    if (bytes[k + 1] === 58) jsonField(engine, bytes, k, out);
  } else if (c === 61) formField(engine, bytes, k, out);
}

/** Start of the key ending at `end`, or -1 when there is none (no allocation: called for every key). */
function keyBefore(bytes: Uint8Array, end: number): number {
  let s = end;
  while (s > 0 && end - s < KEY_MAX && isKeyChar(bytes[s - 1] as number)) s--;
  return s < end ? s : -1;
}

function jsonField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const key = keyBefore(bytes, k);
  if (key < 0 || bytes[key - 1] !== 34) return;
  const rec = engine.fields.get(keyHash(bytes, key, k));
  if (!rec) return;
  let v = k + 2;
  while (bytes[v] === 32) v++;
  if (bytes[v] !== 34) return;
  let e = v + 1;
  while (e < bytes.length && e - v <= FIELD_VALUE_MAX && bytes[e] !== 34) e += bytes[e] === 92 ? 2 : 1;
  if (bytes[e] !== 34) return;
  emit(rec, jsonUnescape(latin1(bytes, v + 1, e)), v + 1, e, engine, out);
}

function formField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const key = keyBefore(bytes, k);
  if (key < 0) return;
  const before = key === 0 ? 38 : (bytes[key - 1] as number);
  // `&`, `?`, whitespace, `;`, `,` or start of input: a form, query or log key, not the middle of a word
  if (
    before !== 38 &&
    before !== 63 &&
    before !== 32 &&
    before !== 10 &&
    before !== 59 &&
    before !== 44 &&
    before !== 9
  )
    return;
  const rec = engine.fields.get(keyHash(bytes, key, k));
  if (!rec) return;
  let e = k + 1;
  while (e < bytes.length && e - k <= FIELD_VALUE_MAX) {
    const c = bytes[e] as number;
    if (c === 38 || c === 10 || c === 13 || c === 34 || c === 59 || c === 9 || c === 60) break;
    e++;
  }
  emit(rec, percentDecode(latin1(bytes, k + 1, e).replace(/\+/g, ' ')), k + 1, e, engine, out);
}

function emit(
  rec: import('./types.js').FieldRecognizer,
  value: string,
  start: number,
  end: number,
  engine: Engine,
  out: Hit[],
): void {
  const trimmed = value.trim();
  if (!rec.value.test(trimmed) || rec.confidence < engine.minConfidence) return;
  out.push({
    type: rec.type,
    fineType: rec.fineType,
    start,
    end,
    validated: false,
    confidence: rec.confidence,
    normalized: trimmed.replace(/\s+/g, ' ').toLowerCase(),
  });
}
