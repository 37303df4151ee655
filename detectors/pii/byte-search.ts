/** Byte searches a window's prefilters run before any regex: a literal, or any of a recognizer's keywords. */

/** @internal True when `bytes[at…]` starts with `prefix`, all of it. */
export function startsAt(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at < 0 || at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** @internal The first byte at or after `at` that is no space, tab or line break (the end of `bytes` at most). */
export function skipSpace(bytes: Uint8Array, at: number): number {
  let v = at;
  while (bytes[v] === 32 || bytes[v] === 10 || bytes[v] === 13 || bytes[v] === 9) v++;
  return v;
}

/** @internal True when the literal `lit` occurs in `bytes[ws, we)`. */
export function includesBytes(bytes: Uint8Array, ws: number, we: number, lit: Uint8Array): boolean {
  const first = lit[0] as number;
  for (let k = ws; k + lit.length <= we; k++) {
    if (bytes[k] !== first) continue;
    let i = 1;
    while (i < lit.length && bytes[k + i] === lit[i]) i++;
    if (i === lit.length) return true;
  }
  return false;
}

/** @internal True when one of `keywords` (whose first bytes `starts` marks) occurs in `bytes[ws, we)`: one pass, any count. */
export function includesAny(
  bytes: Uint8Array,
  ws: number,
  we: number,
  keywords: readonly Uint8Array[],
  starts: Uint8Array,
): boolean {
  for (let k = ws; k < we; k++) {
    if (starts[bytes[k] as number] === 0) continue;
    for (let w = 0; w < keywords.length; w++) {
      const word = keywords[w] as Uint8Array;
      if (k + word.length > we || word[0] !== bytes[k]) continue;
      let i = 1;
      while (i < word.length && bytes[k + i] === word[i]) i++;
      if (i === word.length) return true;
    }
  }
  return false;
}

/** @internal The first bytes of `keywords`, as a 256-entry table (1 where a keyword starts with that byte). */
export function startBytes(keywords: readonly string[]): Uint8Array {
  const starts = new Uint8Array(256);
  for (const k of keywords) starts[k.charCodeAt(0)] = 1;
  return starts;
}
