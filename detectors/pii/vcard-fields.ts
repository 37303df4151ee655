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
 * A vCard property read as the fields it holds: `FN` a person's full name, `N` the family and given names
 * (`N:Lovelace;Ada;;;`), `ADR` an address whose third component is the street (`ADR;TYPE=home:;;12 High
 * Street;London;;SW1A 1AA;UK`). Each maps to a field name the field recognizers know, so a configuration without
 * person names reads no `FN` either. `component` -1 is the whole value.
 */
const VCARD_FIELDS: Readonly<Record<string, readonly { field: Buffer; component: number }[]>> = {
  fn: [{ field: Buffer.from('fullname'), component: -1 }],
  n: [
    { field: Buffer.from('lastname'), component: 0 },
    { field: Buffer.from('firstname'), component: 1 },
  ],
  adr: [{ field: Buffer.from('street'), component: 2 }],
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
  const specs = VCARD_FIELDS[property.slice(property.lastIndexOf('.') + 1).toLowerCase()];
  if (!specs) return;
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
  for (const spec of specs) {
    const rec = fieldNamed(engine.fields, spec.field, 0, spec.field.length);
    if (!rec) continue;
    const from = spec.component < 0 ? k + 1 : componentStart(bytes, k + 1, e, spec.component);
    if (from < 0) continue;
    const to = spec.component < 0 ? e : componentEnd(bytes, from, e);
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
}

/**
 * Where a structured value's component `index` starts; -1 when it has fewer (a short value may end the bytes).
 * Components are split by unescaped `;` (RFC 6350 §3.4).
 */
function componentStart(bytes: Uint8Array, from: number, end: number, index: number): number {
  let at = from;
  for (let component = 0; component < index; component++) {
    at = componentEnd(bytes, at, end);
    if (at >= end) return -1;
    at++;
  }
  return at;
}

/** Where the component starting at `from` ends: its `;`, or the value's end. */
function componentEnd(bytes: Uint8Array, from: number, end: number): number {
  let at = from;
  while (at < end && !(bytes[at] === 59 && bytes[at - 1] !== 92)) at++;
  return at;
}

/** A folded line's break and the space or tab that continues it. */
const FOLD = /\r?\n[ \t]/g;
