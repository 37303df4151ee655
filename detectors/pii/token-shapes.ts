/**
 * Byte-level shape tests that decide where a window starts and ends and what it is before any recognizer
 * runs: joins across a space, lower-case hex ids, base64 blocks, passport MRZ lines.
 */
import { MONTH_NAMES } from './month-names.js';

/**
 * @internal A token joins its neighbour across one space when both are short (≤ 8) and it holds a digit or is 1–4
 * upper-case letters: "GB82 WEST 1234", "+44 20 7946 0958", "YZ 61 48 68 B"; or it is a month's name
 * ("10 Dec 1985", "5 September 1980", "10. Dezember 1985"); a timestamp or a path never.
 */
export function joinable(bytes: Uint8Array, s: number, e: number): boolean {
  if (isMonth(bytes, s, e)) return true;
  if (e - s > 8) return false;
  let upper = true;
  for (let k = s; k < e; k++) {
    const c = bytes[k] as number;
    if (c >= 48 && c <= 57) return true;
    if (c < 65 || c > 90) upper = false;
  }
  return upper && e - s <= 4;
}

/**
 * @internal True when `bytes[s, e)` is a calling code (`+1`, `+44`, `+353`) and `bytes[ns, ne)` a number written in
 * dashed or dotted groups after it (`+1 202-555-0123`, `+49 30-901820`): one number, though the groups are one token
 * too long to join.
 */
export function numberAfterCallingCode(bytes: Uint8Array, s: number, e: number, ns: number, ne: number): boolean {
  if (bytes[s] !== 43 || e - s < 2 || e - s > 4 || ne - ns > 16) return false;
  for (let k = s + 1; k < e; k++) if (!isDigit(bytes[k])) return false;
  for (let k = ns; k < ne; k++) {
    const c = bytes[k] as number;
    // a separator between digits only
    if (!isDigit(c) && !((c === 45 || c === 46) && isDigit(bytes[k - 1]) && isDigit(bytes[k + 1]))) return false;
  }
  return true;
}

const MONTH_BYTES = MONTH_NAMES.map((m) => Buffer.from(m, 'latin1'));
/** Longest month's name, in bytes. */
const MONTH_MAX = Math.max(...MONTH_BYTES.map((m) => m.length));
/** 1 for the bytes (either case) a month's name starts with. */
const MONTH_START = new Uint8Array(256);
for (const m of MONTH_BYTES) MONTH_START[m[0] as number] = MONTH_START[(m[0] as number) - 32] = 1;

/** True when `bytes[s, e)` is a month's name or abbreviation (`Dec.` too, see month-names.ts), in any case. */
function isMonth(bytes: Uint8Array, s: number, end: number): boolean {
  const e = bytes[end - 1] === 46 ? end - 1 : end;
  if (e - s < 3 || e - s > MONTH_MAX || MONTH_START[bytes[s] as number] !== 1) return false;
  for (const m of MONTH_BYTES) {
    if (m.length !== e - s) continue;
    let k = 0;
    while (k < m.length && ((bytes[s + k] as number) | 32) === m[k]) k++;
    if (k === m.length) return true;
  }
  return false;
}

/** `st`, `nd`, `rd` and `th` as `b0 << 8 | b1`, lower-case: a day's ordinal suffix. */
const ORDINALS = new Set(['st', 'nd', 'rd', 'th'].map((o) => (o.charCodeAt(0) << 8) | o.charCodeAt(1)));

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/**
 * @internal Where a year ends when `bytes[we…]` is `, 1985` after a month's name and a day (`December 10, 1985`,
 * `Dec. 3rd, 1962`), as US dates are written; -1 otherwise. The comma ends the day's token, so only here does the year join its window.
 */
export function yearAfterComma(bytes: Uint8Array, we: number): number {
  if (bytes[we] !== 44 || bytes[we + 1] !== 32) return -1;
  let d = we;
  if (ORDINALS.has((((bytes[d - 2] as number) | 32) << 8) | ((bytes[d - 1] as number) | 32))) d -= 2;
  let digits = 0;
  while (digits < 3 && isDigit(bytes[d - 1 - digits])) digits++;
  const space = d - 1 - digits;
  if (digits === 0 || digits > 2 || bytes[space] !== 32) return -1;
  let m = space;
  while (m > 0 && space - m < 10 && (((bytes[m - 1] as number) | 32) >= 97 || bytes[m - 1] === 46)) m--;
  if (!isMonth(bytes, m, space)) return -1;
  const y = we + 2;
  const century = ((bytes[y] as number) << 8) | (bytes[y + 1] as number);
  if (century !== 0x3139 && century !== 0x3230) return -1;
  if (!isDigit(bytes[y + 2]) || !isDigit(bytes[y + 3])) return -1;
  const after = bytes[y + 4];
  return after !== undefined && (isDigit(after) || ((after | 32) >= 97 && (after | 32) <= 122)) ? -1 : y + 4;
}

