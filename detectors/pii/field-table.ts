/**
 * Field names looked up by hash: the field recognizers compiled into an open-addressing table, and the cheap
 * test that rejects most keys before any lookup.
 */
import { HEX_VALUE } from './token-shapes.js';
import type { FieldRecognizer } from './types.js';

/**
 * FNV-1a of a field name as looked up (its last dotted segment, `_`, `-` and spaces removed, lower-case),
 * computed in place: most keys are rejected without building a string.
 */
function keyHash(bytes: Uint8Array, s: number, e: number): number {
  let start = s;
  for (let k = e - 1; k >= s; k--)
    if (bytes[k] === 46) {
      start = k + 1;
      break;
    }
  return hashFrom(bytes, start, e);
}

/**
 * @internal FNV-1a of `bytes[start, e)` as a field name: `_`, `-` and spaces left out, lower-cased (Latin-1 letters
 * too), percent-escapes decoded (a browser's form sends `pr%C3%A9nom`), as a signed 32-bit integer.
 */
export function hashFrom(bytes: Uint8Array, start: number, e: number): number {
  let h = 0x811c9dc5;
  let prev = 0;
  for (let k = start; k < e; k++) {
    let c = bytes[k] as number;
    if (
      c === 37 &&
      k + 2 < e &&
      HEX_VALUE[bytes[k + 1] as number] !== 255 &&
      HEX_VALUE[bytes[k + 2] as number] !== 255
    ) {
      c = ((HEX_VALUE[bytes[k + 1] as number] as number) << 4) | (HEX_VALUE[bytes[k + 2] as number] as number);
      k += 2;
    }
    if (c === 95 || c === 45 || c === 32) continue;
    if (c >= 65 && c <= 90) c += 32;
    // a Latin-1 capital in UTF-8 (`É` C3 89) lower-cased as its small letter (`é` C3 A9): `PRÉNOM` is `prénom`
    else if (c >= 0x80 && c <= 0x9e && c !== 0x97 && prev === 0xc3) c += 0x20;
    prev = c;
    h = Math.imul(h ^ c, 16777619);
  }
  return h | 0;
}

/** @internal Keys naming a birth date, which split-dates.ts reads when it is split into day, month and year. */
export const BIRTH_KEY_NAMES: readonly string[] = [
  'dob',
  'dateofbirth',
  'birthdate',
  'birthday',
  'birthdays',
  'geburtsdatum',
];

/** @internal Longest key read, in bytes: a field's, a record's sibling's, a table's column's. */
export const KEY_MAX = 40;

/**
 * @internal Field recognizers by `keyHash` of their names, in an open-addressing table of integers: a key is
 * looked up ~17,000 times per MB of API traffic and almost never found, with no allocation.
 */
export interface FieldTable {
  hashes: Int32Array;
  /** 1 + index into `recognizers`; 0 for an empty slot. */
  slots: Int32Array;
  recognizers: readonly FieldRecognizer[];
  /** 1 at `b0 << 8 | b1` when a key read ends in those two bytes (lower-case letters and digits). */
  endings: Uint8Array;
  /** The same for field names alone: a key ending otherwise ends in no field's name (see `fieldBySuffix`). */
  fieldEndings: Uint8Array;
  /** The same for keys read only when their value is an object or a list (a birth date split into parts). */
  objectEndings: Uint8Array;
}

/** @internal Compiles field recognizers into a `FieldTable` (a name listed twice: the later recognizer wins). */
export function compileFields(fields: readonly FieldRecognizer[]): FieldTable {
  const names = fields.flatMap((f, i) => f.fields.map((name) => ({ bytes: Buffer.from(name, 'utf8'), i })));
  let size = 16;
  while (size < names.length * 4) size *= 2;
  const hashes = new Int32Array(size);
  const slots = new Int32Array(size);
  const fieldEndings = new Uint8Array(65536);
  const ending = (name: string): number => (name.charCodeAt(name.length - 2) << 8) | name.charCodeAt(name.length - 1);
  // a birth date split into parts is read under these keys when an object follows (split-dates.ts); its form's
  // `dob[year]` ends in a bracket, which any lookup takes
  const objectEndings = new Uint8Array(65536);
  for (const name of BIRTH_KEY_NAMES) objectEndings[ending(name)] = 1;
  for (const { bytes, i } of names) {
    const h = keyHash(bytes, 0, bytes.length);
    let slot = h & (size - 1);
    while (slots[slot] !== 0 && hashes[slot] !== h) slot = (slot + 1) & (size - 1);
    hashes[slot] = h;
    slots[slot] = i + 1;
    // the name as sent, and as a browser's form percent-encodes it (`stra%C3%9Fe` ends in `fe`)
    for (const form of [bytes, Buffer.from(encodeURIComponent(bytes.toString('utf8')), 'latin1')]) {
      const name = normalized(form);
      fieldEndings[((name[name.length - 2] ?? 0) << 8) | (name[name.length - 1] ?? 0)] = 1;
    }
  }
  const endings = Uint8Array.from(fieldEndings);
  // keys read without a field recognizer of their own still pass `mayBeField`: a bare `name` or `cn` (record-names.ts),
  // ISO 20022's `Nm`, FHIR's `family`, `given` and `line` (fhir-fields.ts), LinkedIn's `idType` naming its `idValue`,
  // and a form key whose brackets a browser percent-encoded (`user%5Bfirst_name%5D`), read by its last segment
  for (const name of ['name', 'cn', 'nm', 'family', 'given', 'line', 'idtype', '%5d']) endings[ending(name)] = 1;
  return { hashes, slots, recognizers: fields, endings, fieldEndings, objectEndings };
}

