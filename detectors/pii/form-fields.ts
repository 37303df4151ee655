/**
 * Form and query fields, log fields and attributes: a key, `=`, and its value (`first_name=Ada&…`,
 * `level=info first_name=Ada`, `FirstName="Ada"`), with the keys Rails, PHP and Stripe nest in brackets and the records
 * Java and Kotlin print (`User(firstName=Ada, …)`).
 */
import { percentDecode, xmlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { bracketKeyBefore, KEY, keyAt, keyField, keyHashBefore } from './field-keys.js';
import { hashFrom } from './field-table.js';
import { FIELD_TAIL, FIELD_VALUE_MAX } from './fields.js';
import { quotedEnd } from './json-strings.js';
import { nameAttributeField } from './name-attributes.js';
import { isBareNameKey, RECORD_BEFORE, RecordKind, reportValue } from './record-names.js';
import { splitDateForm, YEAR_KEY } from './split-dates.js';
import { latin1 } from './window-features.js';

/**
 * @internal Reads the form or query field, log field or attribute whose `=` is at `k` (`first_name=Ada`,
 * `FirstName="Ada"`, `billing_details[name]=…`, `User(firstName=Ada, …)`) when its key names personal data.
 */
export function formField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const bracketed = bracketKeyBefore(bytes, k);
  const h = bracketed ? hashFrom(bytes, KEY.nameStart, KEY.end) : keyHashBefore(bytes, k);
  if (h === undefined) return;
  const before = KEY.start === 0 ? 38 : (bytes[KEY.start - 1] as number);
  // `&`, `?`, whitespace, `;`, `,`, an opening bracket or start of input: a form, query, log or printed record's key,
  // not the middle of a word
  if (
    before !== 38 &&
    before !== 63 &&
    before !== 32 &&
    before !== 10 &&
    before !== 59 &&
    before !== 44 &&
    before !== 9 &&
    before !== 40 &&
    before !== 123
  )
    return;
  const rec = keyField(engine.fields, h, bytes);
  if (!rec && bracketed && h === YEAR_KEY) {
    let e = k + 1;
    while (bytes[e] !== undefined && (bytes[e] as number) >= 48 && (bytes[e] as number) <= 57) e++;
    const lo = KEY.start - RECORD_BEFORE;
    splitDateForm(engine, bytes, KEY.start, KEY.nameStart, k + 1, e, lo, k + FIELD_TAIL, out);
    return;
  }
  if (!rec && !isBareNameKey(h)) return;
  const key = KEY.start;
  const hi = k + FIELD_TAIL;
  const quote = bytes[k + 1] as number;
  if (quote === 34 || quote === 39) {
    // a quoted value: an XML or HTML attribute (`FirstName="Ada"`), a logfmt value with spaces (`name="Ada L"`)
    const e = quotedEnd(bytes, k + 2, quote, k + FIELD_VALUE_MAX);
    if (bytes[e] !== quote) return;
    reportValue(engine, bytes, rec, xmlUnescape(latin1(bytes, k + 2, e)), k + 2, e, key, e, hi, RecordKind.LINE, out);
    // an HTML form's control or an XML element (a SAML attribute): `name` names the field its value or text holds
    if (!rec) nameAttributeField(engine, bytes, key, k + 2, e, key + FIELD_TAIL, out);
    return;
  }
  // a record as Java, Kotlin and Lombok print one (`User(id=42, firstName=Ada, street=12 High Street)`, a map's
  // `{first_name=Ada, …}`): a value ends at its bracket or before `, ` and the next `key=`
  const listed = before === 40 || before === 123 || (before === 32 && bytes[key - 2] === 44);
  // after whitespace the key is a log line's (logfmt: `level=info first_name=Ada last_name=Lovelace`), whose
  // unquoted values end at a space; in a form or query a space ends the value only before the next `key=`
  const logfmt = !listed && (before === 32 || before === 9 || before === 10);
  // a calendar's or a vCard's property parameter (`ORGANIZER;CN=Grace Hopper:mailto:…`) ends where its value starts
  const parameter = before === 59;
  let e = k + 1;
  while (e < bytes.length && e - k <= FIELD_VALUE_MAX) {
    const c = bytes[e] as number;
    if (c === 38 || c === 10 || c === 13 || c === 34 || c === 59 || c === 9 || c === 60) break;
    if (c === 32 && (logfmt || keyAt(bytes, e + 1, 61))) break;
    if (parameter && c === 58) break;
    if (listed && (c === 41 || c === 125 || (c === 44 && bytes[e + 1] === 32 && keyAt(bytes, e + 2, 61)))) break;
    e++;
  }
  const value = percentDecode(latin1(bytes, k + 1, e).replace(/\+/g, ' '));
  reportValue(engine, bytes, rec, value, k + 1, e, key, e, hi, RecordKind.LINE, out);
}
