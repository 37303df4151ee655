/**
 * Values a `name` attribute names: an HTML form's controls filled in (`<input name="first_name" value="Ada">`,
 * `<textarea name="address">…</textarea>`), as a page showing a user's profile for editing holds them, and XML elements
 * whose `Name` names their text: a SAML assertion's attributes (`<saml:Attribute Name="givenName">` and its
 * `AttributeValue`, as an identity provider posts them to every application a person signs in to), a Windows event's
 * data (`<Data Name="DisplayName">Ada …</Data>`), a configuration's properties.
 */
import { xmlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldNamed } from './field-table.js';
import type { FieldRecognizer } from './types.js';
import { latin1 } from './window-features.js';

/** Bytes read back from a `name` attribute to the start of its tag. */
const TAG_BEFORE = 256;

/** An element's tag up to its `name` attribute, the element's name captured (a namespace prefix allowed). */
const TAG = /^<([A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?)\s[^<>]*$/;
/** A `value` attribute, quoted. */
const VALUE = /\svalue\s*=\s*(["'])([^"'<>]*)\1/i;

/** HTML elements that take a `name` attribute but hold no value beside it (a page's, not a record's). */
const HTML_NAMED = new Set(
  'a applet button details embed fieldset form frame iframe img map meta object output param select slot'.split(' '),
);

/**
 * @internal The element whose `name` attribute holds `bytes[s, e)` (the quoted name, `key` the attribute's start): when
 * the name is a field's (a claim URI's last segment, `…/identity/claims/surname`, or an LDAP attribute's OID, too), an
 * input's `value`, or a textarea's or an XML element's text, is reported as that field's value. The tag and the text
 * must end by `hi` (the bytes in view past a key, however the input is chunked).
 */
export function nameAttributeField(
  engine: Engine,
  bytes: Buffer,
  key: number,
  s: number,
  e: number,
  hi: number,
  out: Hit[],
): void {
  const rec = attributeField(engine, bytes, s, e);
  if (!rec) return;
  const lt = bytes.lastIndexOf(60, key);
  if (lt < 0 || key - lt > TAG_BEFORE) return;
  const element = TAG.exec(latin1(bytes, lt, key))?.[1]?.toLowerCase();
  const gt = bytes.indexOf(62, e);
  if (element === undefined || HTML_NAMED.has(element) || gt < 0 || gt > hi) return;
  if (element === 'input') inputValue(engine, bytes, rec, lt, gt, out);
  else elementText(engine, bytes, rec, gt, hi, out);
}

/**
 * Field names for the LDAP attributes a SAML assertion names by OID (`urn:oid:2.5.4.42`), as Shibboleth and the
 * InCommon and eduGAIN federations send them: X.520's givenName, surname, commonName and street, and displayName.
 */
const OID_FIELDS: ReadonlyMap<string, Buffer> = new Map(
  [
    ['2.5.4.42', 'givenname'],
    ['2.5.4.4', 'surname'],
    ['2.5.4.3', 'fullname'],
    ['2.5.4.9', 'street'],
    ['2.16.840.1.113730.3.1.241', 'displayname'],
  ].map(([oid, field]) => [`urn:oid:${oid}`, Buffer.from(field as string, 'latin1')]),
);

/** The field a `name` attribute's value `bytes[s, e)` names: a field's name, a claim URI's last segment, or an OID. */
function attributeField(engine: Engine, bytes: Buffer, s: number, e: number): FieldRecognizer | undefined {
  const oid = e - s <= 40 && bytes[s] === 117 ? OID_FIELDS.get(latin1(bytes, s, e)) : undefined;
  if (oid) return fieldNamed(engine.fields, oid, 0, oid.length);
  const slash = bytes.lastIndexOf(47, e - 1);
  return fieldNamed(engine.fields, bytes, slash >= s ? slash + 1 : s, e);
}

/** An input's `value` attribute, in its tag `bytes[lt, gt)`. */
function inputValue(engine: Engine, bytes: Buffer, rec: FieldRecognizer, lt: number, gt: number, out: Hit[]): void {
  const tag = latin1(bytes, lt, gt);
  const value = VALUE.exec(tag);
  if (!value) return;
  const start = lt + value.index + value[0].length - 1 - (value[2] as string).length;
  emit(rec, xmlUnescape(value[2] as string), start, start + (value[2] as string).length, engine, out);
}

/** The text of the element whose tag ends at `gt`, or of its one child (SAML holds the value one element down). */
function elementText(
  engine: Engine,
  bytes: Buffer,
  rec: FieldRecognizer,
  tagEnd: number,
  hi: number,
  out: Hit[],
): void {
  let gt = tagEnd;
  if (bytes[gt - 1] === 47) return;
  if (bytes[gt + 1] === 60 && bytes[gt + 2] !== 47) {
    gt = bytes.indexOf(62, gt + 1);
    if (gt < 0 || gt > hi || bytes[gt - 1] === 47) return;
  }
  const close = bytes.indexOf(60, gt + 1);
  if (close < 0 || close > hi) return;
  emit(rec, xmlUnescape(latin1(bytes, gt + 1, close)), gt + 1, close, engine, out);
}
