/**
 * FHIR resources (HL7 FHIR JSON, as AWS HealthLake and health APIs serve a Patient): a HumanName's `family` and
 * `given` (`"name": [{"family": "Lovelace", "given": ["Ada"]}]`) and an Address's `line`. The same keys name font
 * families, address families and log lines, so each counts only beside its companion in the same object: `family`
 * with `given` and the reverse, `line` with `postalCode` or `city`.
 */
import { skipSpace } from './byte-search.js';
import { jsonUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldNamed, hashFrom } from './field-table.js';
import { plainStringEnd } from './json-strings.js';
import { RECORD_BEFORE } from './record-names.js';
import type { FieldRecognizer } from './types.js';
import { latin1 } from './window-features.js';

const bytesOf = (text: string): Buffer => Buffer.from(text, 'latin1');
const hashOf = (text: string): number => hashFrom(bytesOf(text), 0, text.length);

/** The FHIR keys read here, with the field each value is read as and the keys one of which must stand beside it. */
const FHIR_KEYS = new Map(
  [
    { key: 'family', field: 'lastname', companions: ['"given"'] },
    { key: 'given', field: 'firstname', companions: ['"family"'] },
    { key: 'line', field: 'street', companions: ['"postalCode"', '"city"'] },
  ].map(({ key, field, companions }) => [hashOf(key), { field: bytesOf(field), companions: companions.map(bytesOf) }]),
);

/** @internal True when the JSON key hashed to `h` is one `fhirField` reads. */
export function isFhirKey(h: number): boolean {
  return FHIR_KEYS.has(h);
}

/**
 * @internal Reads the value of the FHIR key hashed to `h`, whose closing quote is at `k`: a string or an array of
 * strings, each reported at its own bytes as the field it is, when a companion key stands in the same object. The
 * object is looked for within `RECORD_BEFORE` bytes before the key and `after` bytes after it (what is in view).
 */
export function fhirField(engine: Engine, bytes: Buffer, k: number, h: number, after: number, out: Hit[]): void {
  const spec = FHIR_KEYS.get(h);
  const rec = spec && fieldNamed(engine.fields, spec.field, 0, spec.field.length);
  if (!spec || !rec) return;
  const hi = Math.min(bytes.length, k + after);
  const open = objectBound(bytes, k, Math.max(0, k - RECORD_BEFORE), -1);
  const close = objectBound(bytes, k, hi, 1);
  if (open < 0 || close < 0 || !spec.companions.some((c) => bytes.subarray(open, close).includes(c))) return;
  let v = skipSpace(bytes, k + 2);
  if (bytes[v] !== 91) {
    readString(engine, bytes, v, hi, rec, out);
    return;
  }
  for (v = skipSpace(bytes, v + 1); bytes[v] === 34; ) {
    const e = readString(engine, bytes, v, hi, rec, out);
    if (e < 0) return;
    v = skipSpace(bytes, e + 1);
    if (bytes[v] !== 44) return;
    v = skipSpace(bytes, v + 1);
  }
}

/** Reports the JSON string opening at `v` as `rec`'s; where it closes, or -1 when it is none within `hi`. */
function readString(engine: Engine, bytes: Buffer, v: number, hi: number, rec: FieldRecognizer, out: Hit[]): number {
  if (bytes[v] !== 34) return -1;
  const e = plainStringEnd(bytes, v + 1, hi);
  if (e >= 0) emit(rec, jsonUnescape(latin1(bytes, v + 1, e)), v + 1, e, engine, out);
  return e;
}

/**
 * The bracket of the object holding the key at `at`: looking back (`step` -1) its `{`, no further than `limit`;
 * looking on (`step` 1) its `}`, before `limit`. -1 when it is not in view.
 */
function objectBound(bytes: Uint8Array, at: number, limit: number, step: 1 | -1): number {
  let depth = 0;
  for (let i = at + step; step < 0 ? i >= limit : i < limit; i += step) {
    const c = bytes[i];
    const opens = c === 123 || c === 91;
    if (!opens && c !== 125 && c !== 93) continue;
    // a bracket opening (looking on) or closing (looking back) a nested value
    if (opens === step > 0) depth++;
    else if (depth === 0) return i;
    else depth--;
  }
  return -1;
}