/** The longest IBAN (Russia's), in characters. */
const IBAN_MAX = 34;

/**
 * @internal The `len`-byte token at `at` may be an IBAN: no longer than one, and starting as one does, two letters
 * (its country) then two digits (its check). Typed in lower case, an IBAN is lower-case hex (`de89…`), so the hex-id
 * filters let it through.
 */
export function ibanShaped(bytes: Uint8Array, at: number, len: number): boolean {
  const a = (bytes[at] as number) | 32;
  const b = (bytes[at + 1] as number) | 32;
  return (
    len <= IBAN_MAX && a >= 97 && a <= 122 && b >= 97 && b <= 122 && isDigit(bytes[at + 2]) && isDigit(bytes[at + 3])
  );
}

/** @internal True when `bytes[ws, we)` is lower-case hex (trace ids, etags, hashes). */
export function isLowerHex(bytes: Uint8Array, ws: number, we: number): boolean {
  for (let k = ws; k < we; k++) {
    const c = bytes[k] as number;
    if (c > 102 || (c > 57 && c < 97)) return false;
  }
  return true;
}

/** @internal Hex digit values; 255 for other bytes. */
export const HEX_VALUE = new Uint8Array(256).fill(255);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) HEX_VALUE[65 + c] = HEX_VALUE[97 + c] = 10 + c;

/**
 * @internal `bytes[s, e)` is hex that decodes to printable ASCII text (`xxd -p` output, a hex-encoded form field, a
 * bytea column): even length, every pair a byte from space to `~` or a tab or line break. A random hex id fails at
 * its first pairs (63 % of bytes are not printable), so the test costs little on trace ids and hashes.
 */
