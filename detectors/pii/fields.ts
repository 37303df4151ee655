import { skipSpace, startsAt } from './byte-search.js';
import { jsonUnescape, xmlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { fhirField, isFhirKey } from './fhir-fields.js';
import { emit } from './field-emit.js';
import { KEY, KEY_CHAR, keyField, keyHashBefore } from './field-keys.js';
import { fieldNamed, hashFrom, KEY_MAX } from './field-table.js';
import { formField } from './form-fields.js';
import { inlineField } from './inline-fields.js';
import { backslashesBefore, escapedStringEnd, quoteDepth, quotedEnd, slashesAt } from './json-strings.js';
import { arrowField, goField, pythonField } from './literal-fields.js';
import { bareNameRecognizer, mayBeName } from './person-names.js';
import { partyNameAt } from './record-blocks.js';
import { isBareNameKey, RecordKind, reportValue } from './record-names.js';
import { isBirthKey, splitDateObject } from './split-dates.js';
import type { FieldRecognizer } from './types.js';
import { latin1 } from './window-features.js';
import { TOK } from './window-joins.js';

/** `hashFrom` of ISO 20022's `Nm`. */
const NM_KEY = hashFrom(Buffer.from('nm', 'latin1'), 0, 2);

/** Longest field value looked at, in bytes; also how much tail is left for the next chunk. */
export const FIELD_VALUE_MAX = 256;
/** @internal Bytes after a key that must be in view before it is read: its value, and the JSON around one (see `WRAPPER_MAX`). */
export const FIELD_TAIL = FIELD_VALUE_MAX + 112;
/** Indentation read before a `key: value` line's key, in bytes. */
const INDENT_MAX = 16;

/**
 * @internal Where key processing stops in `bytes` of length `n` when resumed at `from`: keys near the end
 * wait for the next chunk so their values are never cut.
 */
export function fieldLimit(n: number, from: number, final: boolean): number {
  return final ? n : Math.max(from, n - FIELD_TAIL);
}

/**
 * @internal Checks the key ending at `k`: a JSON key (`"first_name": "…"`, `k` at the closing quote), a form or
 * query field, log field or attribute (`first_name=…`, `k` at the `=`), a `first_name = …` line, an XML element
 * (`<first_name>…`, `k` at the `>`), a `first_name: …` line (`k` at the `:`) or a record a language printed into a log
 * (literal-fields.ts) named like personal data, and its value. The window scan calls it for each `=`, `>`, `":` and
 * `: ` it passes whose key `mayBeField`.
 */
export function fieldAt(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const c = bytes[k];
  if (c === 34) {
    if (bytes[k + 1] === 58) jsonField(engine, bytes, k, out);
  } else if (c === 61) {
    if (bytes[k + 1] === 62) arrowField(engine, bytes, k, out);
    else if (bytes[k - 1] === 32 || bytes[k - 1] === 9) assignmentField(engine, bytes, k, out);
    else formField(engine, bytes, k, out);
  } else if (c === 62) xmlField(engine, bytes, k, out);
  else if (c === 58) {
    // TOK: 1 a digit, 2 a letter (`FirstName:Ada`, Go's)
    const next = TOK[bytes[k + 1] as number];
    if (bytes[k - 1] === 39) pythonField(engine, bytes, k, out);
    else if (next === 1 || next === 2) goField(engine, bytes, k, out);
    else lineField(engine, bytes, k, out);
  }
}

function jsonField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  // JSON sent inside a JSON string (`"Message": "{\"first_name\":\"Ada\"}"`, as SNS, SQS, API Gateway and JSON logs
  // wrap a body) has its quotes escaped, once per string holding it: `slashes` backslashes before each
  const slashes = backslashesBefore(bytes, k);
  const depth = quoteDepth(slashes);
  if (slashes !== slashesAt(depth)) return;
  const h = keyHashBefore(bytes, k - slashes);
  if (h === undefined) return;
  // a `$` before the name marks a reserved property (Mixpanel's `$first_name`, `$email`)
  const quote = bytes[KEY.start - 1] === 36 ? KEY.start - 2 : KEY.start - 1;
  if (bytes[quote] !== 34 || backslashesBefore(bytes, quote) !== slashes) return;
  const open = quote - slashes;
  const rec = keyField(engine.fields, h, bytes);
  if (!rec) {
    if (NAMING_KEYS.has(h)) namedPair(engine, bytes, k, out);
    else if (isFhirKey(h)) fhirField(engine, bytes, k, h, FIELD_TAIL, out);
    else if (isBirthKey(h) && slashes === 0)
      splitDateObject(engine, bytes, skipSpace(bytes, k + 2), k + FIELD_TAIL, out);
    if (!isBareNameKey(h)) return;
  }
  let v = k + 2;
  while (bytes[v] === 32) v++;
  // a list of values (`"em": ["…", "…"]`, as conversions APIs take a person's hashed e-mail addresses): each is read
  if (bytes[v] === 91 && rec) {
    listField(engine, bytes, rec, v, k + FIELD_TAIL, out);
    return;
  }
  // a typed string (`"first_name": {"S": "Ada"}`), as DynamoDB's API responses, stream records and table exports write
  // an item's attributes (the AWS CLI prints it over several lines), and Firestore's REST API a document's fields
  const wrapped = bytes[v] === 123 && slashes === 0;
  if (wrapped) v = dynamoString(bytes, v, k);
  for (let s = 0; s < slashes; s++, v++) if (bytes[v] !== 92) return;
  if (bytes[v] !== 34) return;
  const e =
    slashes > 0
      ? escapedStringEnd(bytes, v + 1, v + FIELD_VALUE_MAX + 1, slashes)
      : quotedEnd(bytes, v + 1, 34, v + FIELD_VALUE_MAX);
  if (slashes > 0 ? e < 0 : bytes[e] !== 34) return;
  if (!rec && !mayBeName(bytes, v + 1, e)) return;
  let value = latin1(bytes, v + 1, e);
  for (let d = 0; d <= depth; d++) value = jsonUnescape(value);
  // the next member starts past a typed string's wrapper (`{"S": "Ada Lovelace"}`)
  const close = skipSpace(bytes, e + 1);
  const after = wrapped && bytes[close] === 125 ? close + 1 : e + 1 + slashes;
  const kind = slashes > 0 ? RecordKind.ESCAPED_JSON : RecordKind.JSON;
  reportValue(engine, bytes, rec, value, v + 1, e, open, after, k + FIELD_TAIL, kind, out);
}

