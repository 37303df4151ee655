/**
 * Records as programming languages print them into logs, which are shipped whole to a log service: a Python dict
 * (`{'first_name': 'Ada'}`), a Ruby hash as Rails logs a request's parameters (`{"first_name"=>"Ada"}`,
 * `first_name: "Ada"` aside), a symbol's (`:first_name => "Ada"`), PHP's `print_r` (`[first_name] => Ada`), and Go's
 * `%+v` and `%v` (`{FirstName:Ada Street:12 High St}`, `map[first_name:Ada]`).
 */
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { KEY, keyAt, keyField, keyHashBefore } from './field-keys.js';
import { FIELD_VALUE_MAX } from './fields.js';
import { inlineField } from './inline-fields.js';
import { latin1 } from './window-features.js';

/**
 * @internal Reads `'first_name': 'Ada'`, `k` at the `:` after a key in apostrophes (as Python's `repr` writes a dict's
 * string keys): the quoted value after it, as the field the key names.
 */
export function pythonField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const h = keyHashBefore(bytes, k - 1);
  if (h === undefined || bytes[KEY.start - 1] !== 39) return;
  const rec = keyField(engine.fields, h, bytes);
  if (rec) inlineField(engine, bytes, k, rec, out);
}

/**
 * @internal Reads a `=>` pair, `k` at its `=`: a Ruby hash's quoted or symbol key and quoted value (`"first_name"=>"Ada"`,
 * `:first_name => 'Ada'`), or a PHP `print_r` line's bracketed key and the rest of its line (`[first_name] => Ada`).
 */
export function arrowField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  let end = k;
  while (bytes[end - 1] === 32) end--;
  const close = bytes[end - 1];
  const bracketed = close === 93;
  // `"key"` and `[key]` end in their closing byte; a symbol (`:key`) in the name itself
  const h = keyHashBefore(bytes, close === 34 || bracketed ? end - 1 : end);
  if (h === undefined) return;
  const open = bytes[KEY.start - 1];
  if (!(close === 34 ? open === 34 : bracketed ? open === 91 : open === 58)) return;
  const rec = keyField(engine.fields, h, bytes);
  if (!rec) return;
  if (!bracketed) {
    inlineField(engine, bytes, k + 1, rec, out);
    return;
  }
  const s = bytes[k + 2] === 32 ? k + 3 : k + 2;
  let e = s;
  while (e < bytes.length && e - s < FIELD_VALUE_MAX && bytes[e] !== 10 && bytes[e] !== 13) e++;
  emit(rec, latin1(bytes, s, e), s, e, engine, out);
}

/**
 * @internal Reads `FirstName:Ada`, `k` at the `:`, as Go prints a struct (`{FirstName:Ada Street:12 High St}`) or a map
 * (`map[first_name:Ada]`): a key after `{`, `[` or a space, its value unquoted up to the closing bracket, the line's
 * end or the next ` Key:`.
 */
export function goField(engine: Engine, bytes: Buffer, k: number, out: Hit[]): void {
  const h = keyHashBefore(bytes, k);
  if (h === undefined) return;
  const before = bytes[KEY.start - 1];
  if (before !== 123 && before !== 91 && before !== 32) return;
  const rec = keyField(engine.fields, h, bytes);
  if (!rec) return;
  let e = k + 1;
  while (e < bytes.length && e - k <= FIELD_VALUE_MAX) {
    const c = bytes[e] as number;
    if (c === 125 || c === 93 || c === 10 || c === 13 || (c === 32 && keyAt(bytes, e + 1, 58))) break;
    e++;
  }
  emit(rec, latin1(bytes, k + 1, e), k + 1, e, engine, out);
}