export function isHexText(bytes: Uint8Array, s: number, e: number): boolean {
  if (((e - s) & 1) !== 0) return false;
  for (let k = s; k < e; k += 2) {
    const hi = HEX_VALUE[bytes[k] as number] as number;
    const lo = HEX_VALUE[bytes[k + 1] as number] as number;
    if (hi === 255 || lo === 255) return false;
    const b = (hi << 4) | lo;
    if ((b < 32 || b > 126) && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return true;
}

/** @internal A token worth base64-decoding: long enough, only base64 characters, mixed case and digits (not hex, not a word). */
export function looksBase64At(bytes: Uint8Array, s: number, e: number): boolean {
  if (e - s < 24) return false;
  let upper = false;
  let lower = false;
  let digit = false;
  for (let k = s; k < e; k++) {
    const c = bytes[k] as number;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 48 && c <= 57) digit = true;
    else if (c !== 43 && c !== 47 && c !== 61 && c !== 45 && c !== 95) return false;
  }
  return upper && lower && digit;
}

/** Longest block of wrapped base64 read as one layer, in bytes: a longer one is read a block at a time. */
export const WRAPPED_MAX = 48 * 1024;
/** `wrappedBase64End`: the line starts no block of wrapped base64. */
export const NOT_WRAPPED = -1;
/** `wrappedBase64End`: the block reaches the end of the bytes in view, and more may come. */
export const WRAPPED_MORE = -2;
/** 1 for the base64 alphabets' bytes (standard and URL-safe). */
const B64 = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[ch.charCodeAt(0)] = 1;

/**
 * @internal The end of a block of base64 wrapped in lines of one width (`base64` and MIME wrap at 76, PEM at 64)
 * whose first line is the token `[ws, we)`: after its last full line and a shorter (or padded) closing one, at most
 * `WRAPPED_MAX` bytes on. A value cut by a line break is whole again once the block is decoded as one. Lines of a
 * width that is a multiple of 4 decode on their own, so a longer block is read a block at a time.
 */
export function wrappedBase64End(bytes: Uint8Array, ws: number, we: number, n: number, final: boolean): number {
  const width = we - ws;
  if (width < 40 || width % 4 !== 0 || (ws > 0 && bytes[ws - 1] !== 10)) return NOT_WRAPPED;
  let end = we;
  for (let lines = 1; end - ws < WRAPPED_MAX; lines++) {
    let at = end;
    if (bytes[at] === 13) at++;
    if (at >= n) return final ? (lines > 1 ? end : NOT_WRAPPED) : WRAPPED_MORE;
    if (bytes[at] !== 10) return lines > 1 ? end : NOT_WRAPPED;
    at++;
    let k = at;
    while (k < n && B64[bytes[k] as number] === 1 && k - at < width) k++;
    while (k < n && bytes[k] === 61 && k - at < width) k++;
    if (k >= n && !final) return WRAPPED_MORE;
    const length = k - at;
    if (length === 0 || (k < n && bytes[k] !== 10 && bytes[k] !== 13)) return lines > 1 ? end : NOT_WRAPPED;
    end = k;
    if (length < width || bytes[k - 1] === 61) return end;
  }
  return end;
}

/** Length of an ICAO 9303 TD3 line, and the bytes it is made of (A–Z, 0–9, '<'). */
export const MRZ_LENGTH = 44;
/** @internal */
export const MRZ = new Uint8Array(256);
for (let c = 48; c <= 57; c++) MRZ[c] = 1;
for (let c = 65; c <= 90; c++) MRZ[c] = 1;
MRZ[60] = 1;

/** @internal The run of MRZ bytes around the token `[ws, we)` (empty unless the token is all MRZ bytes), not before `lo`. */
export function mrzRun(bytes: Uint8Array, ws: number, we: number, lo: number): [number, number] {
  for (let k = ws; k < we; k++) if (MRZ[bytes[k] as number] === 0) return [ws, ws];
  let s = ws;
  while (s > lo && MRZ[bytes[s - 1] as number] === 1 && ws - s <= MRZ_LENGTH) s--;
  let e = we;
  while (e < bytes.length && MRZ[bytes[e] as number] === 1 && e - s <= MRZ_LENGTH) e++;
  return [s, e];
}

/** Token bytes as the boring-token walk sees them: 0 ends the token, 1 digit, 2 a–f, 3 `-`, 4 any other token byte. */
const BORING_CLASS = new Uint8Array(256);
for (const ch of '-.:/+()_%@\\') BORING_CLASS[ch.charCodeAt(0)] = 4;
for (let c = 65; c <= 90; c++) BORING_CLASS[c] = BORING_CLASS[c + 32] = 4;
for (let c = 97; c <= 102; c++) BORING_CLASS[c] = 2;
for (let c = 48; c <= 57; c++) BORING_CLASS[c] = 1;
BORING_CLASS[45] = 3;

const MIDNIGHT = Buffer.from('00:00:00', 'latin1');

/**
 * @internal True when an ISO timestamp starts at `ws` (`2024-06-19T22:27:14…`), but not a date at midnight
 * (`1985-12-10T00:00:00Z`): a date kept in a date-time type, as a birth date serialized from one is.
 */
export function isoTimestampAt(bytes: Uint8Array, ws: number): boolean {
  if (bytes[ws + 4] !== 45 || bytes[ws + 10] !== 84 || bytes[ws + 13] !== 58) return false;
  for (let k = 0; k < MIDNIGHT.length; k++) if (bytes[ws + 11 + k] !== MIDNIGHT[k]) return true;
  return false;
}

/**
 * @internal The end of the token at `ws` (at most `max`) when it is an ISO timestamp, a UUID or a lower-case
 * hex id of 16 or more characters (not hex-encoded text, not shaped like an IBAN), exactly as the window filters define them; -1 otherwise. A third of the
 * window bytes in API traffic are these: one cheap pass rejects them before they are measured.
 */
export function boringTokenEnd(bytes: Uint8Array, ws: number, max: number): number {
  const iso = isoTimestampAt(bytes, ws);
  const uuid = bytes[ws + 8] === 45 && bytes[ws + 23] === 45;
  // a hex id has its 1st and 16th byte hex: most digit runs end sooner and are rejected without a walk
  let hex = isHexClass(bytes[ws]) && isHexClass(bytes[ws + 15]);
  if (!iso && !uuid && !hex) return -1;
  let digits = 0;
  let dashes = 0;
  let hexLetter = false;
  let k = ws;
  for (; k < max; k++) {
    const cls = BORING_CLASS[bytes[k] as number] as number;
    if (cls === 1) digits++;
    else if (cls === 2) hexLetter = true;
    else if (cls === 0) break;
    else {
      hex = false;
      if (cls === 3) dashes++;
      if (!iso && !uuid) return -1;
    }
  }
  const len = k - ws;
  if (iso && digits >= 12) return k;
  if (uuid && len === 36 && dashes === 4) return k;
  // hex that decodes to text is read as what it encodes (see `isHexText`), and an IBAN may be lower-case hex: not skipped
  return hex && hexLetter && len >= 16 && !ibanShaped(bytes, ws, len) && !isHexText(bytes, ws, k) ? k : -1;
}

function isHexClass(c: number | undefined): boolean {
  const cls = c === undefined ? 0 : (BORING_CLASS[c] as number);
  return cls === 1 || cls === 2;
}
