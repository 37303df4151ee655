/**
 * A bare `name` field read as a person's name when its record is a person's: a Stripe or Auth0 customer, a GitHub
 * user, a CRM contact or a log line (`{"email": "…", "name": "Jenny Rosen"}`, `user=ada@… name="Ada Lovelace"`).
 * `name` alone also names products, buckets and hosts, so it takes both a person's shape and a personal sibling.
 */
import { skipSpace } from './byte-search.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldFor, hashFrom } from './field-table.js';
import { personNamed } from './person-names.js';

/** Bytes before a `name` key searched for the rest of its record; the scanner keeps more than this before a key. */
export const RECORD_BEFORE = 384;

const hashOf = (name: string): number => hashFrom(Buffer.from(name, 'latin1'), 0, name.length);

/** @internal `hashFrom` of `name`, the key this module reads. */
export const NAME_KEY = hashOf('name');

/** Keys that make a record a person's besides the name and street fields: contact, birth, postal and payment details. */
const PERSONAL_KEYS = new Set(
  [
    'email',
    'emailaddress',
    'mail',
    'phone',
    'phonenumber',
    'mobile',
    'mobilenumber',
    'mobilephone',
    'telephone',
    'tel',
    'cellphone',
    'dob',
    'birthdate',
    'birthday',
    'dateofbirth',
    'postcode',
    'postalcode',
    'zip',
    'zipcode',
    'ssn',
    'cardnumber',
    'iban',
  ].map(hashOf),
);

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
  /** A block of `key: value` lines (YAML, a form-to-mail body): the lines around up to a blank one. */
  LINES: 4,
} as const;
/** @internal One of `RecordKind`. */
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

/**
 * @internal Reports `value` (at `[start, end)`, decoded) of a `name` field as a person's name when it has a person's
 * shape and its `record` holds a personal field. `open` is where the field starts (a JSON key's opening quote, an XML
 * element's `<`, a form key), `after` where the next field may start. The record is read within `RECORD_BEFORE` bytes
 * before the field and up to `hi` after it.
 */
export function recordName(
  engine: Engine,
  bytes: Uint8Array,
  value: string,
  start: number,
  end: number,
  open: number,
  after: number,
  hi: number,
  record: RecordKind,
  out: Hit[],
): void {
  const trimmed = value.trim();
  const rec = personNamed(engine, trimmed);
  if (!rec) return;
  const lo = Math.max(0, open - RECORD_BEFORE);
  const top = Math.min(hi, bytes.length);
  let personal: boolean;
  if (record === RecordKind.LINE) personal = personalLine(engine, bytes, lo, open, end, top);
  else if (record === RecordKind.XML) personal = personalXml(engine, bytes, lo, open, after, top);
  else if (record === RecordKind.LINES) personal = personalLines(engine, bytes, lo, open, after, top);
  else
    personal =
      personalBefore(engine, bytes, lo, open) ||
      personalAfter(engine, bytes, after, top, record === RecordKind.ESCAPED_JSON);
  if (personal) emit(rec, trimmed, start, end, engine, out);
}

/** True when `bytes[s, e)` is a key that makes a record a person's. */
function personalKey(engine: Engine, bytes: Uint8Array, s: number, e: number): boolean {
  return e > s && e - s <= 40 && isPersonalKey(engine, hashFrom(bytes, s, e));
}

/** @internal True when the key (a table's column) hashed to `h` makes a record a person's. */
export function isPersonalKey(engine: Engine, h: number): boolean {
  if (PERSONAL_KEYS.has(h)) return true;
  const type = fieldFor(engine.fields, h)?.type;
  return type === 'PERSON_NAME' || type === 'STREET_ADDRESS';
}

/** An `@` after a letter or digit and before a domain's first label and dot: an e-mail address among the values. */
function emailAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== 64 || ALNUM[bytes[at - 1] as number] !== 1) return false;
  let e = at + 1;
  while (e - at <= 64 && (ALNUM[bytes[e] as number] === 1 || bytes[e] === 45)) e++;
  return e > at + 1 && bytes[e] === 46 && ALNUM[bytes[e + 1] as number] === 1;
}

const ALNUM = new Uint8Array(256);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ALNUM[c] = ALNUM[c + 32] = 1;

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
      // an escaped key (`\"email\":`) ends before its backslash
      const end = bytes[q - 1] === 92 ? q - 1 : q;
      const s = bytes.lastIndexOf(34, end - 1);
      if (s >= lo && personalKey(engine, bytes, s + 1, end)) return true;
    }
  }
  return false;
}

/**
 * The JSON object's members after the value ending before `from`, up to the object's `}` or `hi`. In an `escaped`
 * object a string runs from `\"` to `\"`.
 */
function personalAfter(engine: Engine, bytes: Uint8Array, from: number, hi: number, escaped: boolean): boolean {
  const quote = escaped ? 1 : 0;
  let depth = 0;
  for (let i = from; i < hi; i++) {
    const c = bytes[i] as number;
    if (c === 34 && escaped) return false;
    if (escaped ? c === 92 && bytes[i + 1] === 34 : c === 34) {
      const s = i + 1 + quote;
      let e = s;
      while (e < hi && !(bytes[e] === 34 || (escaped && bytes[e] === 92 && bytes[e + 1] === 34)))
        e += bytes[e] === 92 ? 2 : 1;
      if (e >= hi) return false;
      if (depth === 0) {
        if (bytes[skipSpace(bytes, e + 1 + quote)] === 58) {
          if (personalKey(engine, bytes, s, e)) return true;
        } else for (let a = s + 1; a < e - 1; a++) if (emailAt(bytes, a)) return true;
      }
      i = e + quote;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) return false;
      depth--;
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
    if (c === 37 && bytes[i + 1] === 52 && bytes[i + 2] === 48 && ALNUM[bytes[i - 1] as number] === 1) return true;
    if (c !== 61) continue;
    let k = i;
    while (k > s && KEY_BYTE[bytes[k - 1] as number] === 1) k--;
    if (personalKey(engine, bytes, k, i)) return true;
  }
  return false;
}