/** The strings of the JSON list at `at` (`["…", "…"]`) as `rec`'s values, each ending by `limit`. */
function listField(engine: Engine, bytes: Buffer, rec: FieldRecognizer, at: number, limit: number, out: Hit[]): void {
  let p = skipSpace(bytes, at + 1);
  while (bytes[p] === 34) {
    const e = quotedEnd(bytes, p + 1, 34, Math.min(p + FIELD_VALUE_MAX, limit));
    if (bytes[e] !== 34) return;
    emit(rec, jsonUnescape(latin1(bytes, p + 1, e)), p + 1, e, engine, out);
    p = skipSpace(bytes, e + 1);
    if (bytes[p] !== 44) return;
    p = skipSpace(bytes, p + 1);
  }
}

/**
 * Keys whose value names the field a `Value` beside them holds (Cognito's user attributes, tags, parameters, LinkedIn's
 * `{"idType": "SHA256_EMAIL", "idValue": …}`).
 */
const NAMING_KEYS = new Set(
  ['name', 'key', 'parameterkey', 'idtype'].map((k) => hashFrom(Buffer.from(k), 0, k.length)),
);
/** The keys of the value a `Name` or `Key` names. */
const VALUE_KEYS = new Set(['value', 'parametervalue', 'idvalue'].map((k) => hashFrom(Buffer.from(k), 0, k.length)));

/**
 * `{"Name": "given_name", "Value": "Ada"}`, the JSON key at `k` naming the field: as Cognito lists a user's attributes,
 * tags and parameters name theirs, and OpenTelemetry a span's attributes (a dotted name, its value typed). The value
 * right after it in the same object is read as that field's, within the bytes a field value is read in.
 */
