/**
 * Where a field's key starts, read back from the byte that ends it, and its hash as the field table looks it up:
 * a plain key (`first_name`, `user.email`) or a form's bracketed one (`billing_details[name]`).
 */
import { type FieldTable, fieldBySuffix, fieldFor, hashFrom, KEY_MAX } from './field-table.js';
import type { FieldRecognizer } from './types.js';

/**
 * @internal 1 for bytes a key is made of: letters, digits, `_`, `-`, `.`, UTF-8 (`prénom`, `straße`, `hasło`) and
 * `%` (the same, percent-encoded by a browser's form).
 */
export const KEY_CHAR = new Uint8Array(256);
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) KEY_CHAR[c] = KEY_CHAR[c + 32] = 1;
for (let c = 0x80; c < 256; c++) KEY_CHAR[c] = 1;
KEY_CHAR[95] = KEY_CHAR[45] = KEY_CHAR[46] = KEY_CHAR[37] = 1;

/**
 * @internal The key found by the last `keyHashBefore` or `bracketKeyBefore` (one object, refilled: no allocation per
 * key): where it starts, and the name it is read by (`[nameStart, end)`: its last dotted or bracketed segment).
 */
export const KEY = { start: 0, nameStart: 0, end: 0 };

/**
 * @internal `hashFrom` of the key ending at `end` in one walk back (its last dotted segment), or undefined when no
 * key ends there; the key's start is left in `KEY.start`.
 */
export function keyHashBefore(bytes: Uint8Array, end: number): number | undefined {
  let s = end;
  let from = -1;
  while (s > 0 && end - s < KEY_MAX) {
    const c = bytes[s - 1] as number;
    if (KEY_CHAR[c] === 0) break;
    if (c === 46 && from < 0) from = s;
    s--;
  }
  if (s === end) return undefined;
  KEY.start = s;
  KEY.nameStart = from < 0 ? s : from;
  KEY.end = end;
  return hashFrom(bytes, KEY.nameStart, end);
}

/**
 * @internal True when a form key with brackets ends at `end`, as Rails, PHP and Stripe nest fields
 * (`billing_details[name]`, `user[address][line1]`, and `%5B`/`%5D` as a browser encodes the brackets): its last
 * segment is then `[KEY.nameStart, KEY.end)` (`name`, `line1`), the name it is read by, and the whole key
 * starts at `KEY.start`.
 */
export function bracketKeyBefore(bytes: Uint8Array, end: number): boolean {
  const close = bracketAt(bytes, end, 93, 68);
  if (close === 0) return false;
  const segmentEnd = end - close;
  let s = segmentEnd;
  let open = 0;
  while (s > 0 && segmentEnd - s < KEY_MAX) {
    open = bracketAt(bytes, s, 91, 66);
    if (open > 0 || KEY_CHAR[bytes[s - 1] as number] === 0) break;
    s--;
  }
  if (open === 0 || s === segmentEnd) return false;
  // the key's first part and any brackets before the last (`user[address][line1]`)
  let k = s - open;
  while (k > 0 && s - k < 2 * KEY_MAX) {
    const c = bytes[k - 1] as number;
    if (KEY_CHAR[c] === 0 && c !== 91 && c !== 93) break;
    k--;
  }
  if (k === s - open) return false;
  KEY.start = k;
  KEY.nameStart = s;
  KEY.end = segmentEnd;
  return true;
}

/** Bytes of the bracket ending at `at`: 1 for `bracket`, 3 for it percent-encoded (`%5` and `hex`, either case), 0 for none. */
function bracketAt(bytes: Uint8Array, at: number, bracket: number, hex: number): number {
  if (bytes[at - 1] === bracket) return 1;
  return at >= 3 && bytes[at - 3] === 37 && bytes[at - 2] === 53 && ((bytes[at - 1] as number) | 32) === (hex | 32)
    ? 3
    : 0;
}

/** @internal True when a key starts at `at` and `separator` follows it (`key=` for a form, `Key:` for Go). */
export function keyAt(bytes: Uint8Array, at: number, separator: number): boolean {
  let e = at;
  while (e < bytes.length && e - at < KEY_MAX && KEY_CHAR[bytes[e] as number] === 1) e++;
  return e > at && bytes[e] === separator;
}

/**
 * @internal The field recognizer the key found last names: by its hash `h`, or by a field's name it ends in at a word's
 * start (`billing_first_name`, `customerLastName`, `shipping_address_1`).
 */
export function keyField(table: FieldTable, h: number, bytes: Uint8Array): FieldRecognizer | undefined {
  return fieldFor(table, h) ?? fieldBySuffix(table, bytes, KEY.nameStart, KEY.end);
}
