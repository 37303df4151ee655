/**
 * A bare `name` field read as a person's name when its record is a person's: a Stripe or Auth0 customer, a GitHub
 * user, a CRM contact or a log line (`{"email": "…", "name": "Jenny Rosen"}`, `user=ada@… name="Ada Lovelace"`).
 * `name` alone also names products, buckets and hosts, so it takes both a person's shape and a personal sibling.
 */
import { skipSpace } from './byte-search.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { bracketKeyBefore, KEY } from './field-keys.js';
import { hashFrom } from './field-table.js';
import { backslashesBefore, escapedStringEnd, plainStringEnd, quoteDepth } from './json-strings.js';
import { personNamed } from './person-names.js';
import { emailAt, KEY_BYTE, personalKey } from './personal-keys.js';
import { personalLines, personalXml } from './record-blocks.js';
import type { FieldRecognizer } from './types.js';

/** Bytes before a `name` key searched for the rest of its record; the scanner keeps more than this before a key. */
export const RECORD_BEFORE = 384;

/** @internal `hashFrom` of `name`, the key this module reads. */
export const NAME_KEY = hashFrom(Buffer.from('name', 'latin1'), 0, 4);

/** `hashFrom` of LDAP's `cn` (common name): a person's full name in a directory's entry, a group's or a host's elsewhere. */
const CN_KEY = hashFrom(Buffer.from('cn', 'latin1'), 0, 2);

/** @internal True for a key this module reads: `name`, and LDAP's `cn` (an entry exported as LDIF or CSV). */
export function isBareNameKey(h: number): boolean {
  return h === NAME_KEY || h === CN_KEY;
}

/** @internal What holds a `name` field, and so where its record's other fields are. */
export const RecordKind = {
  /** A JSON object. */
  JSON: 0,
  /** A JSON object held in a JSON string, its quotes escaped. */
  ESCAPED_JSON: 1,
  /** A form, query or log line. */
  LINE: 2,
  /** An XML element's children. */
  XML: 3,
  /** A block of `key: value` lines (YAML, a form mailed as text): the lines whose keys stand in its column. */
  LINES: 4,
} as const;
/** @internal One of `RecordKind`. */
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

/**
 * @internal Reports a field's value (at `[start, end)`, decoded): as `rec`'s when a field names it; without one (a bare
 * `name`), as a person's name when it has a person's shape and its `record` holds a personal field. `open` is where the
 * field starts (a JSON key's opening quote, an XML element's `<`, a form key), `after` where the next field may start;
 * the record is read within `RECORD_BEFORE` bytes before the field and up to `hi` after it.
 */
export function reportValue(
  engine: Engine,
  bytes: Uint8Array,
  rec: FieldRecognizer | undefined,
  value: string,
  start: number,
  end: number,
  open: number,
  after: number,
  hi: number,
  record: RecordKind,
  out: Hit[],
): void {
  if (rec) {
    emit(rec, value, start, end, engine, out);
    return;
  }
  const trimmed = value.trim();
  const bare = personNamed(engine, trimmed);
  if (!bare) return;
  const lo = Math.max(0, open - RECORD_BEFORE);
  const top = Math.min(hi, bytes.length);
  let personal: boolean;
  if (record === RecordKind.LINE) personal = personalLine(engine, bytes, lo, open, end, top);
  else if (record === RecordKind.XML) personal = personalXml(engine, bytes, lo, open, after, top);
  else if (record === RecordKind.LINES) personal = personalLines(engine, bytes, lo, open, after, top);
  else
    personal =
      personalBefore(engine, bytes, lo, open) ||
      personalAfter(engine, bytes, open, after, top, record === RecordKind.ESCAPED_JSON);
  if (personal) emit(bare, trimmed, start, end, engine, out);
}

/** The JSON object's members before the key at `open`, back to the object's `{`: a personal key or an e-mail. */
function personalBefore(engine: Engine, bytes: Uint8Array, lo: number, open: number): boolean {
  let depth = 0;
  for (let i = open - 1; i >= lo; i--) {
    const c = bytes[i] as number;
    if (c === 125 || c === 93) depth++;
    else if (c === 123 || c === 91) {
      if (depth === 0) return false;
      depth--;
    } else if (depth > 0) continue;
    else if (emailAt(bytes, i)) return true;
    else if (c === 58) {
      let q = i - 1;
      while (q > lo && (bytes[q] === 32 || bytes[q] === 9 || bytes[q] === 10 || bytes[q] === 13)) q--;
      if (bytes[q] !== 34) continue;
      // an escaped key (`\"email\":`) ends before its backslashes
      const end = q - backslashesBefore(bytes, q, lo);
      const s = bytes.lastIndexOf(34, end - 1);
      if (s >= lo && personalKey(engine, bytes, s + 1, end)) return true;
    }
  }
  return false;
}

/**
 * The JSON object's members after the value ending before `from`, up to the object's `}` or `hi`. In an `escaped`
 * object its strings' quotes have as many backslashes before them as its key's opening quote at `open`.
 */
function personalAfter(
  engine: Engine,
  bytes: Uint8Array,
  open: number,
  from: number,
  hi: number,
  escaped: boolean,
): boolean {
  let slashes = 0;
  if (escaped) while (bytes[open + slashes] === 92) slashes++;
  const depth = quoteDepth(slashes);
  let depthOfObjects = 0;
  for (let i = from; i < hi; i++) {
    const c = bytes[i] as number;
    let s = -1;
    if (c === 34) {
      if (slashes > 0) return false;
      s = i + 1;
    } else if (c === 92 && slashes > 0) {
      let q = i;
      while (q < hi && bytes[q] === 92) q++;
      if (bytes[q] === 34 && quoteDepth(q - i) < depth) return false;
      if (bytes[q] === 34 && q - i === slashes) s = q + 1;
      else {
        i = q;
        continue;
      }
    }
    if (s >= 0) {
      const e = slashes > 0 ? escapedStringEnd(bytes, s, hi, slashes) : plainStringEnd(bytes, s, hi);
      if (e < 0) return false;
      if (depthOfObjects === 0) {
        if (bytes[skipSpace(bytes, e + 1 + slashes)] === 58) {
          if (personalKey(engine, bytes, s, e)) return true;
        } else for (let a = s + 1; a < e - 1; a++) if (emailAt(bytes, a)) return true;
      }
      i = e + slashes;
    } else if (c === 123 || c === 91) depthOfObjects++;
    else if (c === 125 || c === 93) {
      if (depthOfObjects === 0) return false;
      depthOfObjects--;
    }
  }
  return false;
}

/** The form, query or log line around the value: another `key=` that is personal, or an e-mail (`%40` too). */
function personalLine(engine: Engine, bytes: Uint8Array, lo: number, open: number, end: number, hi: number): boolean {
  let s = open;
  while (s > lo && bytes[s - 1] !== 10) s--;
  let e = end;
  while (e < hi && bytes[e] !== 10) e++;
  for (let i = s; i < e; i++) {
    const c = bytes[i] as number;
    if (emailAt(bytes, i)) return true;
    if (c !== 61) continue;
    if (bracketKeyBefore(bytes, i)) {
      if (personalKey(engine, bytes, KEY.nameStart, KEY.end)) return true;
      continue;
    }
    let k = i;
    while (k > s && KEY_BYTE[bytes[k - 1] as number] === 1) k--;
    if (personalKey(engine, bytes, k, i)) return true;
  }
  return false;
}