function namedPair(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const n = skipSpace(bytes, k + 2);
  if (bytes[n] !== 34) return;
  const ne = quotedEnd(bytes, n + 1, 34, n + FIELD_VALUE_MAX);
  if (bytes[ne] !== 34 || ne - n > KEY_MAX) return;
  const rec = fieldNamed(engine.fields, bytes, n + 1, ne);
  if (!rec) return;
  const comma = skipSpace(bytes, ne + 1);
  const key = skipSpace(bytes, comma + 1);
  if (bytes[comma] !== 44 || bytes[key] !== 34) return;
  const ke = quotedEnd(bytes, key + 1, 34, key + FIELD_VALUE_MAX);
  if (bytes[ke] !== 34 || !VALUE_KEYS.has(hashFrom(bytes, key + 1, ke))) return;
  const colon = skipSpace(bytes, ke + 1);
  let v = skipSpace(bytes, colon + 1);
  // a typed value, as OpenTelemetry's OTLP writes an attribute (`{"key": "user.email", "value": {"stringValue": …}}`)
  if (bytes[v] === 123) v = dynamoString(bytes, v, k);
  if (bytes[colon] !== 58 || bytes[v] !== 34 || v - k > WRAPPER_MAX) return;
  const e = quotedEnd(bytes, v + 1, 34, v + FIELD_VALUE_MAX);
  if (bytes[e] === 34) emit(rec, jsonUnescape(latin1(bytes, v + 1, e)), v + 1, e, engine, out);
}

/**
 * Where the value of the typed string at `at` starts (its opening quote), or -1: DynamoDB's `{"S": "…"}`, or Firestore's
 * and Datastore's `{"stringValue": "…"}`; at most `WRAPPER_MAX` bytes after `k`.
 */
function dynamoString(bytes: Uint8Array, at: number, k: number): number {
  let v = skipSpace(bytes, at + 1);
  const type = STRING_TYPES.find((t) => startsAt(bytes, v, t));
  if (!type) return -1;
  v = skipSpace(bytes, v + type.length);
  if (bytes[v] !== 58) return -1;
  v = skipSpace(bytes, v + 1);
  return v - k <= WRAPPER_MAX ? v : -1;
}

/** The keys of a string attribute in typed JSON, quoted. */
const STRING_TYPES = ['"S"', '"stringValue"'].map((t) => Buffer.from(t, 'latin1'));

/**
 * Bytes between a key and the opening quote of a value wrapped in more JSON (a DynamoDB `{"S": …}`, a `Value` beside
 * a `Name`), indented as the AWS CLI prints it: the value is then read within FIELD_TAIL of the key.
 */
const WRAPPER_MAX = FIELD_TAIL - FIELD_VALUE_MAX - 8;

/**
 * `givenName: Ada` or `  street: 12 High St`: a key at the start of a line (indentation allowed) with the rest of
 * the line for its value, as YAML and LDAP's LDIF write records. A key in the middle of a line (`note: call
 * address: …`) is prose, not a record.
 */
function lineField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const h = keyHashBefore(bytes, k);
  if (h === undefined) return;
  const rec = keyField(engine.fields, h, bytes);
  if (!atLineStart(bytes, KEY.start) || bytes[k + 1] !== 32) {
    if (rec) inlineField(engine, bytes, k, rec, out);
    return;
  }
  if (rec) lineValue(rec, bytes, k + 2, k, engine, out);
  else if (isBareNameKey(h)) lineValue(undefined, bytes, k + 2, k, engine, out, KEY.start);
}

/**
 * `aws_secret_access_key = wJalr…` or `password = "hunter2"`: a key at the start of a line, blanks around the `=`
 * and the rest of the line for its value, as INI files, TOML, `.env` files and the AWS credentials file write them.
 */
function assignmentField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  let keyEnd = k;
  // at most 3 blanks: with the key and the indentation, the walk back stays within the 64 bytes kept before a key
  while (keyEnd > 0 && k - keyEnd < 3 && (bytes[keyEnd - 1] === 32 || bytes[keyEnd - 1] === 9)) keyEnd--;
  const h = keyHashBefore(bytes, keyEnd);
  if (h === undefined || !atLineStart(bytes, KEY.start)) return;
  const rec = keyField(engine.fields, h, bytes);
  if (!rec) return;
  let s = k + 1;
  while (bytes[s] === 32 || bytes[s] === 9) s++;
  lineValue(rec, bytes, s, k, engine, out);
}

/**
 * True when only indentation (at most INDENT_MAX bytes, a list item's `- ` included) stands between the line's start
 * and `at`.
 */
