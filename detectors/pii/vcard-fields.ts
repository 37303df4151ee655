/**
 * vCard files (RFC 6350), as contact exports and `.vcf` attachments carry them: each property a line (`FN:Ada
 * Lovelace`), read as the field it is.
 */
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldNamed } from './field-table.js';
import { FIELD_VALUE_MAX } from './fields.js';
import { latin1 } from './window-features.js';

/** A vCard file's first line (after a UTF-8 byte-order mark, if any). */
const VCARD_START = /^(?:\xef\xbb\xbf)?BEGIN:VCARD\r?\n/i;

/** @internal Bytes that hold a vCard's first line, byte-order mark included. */
export const VCARD_HEAD = 16;

/** @internal True when `bytes` starts a vCard file (RFC 6350 §6.1.1). */
export function startsVcard(bytes: Buffer): boolean {
  return VCARD_START.test(latin1(bytes, 0, Math.min(bytes.length, VCARD_HEAD)));
}

/**
 * A vCard property read as the field it is: `FN` a person's full name, `ADR` an address whose third component is
 * the street (`ADR;TYPE=home:;;12 High Street;London;;SW1A 1AA;UK`). Each maps to a field name the field
 * recognizers know, so a configuration without person names reads no `FN` either.
 */
const VCARD_FIELDS: Readonly<Record<string, { field: Buffer; component: number }>> = {
  fn: { field: Buffer.from('fullname'), component: -1 },
  adr: { field: Buffer.from('street'), component: 2 },
};
/** Longest `group.NAME;params` before a property's `:` that is read (the bytes kept before a key, see `fieldLimit`). */
const VCARD_PROPERTY_MAX = 64;

/**
 * @internal The vCard property line whose `:` (the first on its line) is at `k`: an `FN` or `ADR` value is checked by
 * the field recognizer of the field it is, and reported at its own bytes. Called for each `:` of a vCard body.
 */
export function vcardFieldAt(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  let s = k;
  while (s > 0 && k - s < VCARD_PROPERTY_MAX && bytes[s - 1] !== 10) {
    if (bytes[s - 1] === 58) return;
    s--;
  }
  if (s > 0 && bytes[s - 1] !== 10) return;
  const property = latin1(bytes, s, k).split(';', 1)[0] as string;
  const spec = VCARD_FIELDS[property.slice(property.lastIndexOf('.') + 1).toLowerCase()];
  if (!spec) return;
  const rec = fieldNamed(engine.fields, spec.field, 0, spec.field.length);
  if (!rec) return;
  // the value runs to its line's end, and on over the lines a long one was folded into (RFC 6350 §3.2: a line
  // break, then a space or a tab), as exporters fold at 75 bytes
  let e = k + 1;
  for (;;) {
    while (e < bytes.length && e - k <= FIELD_VALUE_MAX && bytes[e] !== 10 && bytes[e] !== 13) e++;
    const next = bytes[e] === 13 && bytes[e + 1] === 10 ? e + 2 : e + 1;
    if (e - k > FIELD_VALUE_MAX || (bytes[next] !== 32 && bytes[next] !== 9)) break;
    e = next + 1;
  }
  if (e - k > FIELD_VALUE_MAX) return;
  let from = k + 1;
  let to = e;
  if (spec.component >= 0) {
    // a structured value's components are split by unescaped `;` (RFC 6350 §3.4)
    let component = 0;
    let at = from;
    for (; at < e; at++) {
      if (bytes[at] !== 59 || bytes[at - 1] === 92) continue;
      if (component === spec.component) break;
      component++;
      from = at + 1;
    }
    if (component !== spec.component) return;
    to = at;
  }
  emit(
    rec,
    latin1(bytes, from, to)
      .replace(FOLD, '')
      .replace(/\\([,;\\])/g, '$1'),
    from,
    to,
    engine,
    out,
  );
}

/** A folded line's break and the space or tab that continues it. */
const FOLD = /\r?\n[ \t]/g;
