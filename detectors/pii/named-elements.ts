/**
 * XML elements a `Name` attribute names, their value the element's text: a SAML assertion's attributes
 * (`<saml:Attribute Name="givenName"><saml:AttributeValue>Ada</saml:AttributeValue>`, as an identity provider posts
 * them to every application a person signs in to), a Windows event's data (`<Data Name="DisplayName">Ada …</Data>`),
 * a configuration's properties. HTML elements with a `name` are form controls (html-inputs.ts), never these.
 */
import { xmlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldNamed } from './field-table.js';
import { latin1 } from './window-features.js';

/** Bytes read back from a `Name` attribute to the start of its tag. */
const TAG_BEFORE = 256;

/** An element's tag up to its `Name` attribute, its name (a namespace prefix allowed) captured. */
const ELEMENT = /^<([A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?)\s[^<>]*$/;

/** HTML elements that take a `name` attribute: a page's, not a record's. */
const HTML_NAMED = new Set(
  'a applet button details embed fieldset form frame iframe img input map meta object output param select slot textarea'.split(
    ' ',
  ),
);

/**
 * @internal The element whose `Name` attribute holds `bytes[s, e)` (`key` the attribute's start): when the name is a
 * field's, the element's text, or its first child's (SAML's `AttributeValue`), is reported as that field's value. A
 * URI names a field by its last segment (`…/identity/claims/surname`). The text must end by `hi`.
 */
export function namedElementField(
  engine: Engine,
  bytes: Buffer,
  key: number,
  s: number,
  e: number,
  hi: number,
  out: Hit[],
): void {
  const slash = bytes.lastIndexOf(47, e - 1);
  const rec = fieldNamed(engine.fields, bytes, slash >= s ? slash + 1 : s, e);
  if (!rec) return;
  const lt = bytes.lastIndexOf(60, key);
  if (lt < 0 || key - lt > TAG_BEFORE) return;
  const head = ELEMENT.exec(latin1(bytes, lt, key));
  if (!head || HTML_NAMED.has((head[1] as string).toLowerCase())) return;
  let gt = bytes.indexOf(62, e);
  if (gt < 0 || gt > hi || bytes[gt - 1] === 47) return;
  // SAML holds the value one element down
  if (bytes[gt + 1] === 60 && bytes[gt + 2] !== 47) {
    gt = bytes.indexOf(62, gt + 1);
    if (gt < 0 || gt > hi || bytes[gt - 1] === 47) return;
  }
  const close = bytes.indexOf(60, gt + 1);
  if (close < 0 || close > hi) return;
  emit(rec, xmlUnescape(latin1(bytes, gt + 1, close)), gt + 1, close, engine, out);
}
