/** The keys and values that make a record a person's: what turns a bare `name` beside them into a person's name. */
import type { Engine } from './engine.js';
import { fieldFor, hashFrom, KEY_MAX, wordStartsAt } from './field-table.js';

const hashOf = (name: string): number => hashFrom(Buffer.from(name, 'latin1'), 0, name.length);

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

/** @internal True when `bytes[s, e)` is a key that makes a record a person's. */
export function personalKey(engine: Engine, bytes: Uint8Array, s: number, e: number): boolean {
  // a reserved property's `$` (Mixpanel's `$phone`) is no part of its name
  const from = bytes[s] === 36 ? s + 1 : s;
  if (e <= from || e - from > KEY_MAX) return false;
  if (isPersonalKey(engine, hashFrom(bytes, from, e))) return true;
  // or ends in one from a word's start (`customer_phone`, `billingEmail`)
  for (let p = from + 1; p < e - 2; p++)
    if (wordStartsAt(bytes, p) && PERSONAL_KEYS.has(hashFrom(bytes, p, e))) return true;
  return false;
}

/** @internal True when the key (a table's column) hashed to `h` makes a record a person's. */
export function isPersonalKey(engine: Engine, h: number): boolean {
  if (PERSONAL_KEYS.has(h)) return true;
  const type = fieldFor(engine.fields, h)?.type;
  return type === 'PERSON_NAME' || type === 'STREET_ADDRESS';
}

/**
 * @internal An `@` (or a form's `%40`) after a letter or digit and before a domain's first label and dot: an e-mail
 * address among a record's values.
 */
export function emailAt(bytes: Uint8Array, at: number): boolean {
  const c = bytes[at];
  const encoded = c === 37 && bytes[at + 1] === 52 && bytes[at + 2] === 48;
  if ((c !== 64 && !encoded) || ALNUM[bytes[at - 1] as number] !== 1) return false;
  const domain = encoded ? at + 3 : at + 1;
  let e = domain;
  while (e - domain < 64 && (ALNUM[bytes[e] as number] === 1 || bytes[e] === 45)) e++;
  return e > domain && bytes[e] === 46 && ALNUM[bytes[e + 1] as number] === 1;
}

const ALNUM = new Uint8Array(256);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ALNUM[c] = ALNUM[c + 32] = 1;

/** @internal 1 for the bytes of a form or YAML key: letters, digits, `_`, `-`, `.`. */
export const KEY_BYTE = Uint8Array.from(ALNUM);
KEY_BYTE[95] = KEY_BYTE[45] = KEY_BYTE[46] = 1;
