/**
 * `firstName: "Ada"` inside a line: an unquoted key and a quoted value, as GraphQL arguments, JavaScript object
 * literals and YAML flow mappings write a field (`createUser(input: {firstName: "Ada", email: "…"})`), and so inside
 * the JSON string a GraphQL request carries its query in (`firstName: \"Ada\"`).
 */
import { jsonUnescape } from './decoders.js';
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { FIELD_VALUE_MAX } from './fields.js';
import { escapedStringEnd, plainStringEnd, quoteDepth, slashesAt } from './json-strings.js';
import type { FieldRecognizer } from './types.js';
import { latin1 } from './window-features.js';

/**
 * @internal Reads the quoted value after the `:` at `k` (a space may come between) as `rec`'s, at its own bytes. The
 * quotes may be escaped as deep as the string holding them (`\"Ada\"`); a value they do not close within
 * FIELD_VALUE_MAX bytes is none.
 */
export function inlineField(engine: Engine, bytes: Buffer, k: number, rec: FieldRecognizer, out: Hit[]): void {
  let v = k + 1;
  if (bytes[v] === 32) v++;
  let slashes = 0;
  while (bytes[v + slashes] === 92) slashes++;
  const depth = quoteDepth(slashes);
  const quote = bytes[v + slashes] as number;
  // JavaScript and YAML quote with apostrophes too, never escaped by JSON
  if (!(quote === 34 || (quote === 39 && slashes === 0)) || slashes !== slashesAt(depth)) return;
  const s = v + slashes + 1;
  const limit = s + FIELD_VALUE_MAX;
  const e = slashes > 0 ? escapedStringEnd(bytes, s, limit, slashes) : plainStringEnd(bytes, s, limit, quote);
  if (e < 0) return;
  // an apostrophe-quoted string escapes its apostrophes (`'O\'Neill'`), which JSON never does
  let value = quote === 39 ? latin1(bytes, s, e).replace(/\\'/g, "'") : latin1(bytes, s, e);
  for (let d = 0; d <= depth; d++) value = jsonUnescape(value);
  emit(rec, value, s, e, engine, out);
}