/** A field name's bytes as `keyHash` reads them. */
function normalized(name: Uint8Array): number[] {
  return [...name.subarray(name.lastIndexOf(46) + 1)]
    .filter((c) => c !== 95 && c !== 45 && c !== 32)
    .map((c) => LOWER[c] as number);
}

/** ASCII lower-casing; 0 for bytes that are not letters or digits (no name ends in them as `endings` reads). */
const LOWER = new Uint8Array(256);
for (let c = 48; c <= 57; c++) LOWER[c] = c;
for (let c = 97; c <= 122; c++) LOWER[c] = LOWER[c - 32] = c;

/**
 * @internal False when the key ending at `end` cannot be a field name: its last two bytes end no name. Keys whose last
 * two bytes are not both letters or digits (`address_1`, `a`, `name_`) take the full look-up.
 */
export function mayBeField(table: FieldTable, bytes: Uint8Array, end: number): boolean {
  const b1 = LOWER[bytes[end - 1] ?? 0] as number;
  const b0 = LOWER[bytes[end - 2] ?? 0] as number;
  if (b0 === 0 || b1 === 0 || table.endings[(b0 << 8) | b1] === 1) return true;
  return table.objectEndings[(b0 << 8) | b1] === 1 && objectAfterKey(bytes, end);
}

/** True when the JSON key whose closing quote is at `end` holds an object or a list (`"dob": {`, `"birthdays":[`). */
function objectAfterKey(bytes: Uint8Array, end: number): boolean {
  if (bytes[end] !== 34 || bytes[end + 1] !== 58) return false;
  const v = bytes[end + 2] === 32 ? end + 3 : end + 2;
  return bytes[v] === 123 || bytes[v] === 91;
}

/**
 * @internal The field recognizer named by `bytes[s, e)` (a column header, say), or by the field name its last dotted
 * segment ends in (`Billing First Name`, see `fieldBySuffix`), if any.
 */
export function fieldNamed(table: FieldTable, bytes: Uint8Array, s: number, e: number): FieldRecognizer | undefined {
  const exact = fieldFor(table, keyHash(bytes, s, e));
  if (exact) return exact;
  const dot = bytes.lastIndexOf(46, e - 1);
  return fieldBySuffix(table, bytes, dot >= s ? dot + 1 : s, e);
}

/** @internal The field recognizer whose name hashes to `h`, if any. */
export function fieldFor(table: FieldTable, h: number): FieldRecognizer | undefined {
  const mask = table.slots.length - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const at = table.slots[slot] as number;
    if (at === 0) return undefined;
    if (table.hashes[slot] === h) return table.recognizers[at - 1];
  }
}

/**
 * Field names too general to stand for a longer key ending in them: an address that is an e-mail's, an IP's or a
 * wallet's (`email_address`, `ip_adres`, `E-Mail-Adresse`), a name that is a product's (`product_display_name`).
 */
const NOT_A_SUFFIX = new Set(
  [
    'address',
    'adresse',
    'adress',
    'adres',
    'direccion',
    'dirección',
    'endereco',
    'endereço',
    'indirizzo',
    'morada',
    'nombre',
    'nome',
    'imie',
    'imię',
    'displayname',
    'line1',
  ].map((name) => keyHash(Buffer.from(name, 'utf8'), 0, Buffer.byteLength(name))),
);

/**
 * @internal The field recognizer whose name the key `bytes[s, e)` ends in, from a word's start (after `_`, `-` or a space,
 * or at a camelCase hump): `billing_first_name`, `customerLastName`, `Billing Address 1`; none for `NOT_A_SUFFIX` names.
 * The longest such ending is taken.
 */
export function fieldBySuffix(table: FieldTable, bytes: Uint8Array, s: number, e: number): FieldRecognizer | undefined {
  const b1 = LOWER[bytes[e - 1] ?? 0] as number;
  const b0 = LOWER[bytes[e - 2] ?? 0] as number;
  // most keys end in two bytes no field's name ends in
  if (b0 !== 0 && b1 !== 0 && table.fieldEndings[(b0 << 8) | b1] === 0) return undefined;
  for (let p = s + 1; p < e - 2; p++) {
    if (!wordStartsAt(bytes, p)) continue;
    const h = hashFrom(bytes, p, e);
    const rec = fieldFor(table, h);
    if (rec && !NOT_A_SUFFIX.has(h)) return rec;
  }
  return undefined;
}

/** @internal True when a word of a key starts at `p`: after `_`, `-` or a space, or at a camelCase hump. */
export function wordStartsAt(bytes: Uint8Array, p: number): boolean {
  const before = bytes[p - 1] as number;
  const c = bytes[p] as number;
  return before === 95 || before === 45 || before === 32 || (c >= 65 && c <= 90 && before >= 97 && before <= 122);
}