function atLineStart(bytes: Uint8Array, at: number): boolean {
  // a key is checked at least 64 bytes into a chunk's text (see `fieldLimit`), so the walk back reaches the
  // text's start only at the body's start, however it was chunked
  let before = at - 1;
  while (before >= 0 && at - before <= INDENT_MAX && (bytes[before] === 32 || bytes[before] === 9)) before--;
  // a YAML list item's first key (`- first_name: Ada`)
  if (bytes[before] === 45)
    do before--;
    while (before >= 0 && at - before <= INDENT_MAX && (bytes[before] === 32 || bytes[before] === 9));
  return before < 0 || bytes[before] === 10;
}

/**
 * Emits the rest of the line from `s` (ending at most FIELD_VALUE_MAX bytes after `k`) as a value, quotes removed: as
 * `rec`'s, or without one as a bare `name` line's (its key at `key`).
 */
function lineValue(
  rec: FieldRecognizer | undefined,
  bytes: Buffer,
  s: number,
  k: number,
  engine: Engine,
  out: Hit[],
  key = 0,
): void {
  let e = s;
  while (e < bytes.length && e - k <= FIELD_VALUE_MAX && bytes[e] !== 10 && bytes[e] !== 13) e++;
  if (e - k > FIELD_VALUE_MAX) return;
  const lineEnd = e;
  // a quoted scalar: the value is what the quotes hold (a JavaScript member's or a statement's `,` or `;` after them)
  if (e - s >= 3 && (bytes[e - 1] === 44 || bytes[e - 1] === 59) && bytes[e - 2] === bytes[s]) e--;
  if (e - s >= 2 && (bytes[s] === 34 || bytes[s] === 39) && bytes[e - 1] === bytes[s]) {
    s++;
    e--;
  }
  reportValue(engine, bytes, rec, latin1(bytes, s, e), s, e, key, lineEnd, k + FIELD_TAIL, RecordKind.LINES, out);
}

/** `<first_name>Ada</first_name>` or `<ns:first_name>…`: an element named like a field that holds text only. */
function xmlField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const h = keyHashBefore(bytes, k);
  if (h === undefined) return;
  let open = KEY.start - 1;
  if (bytes[open] === 58) {
    open--;
    while (open > 0 && KEY_CHAR[bytes[open] as number] === 1 && KEY.start - open < KEY_MAX) open--;
  }
  if (bytes[open] !== 60) return;
  // an ISO 20022 party's name (`<Cdtr><Nm>Ada Lovelace</Nm>`): a person's when it has a person's shape
  const party = h === NM_KEY && partyNameAt(bytes, open) ? bareNameRecognizer(engine) : undefined;
  const rec = keyField(engine.fields, h, bytes) ?? party;
  if (!rec && !isBareNameKey(h)) return;
  // the next sibling starts past the closing tag at `close`
  const report = (value: string, s: number, e: number, close: number): void =>
    reportValue(
      engine,
      bytes,
      rec,
      value,
      s,
      e,
      open,
      bytes.indexOf(62, close) + 1,
      k + FIELD_TAIL,
      RecordKind.XML,
      out,
    );
  if (startsAt(bytes, k + 1, CDATA)) {
    // `<![CDATA[Ada]]>`: the section's text as it is (no entities inside), then the closing tag
    const s = k + 1 + CDATA.length;
    const e = cdataEnd(bytes, s, s + FIELD_VALUE_MAX);
    if (e >= 0 && bytes[e + 3] === 60 && bytes[e + 4] === 47) report(latin1(bytes, s, e), s, e, e + 3);
    return;
  }
  let e = k + 1;
  while (e < bytes.length && e - k <= FIELD_VALUE_MAX && bytes[e] !== 60) e++;
  // the text must run up to a closing tag: an element holding elements is no value
  if (bytes[e] !== 60 || bytes[e + 1] !== 47) return;
  report(xmlUnescape(latin1(bytes, k + 1, e)), k + 1, e, e);
}

const CDATA = Buffer.from('<![CDATA[', 'latin1');

/** Where the `]]>` closing a CDATA section starts, searched in `bytes[from, max)`; -1 when it is not there. */
function cdataEnd(bytes: Uint8Array, from: number, max: number): number {
  const last = Math.min(max, bytes.length - 3);
  for (let e = from; e <= last; e++) if (bytes[e] === 93 && bytes[e + 1] === 93 && bytes[e + 2] === 62) return e;
  return -1;
}
