/**
 * An HTML form's controls filled in (`<input name="first_name" value="Ada">`, `<textarea name="address">…</textarea>`):
 * a page showing a user's profile for editing names each field by its control's `name` and holds the value beside it.
 */

import { xmlUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { fieldNamed } from './field-table.js';
import { latin1 } from './window-features.js';

/** Bytes read back from a control's `name` to the start of its tag. */
const TAG_BEFORE = 256;

/** A control's tag up to its `name` attribute: `<input` or `<textarea`, then attributes. */
const CONTROL = /^<(input|textarea)\b[^<>]*$/i;
/** A `value` attribute, quoted. */
const VALUE = /\svalue\s*=\s*(["'])([^"'<>]*)\1/i;

/**
 * @internal The control whose `name` attribute holds `bytes[s, e)` (the quoted name, `key` the attribute's start):
 * when the name is a field's, its `value` attribute (or a textarea's text) is reported as that field's value. The tag,
 * or the textarea's text, must end by `hi` (the bytes in view past a key, however the input is chunked).
 */
export function controlField(
  engine: Engine,
  bytes: Buffer,
  key: number,
  s: number,
  e: number,
  hi: number,
  out: Hit[],
): void {
  const rec = fieldNamed(engine.fields, bytes, s, e);
  if (!rec) return;
  const lt = bytes.lastIndexOf(60, key);
  if (lt < 0 || key - lt > TAG_BEFORE) return;
  const head = CONTROL.exec(latin1(bytes, lt, key));
  if (!head) return;
  const gt = bytes.indexOf(62, e);
  if (gt < 0 || gt > hi) return;
  if ((head[1] as string).toLowerCase() === 'textarea') {
    const close = bytes.indexOf('</', gt, 'latin1');
    if (close > gt && close <= hi) emit(rec, xmlUnescape(latin1(bytes, gt + 1, close)), gt + 1, close, engine, out);
    return;
  }
  const tag = latin1(bytes, lt, gt);
  const value = VALUE.exec(tag);
  if (!value) return;
  const start = lt + value.index + value[0].length - 1 - (value[2] as string).length;
  emit(rec, xmlUnescape(value[2] as string), start, start + (value[2] as string).length, engine, out);
}
