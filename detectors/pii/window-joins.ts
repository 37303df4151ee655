/**
 * Where a window starts and ends: a token run (letters, digits, joiners), and for a short one its neighbours across
 * a space when they read as one value (`GB82 WEST 1234 5698 7654 32`, `+44 20 7946 0958`, `10 Dec 1985`).
 */
import { beforeClosingEscapes } from './json-strings.js';
import { joinable, numberAfterCallingCode, yearAfterComma } from './token-shapes.js';

/** @internal Bytes that continue a token: 1 digit, 2 letter, 3 joiner (`- . : / + ( ) _ % @ \`), 0 none. */
export const TOK = new Uint8Array(256);
for (let c = 48; c <= 57; c++) TOK[c] = 1;
for (let c = 65; c <= 90; c++) TOK[c] = TOK[c + 32] = 2;
for (const ch of '-.:/+()_%@\\') TOK[ch.charCodeAt(0)] = 3;

/** @internal True for bytes that continue a token (letters, digits, joiners). */
export function isTokenChar(c: number): boolean {
  return c < 256 && (TOK[c] ?? 0) !== 0;
}

/** @internal Where the token holding `bytes[i - 1]` starts, looking back no further than `lo`. */
export function tokenStart(bytes: Uint8Array, i: number, lo: number): number {
  let s = i;
  while (s > lo && TOK[bytes[s - 1] as number] !== 0) s--;
  return s;
}

/**
 * @internal Where the token holding `bytes[i - 1]` starts when UTF-8 letters continue it too, looking back no further
 * than `lo`. Only whole UTF-8 sequences count: a stray byte from 0x80 up is a binary format's framing (MessagePack's
 * string header before `ada@…`), not a letter.
 */
export function utf8TokenStart(bytes: Uint8Array, i: number, lo: number): number {
  let s = i;
  while (s > lo) {
    const b = bytes[s - 1] as number;
    if (TOK[b] !== 0) s--;
    else if (b < 0x80) break;
    else {
      const lead = utf8SequenceBefore(bytes, s, lo);
      if (lead < 0) break;
      s = lead;
    }
  }
  return s;
}

/** @internal Where the token holding `bytes[e - 1]` ends when whole UTF-8 sequences continue it too, at most `max`. */
export function utf8TokenEnd(bytes: Uint8Array, e: number, max: number): number {
  let end = e;
  while (end < max) {
    const b = bytes[end] as number;
    if (TOK[b] !== 0) end++;
    else {
      const length = utf8Length(b);
      if (length === 0 || end + length > max) break;
      let k = 1;
      while (k < length && isContinuation(bytes[end + k] as number)) k++;
      if (k < length) break;
      end += length;
    }
  }
  return end;
}

/** Bytes in the UTF-8 sequence a lead byte starts (0 for ASCII, a continuation byte or an invalid lead). */
function utf8Length(b: number): number {
  return b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Where the whole UTF-8 sequence ending at `bytes[end - 1]` starts (not before `lo`), or -1 when it is no whole one. */
function utf8SequenceBefore(bytes: Uint8Array, end: number, lo: number): number {
  let k = end - 1;
  while (k > lo && end - k < 4 && isContinuation(bytes[k] as number)) k--;
  return k >= lo && utf8Length(bytes[k] as number) === end - k ? k : -1;
}

/**
 * @internal What `joinWindow` found (one object, refilled: no allocation per window). `nbsp`: a no-break space joins
 * two of its tokens; `touchesEnd`: the window reaches the end of the bytes, so more input may extend it.
 */
export const JOINED = { ws: 0, we: 0, nbsp: false, touchesEnd: false };

/**
 * @internal Joins the short token `bytes[ws, we)` with the `joinable` tokens before it (back to `lo`) and after it
 * across one space or no-break space each (U+00A0, as word processors and HTML-to-text write `+44 20 7946 0958`), and
 * a US date's year after its comma (`December 10, 1985`). The result is left in `JOINED`.
 */
export function joinWindow(bytes: Uint8Array, ws: number, we: number, lo: number): void {
  const n = bytes.length;
  let nbsp = false;
  for (let g = gapBefore(bytes, ws); g > 0; g = gapBefore(bytes, ws)) {
    if (ws - g - 1 < lo || TOK[bytes[ws - g - 1] as number] === 0) break;
    const t = tokenStart(bytes, ws - g, lo);
    if (!joinable(bytes, t, ws - g)) break;
    ws = t;
    nbsp ||= g === 2;
  }
  let touchesEnd = we >= n;
  for (let g = gapAfter(bytes, we); !touchesEnd && g > 0; g = gapAfter(bytes, we)) {
    let f = we + g;
    while (f < n && TOK[bytes[f] as number] !== 0) f++;
    if (f >= n) touchesEnd = true;
    // a value in JSON held in a JSON string ends before the backslashes escaping its closing quote
    if (bytes[f - 1] === 92) f = beforeClosingEscapes(bytes, we + g, f);
    if (f === we + g || !(joinable(bytes, we + g, f) || numberAfterCallingCode(bytes, ws, we, we + g, f))) break;
    we = f;
    nbsp ||= g === 2;
  }
  if (bytes[we] === 44) {
    const year = yearAfterComma(bytes, we);
    if (year >= 0) we = year;
  }
  JOINED.ws = ws;
  JOINED.we = we;
  JOINED.nbsp = nbsp;
  JOINED.touchesEnd = touchesEnd;
}

/** Bytes of the space right before `at`: 1 for a space, 2 for a no-break space, 0 for none. */
function gapBefore(bytes: Uint8Array, at: number): number {
  if (bytes[at - 1] === 32) return 1;
  return bytes[at - 1] === 0xa0 && bytes[at - 2] === 0xc2 ? 2 : 0;
}

/** Bytes of the space at `at`: 1 for a space, 2 for a no-break space, 0 for none. */
function gapAfter(bytes: Uint8Array, at: number): number {
  if (bytes[at] === 32) return 1;
  return bytes[at] === 0xc2 && bytes[at + 1] === 0xa0 ? 2 : 0;
}

/**
 * @internal `bytes[ws, we)` with its no-break spaces made spaces (the text every recognizer reads), and the offset in
 * `bytes` of each of its bytes and of its end, so a value is reported at its own bytes.
 */
export function withSpaces(bytes: Buffer, ws: number, we: number): { text: Buffer; offsets: Int32Array } {
  const text = Buffer.allocUnsafe(we - ws);
  const offsets = new Int32Array(we - ws + 1);
  let n = 0;
  for (let k = ws; k < we; k++, n++) {
    offsets[n] = k;
    const nbsp = bytes[k] === 0xc2 && bytes[k + 1] === 0xa0 && k + 1 < we;
    text[n] = nbsp ? 32 : (bytes[k] as number);
    if (nbsp) k++;
  }
  offsets[n] = we;
  return { text: text.subarray(0, n), offsets: offsets.subarray(0, n + 1) };
}