const KEY_BYTE = Uint8Array.from(ALNUM);
KEY_BYTE[95] = KEY_BYTE[45] = KEY_BYTE[46] = 1;

/**
 * The XML element's other children around the `name` element (`open`: its `<`; `after`: past its closing tag), back
 * to the parent's opening tag and on to its closing tag: a child named personally, or an e-mail in a child's text.
 */
function personalXml(engine: Engine, bytes: Uint8Array, lo: number, open: number, after: number, hi: number): boolean {
  let depth = 0;
  for (let i = open - 1; i >= lo; i--) {
    if (depth <= 1 && emailAt(bytes, i)) return true;
    if (bytes[i] !== 62) continue;
    const lt = bytes.lastIndexOf(60, i);
    if (lt < lo) break;
    const tag = tagAt(bytes, lt, i);
    i = lt;
    if (tag === CLOSING) {
      if (depth === 0 && personalKey(engine, bytes, tagName, tagNameEnd)) return true;
      depth++;
    } else if (tag === OPENING) {
      if (depth === 0) break;
      depth--;
    }
  }
  depth = 0;
  for (let i = after; i < hi; i++) {
    if (depth <= 1 && emailAt(bytes, i)) return true;
    if (bytes[i] !== 60) continue;
    const gt = bytes.indexOf(62, i);
    if (gt < 0 || gt >= hi) return false;
    const tag = tagAt(bytes, i, gt);
    i = gt;
    if (tag === CLOSING) {
      if (depth === 0) return false;
      depth--;
    } else if (tag !== OTHER && depth === 0 && personalKey(engine, bytes, tagName, tagNameEnd)) return true;
    else if (tag === OPENING) depth++;
  }
  return false;
}

const OPENING = 0;
const CLOSING = 1;
const SELF_CLOSING = 2;
/** A declaration, comment or processing instruction (`<?xml …?>`, `<!-- … -->`). */
const OTHER = 3;
/** The local name (after any `ns:` prefix) of the tag last read by `tagAt`. */
let tagName = 0;
let tagNameEnd = 0;

/** The kind of the tag `bytes[lt…gt]`; its local name is left in `tagName`/`tagNameEnd`. */
function tagAt(bytes: Uint8Array, lt: number, gt: number): number {
  const first = bytes[lt + 1];
  if (first === 63 || first === 33) return OTHER;
  let s = first === 47 ? lt + 2 : lt + 1;
  let e = s;
  while (e < gt && (KEY_BYTE[bytes[e] as number] === 1 || bytes[e] === 58)) if (bytes[e++] === 58) s = e;
  tagName = s;
  tagNameEnd = e;
  if (first === 47) return CLOSING;
  return bytes[gt - 1] === 47 ? SELF_CLOSING : OPENING;
}

/**
 * The `key: value` lines of the record holding the line whose key is at `open` (the line ends at `after`): the lines
 * around it whose keys stand in the same column, back to a list item's `- ` and on to the next, up to a line that is
 * no `key:` line (a blank one), one less indented, or the reach. One of their keys is personal, or one of them holds an e-mail.
 */
function personalLines(
  engine: Engine,
  bytes: Uint8Array,
  lo: number,
  open: number,
  after: number,
  hi: number,
): boolean {
  let s = open;
  while (s > lo && bytes[s - 1] !== 10) s--;
  readLine(bytes, s, after);
  const column = lineColumn;
  let item = lineItem;
  for (let le = s - 1; !item && le > lo; ) {
    let ls = le;
    while (ls > lo && bytes[ls - 1] !== 10) ls--;
    if (!readLine(bytes, ls, le) || lineColumn < column) break;
    if (lineColumn === column && personalKeyLine(engine, bytes, le)) return true;
    item = lineItem;
    le = ls - 1;
  }
  for (let ls = after + 1; ls < hi; ) {
    let le = ls;
    while (le < hi && bytes[le] !== 10) le++;
    if (le === hi || !readLine(bytes, ls, le) || lineColumn < column || lineItem) break;
    if (lineColumn === column && personalKeyLine(engine, bytes, le)) return true;
    ls = le + 1;
  }
  return false;
}

/** The column of the key of the line last read by `readLine`, and whether it starts a list item (`- key: …`). */
let lineColumn = 0;
let lineItem = false;
let lineKey = 0;
let lineKeyEnd = 0;

/** Reads the line `bytes[s, e)` as `[indentation][- ]key: value` into the variables above; false for no such line. */
function readLine(bytes: Uint8Array, s: number, e: number): boolean {
  let k = s;
  while (k < e && (bytes[k] === 32 || bytes[k] === 9)) k++;
  lineItem = bytes[k] === 45 && bytes[k + 1] === 32;
  if (lineItem) while (k < e && (bytes[k] === 32 || bytes[k] === 9 || bytes[k] === 45)) k++;
  lineColumn = k - s;
  lineKey = k;
  while (k < e && KEY_BYTE[bytes[k] as number] === 1) k++;
  lineKeyEnd = k;
  return k > lineKey && bytes[k] === 58;
}

/** The line ending at `e`, just read by `readLine`: its key is personal, or its value holds an e-mail. */
function personalKeyLine(engine: Engine, bytes: Uint8Array, e: number): boolean {
  if (personalKey(engine, bytes, lineKey, lineKeyEnd)) return true;
  for (let a = lineKeyEnd; a < e; a++) if (emailAt(bytes, a)) return true;
  return false;
}
