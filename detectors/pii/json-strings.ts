/**
 * JSON held in JSON strings, to any depth: a log line whose message is an SQS event whose body is a form
 * (`"message": "{\"body\": \"{\\\"first_name\\\": …}\"}"`). A quote opening or closing a string at depth L has
 * 2^L − 1 backslashes before it (`"`, `\"`, `\\\"`, `\\\\\\\"`); these helpers read those runs on the raw bytes.
 */

/** @internal How many backslashes stand right before `at`, counted back no further than `lo`. */
export function backslashesBefore(bytes: Uint8Array, at: number, lo = 0): number {
  let k = at;
  while (k > lo && bytes[k - 1] === 92) k--;
  return at - k;
}

/**
 * @internal The depth of the string a quote with `run` backslashes before it opens or closes: each decoding turns a
 * pair into one backslash and `\"` into a quote, so an even run leaves a bare quote (depth 0) and an odd one a run
 * half as long, one depth down.
 */
export function quoteDepth(run: number): number {
  let depth = 0;
  let r = run;
  while ((r & 1) === 1) {
    depth++;
    r = (r - 1) >> 1;
  }
  return depth;
}

/** @internal The backslashes before the quotes of a string `depth` strings deep (0 for plain JSON). */
export function slashesAt(depth: number): number {
  return (1 << depth) - 1;
}

/**
 * @internal Where the run of `slashes` backslashes and the quote closing a string that deep starts, searched from
 * `from` to before `limit`; -1 when a shallower quote (the end of a string holding it) comes first or none is there.
 * Deeper quotes are the value's own and are read past.
 */
export function escapedStringEnd(bytes: Uint8Array, from: number, limit: number, slashes: number): number {
  const depth = quoteDepth(slashes);
  const end = Math.min(limit, bytes.length);
  for (let e = from; e < end; e++) {
    const c = bytes[e];
    if (c === 34) return -1;
    if (c !== 92) continue;
    let q = e;
    while (q < end && bytes[q] === 92) q++;
    if (q >= end) return -1;
    if (bytes[q] === 34) {
      const d = quoteDepth(q - e);
      if (d < depth) return -1;
      if (d === depth) return q - slashes;
    }
    e = q;
  }
  return -1;
}

/**
 * @internal `end`, or before the backslashes escaping the quote at `end` when it closes a string inside a string
 * (`ada@example.org\"` ends at the `g`): they are the quote's, not the value's. Looks back no further than `lo`.
 */
export function beforeClosingEscapes(bytes: Uint8Array, lo: number, end: number): number {
  if (bytes[end] !== 34) return end;
  return end - slashesAt(quoteDepth(backslashesBefore(bytes, end, lo)));
}

/**
 * @internal Where the quoted string running from `from` ends: at its closing `quote` (a backslash escapes the byte after
 * it), or where the search stopped, past `last` or at the end of the bytes, when there is none (the caller reads the
 * byte there).
 */
export function quotedEnd(bytes: Uint8Array, from: number, quote: number, last: number): number {
  let e = from;
  while (e < bytes.length && e <= last && bytes[e] !== quote) e += bytes[e] === 92 ? 2 : 1;
  return e;
}

/** @internal Where the string starting at `s` ends: its closing `quote`, one no backslash escapes, before `limit`; -1 when none. */
export function plainStringEnd(bytes: Uint8Array, s: number, limit: number, quote = 34): number {
  const e = quotedEnd(bytes, s, quote, limit - 1);
  return e < limit && bytes[e] === quote ? e : -1;
}
