/**
 * The display name before an e-mail address in angle brackets (`From: Ada Lovelace <ada@example.org>`,
 * `"Lovelace, Ada" <ada@…>`), as mail headers (RFC 5322 §3.4), git authors and package manifests write them.
 */
import type { Engine, Hit } from './engine.js';
import { emit } from './field-emit.js';
import { personNamed } from './person-names.js';
import { latin1 } from './window-features.js';

/** Longest display name read, in bytes (the scanner keeps more than this before a window). */
const NAME_MAX = 64;

/** 1 for bytes an unquoted display name is made of: letters, UTF-8, space, `.`, `-`, `'`. */
const NAME_BYTE = new Uint8Array(256);
for (let c = 65; c <= 90; c++) NAME_BYTE[c] = NAME_BYTE[c + 32] = 1;
for (let c = 0x80; c < 256; c++) NAME_BYTE[c] = 1;
for (const ch of " .-'") NAME_BYTE[ch.charCodeAt(0)] = 1;

/** @internal Reports the display names before the e-mail addresses among `out[from…]` that stand in `<…>`. */
export function displayNames(engine: Engine, bytes: Uint8Array, out: Hit[], from: number): void {
  const last = out.length;
  for (let k = from; k < last; k++) {
    const hit = out[k] as Hit;
    if (hit.type === 'EMAIL' && bytes[hit.start - 1] === 60 && bytes[hit.end] === 62)
      displayName(engine, bytes, hit.start - 1, out);
  }
}

/** The display name ending before the `<` at `lt`: quoted (a `,` inside it turns `Last, First` around) or a run of words. */
function displayName(engine: Engine, bytes: Uint8Array, lt: number, out: Hit[]): void {
  let e = lt;
  while (e > 0 && lt - e < 4 && bytes[e - 1] === 32) e--;
  let s: number;
  let value: string;
  if (bytes[e - 1] === 34) {
    e--;
    s = e;
    while (s > 0 && e - s <= NAME_MAX && bytes[s - 1] !== 34) s--;
    // quotes escaped in a JSON string (`"to": "\"Ada Lovelace\" <ada@…>"`)
    if (bytes[e - 1] === 92 && bytes[s - 2] === 92) e--;
    if (bytes[s - 1] !== 34 || e - s > NAME_MAX) return;
    const quoted = latin1(bytes as Buffer, s, e);
    const comma = quoted.indexOf(', ');
    value = comma < 0 ? quoted : `${quoted.slice(comma + 2)} ${quoted.slice(0, comma)}`;
  } else {
    s = e;
    while (s > 0 && e - s <= NAME_MAX && NAME_BYTE[bytes[s - 1] as number] === 1) s--;
    while (s < e && bytes[s] === 32) s++;
    if (e - s > NAME_MAX) return;
    value = latin1(bytes as Buffer, s, e);
  }
  const rec = personNamed(engine, value);
  if (rec) emit(rec, value, s, e, engine, out);
}
