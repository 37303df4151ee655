import {
  hasPercentEscape,
  inflateCapped,
  jsonUnescape,
  looksBase64,
  looksText,
  percentDecode,
  sniffCompression,
} from './decoders.js';
import { CONTEXT_LOOKBACK, type ContextState, type Engine, type Hit, matchWindow, newContext } from './engine.js';
import { scanFields } from './fields.js';
import { F, measure } from './window-features.js';

/** Why a decoded layer was not followed. */
export const LimitKind = {
  BOMB: 'decompression-bomb',
  DEPTH: 'depth',
  DECODED_SIZE: 'decoded-size',
  CORRUPT: 'corrupt',
} as const;
export type LimitKind = (typeof LimitKind)[keyof typeof LimitKind];

/** A decoded layer that was reported instead of followed; offsets are into the original input. */
export interface DecodeLimit {
  kind: LimitKind;
  start: number;
  end: number;
}

/** @internal Shared by every layer of one scan: recognizers, caps and what was decoded so far. */
export interface ScanState {
  engine: Engine;
  maxDepth: number;
  maxDecodedBytes: number;
  decodedBytes: number;
  limits: DecodeLimit[];
}

/** Longest window (one token run) kept across chunks: bounds the carry, in bytes. */
export const MAX_WINDOW = 64 * 1024;
/** Tokens longer than this are blobs: only literal-keyed recognizers and the base64 layer look at them. */
const BLOB = 256;

// 1 digit, 2 letter, 3 joiner (- . : / + ( ) _ % @ \)
const TOK = new Uint8Array(256);
for (let c = 48; c <= 57; c++) TOK[c] = 1;
for (let c = 65; c <= 90; c++) TOK[c] = TOK[c + 32] = 2;
for (const ch of '-.:/+()_%@\\') TOK[ch.charCodeAt(0)] = 3;
// seeds: digits, '@', and '-', ':', '.' (PEM headers, letter-only MACs)
const SEED = new Uint8Array(256);
for (let c = 48; c <= 57; c++) SEED[c] = 1;
SEED[64] = 1;
SEED[45] = SEED[58] = SEED[46] = 2;

/** @internal True for bytes that continue a token (letters, digits, joiners). */
export function isTokenChar(c: number): boolean {
  return c < 256 && (TOK[c] ?? 0) !== 0;
}

function tok(text: string, i: number): number {
  return TOK[text.charCodeAt(i) & 0xff] ?? 0;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * A token joins its neighbour across one space when both are short (≤ 8) and it holds a digit or is 1–4
 * upper-case letters: "GB82 WEST 1234", "+44 20 7946 0958", "YZ 61 48 68 B"; a timestamp or a path never.
 */
function joinable(text: string, s: number, e: number): boolean {
  if (e - s > 8) return false;
  let upper = true;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) return true;
    if (c < 65 || c > 90) upper = false;
  }
  return upper && e - s <= 4;
}

/**
 * @internal Finds candidate windows in `text[from, n)` and runs the recognizers on them. Returns where
 * the next call resumes (a window touching the end waits for more input) and the end of the last window.
 */
export function scanWindows(
  st: ScanState,
  text: string,
  from: number,
  lo: number,
  final: boolean,
  depth: number,
  out: Hit[],
): { resume: number; lastEnd: number } {
  const n = text.length;
  const ctx = newContext(st.engine);
  let lastEnd = lo;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const seed = c < 256 ? (SEED[c] ?? 0) : 0;
    if (seed === 0) {
      i++;
      continue;
    }
    if (seed === 2) {
      if (c === 45 && text.charCodeAt(i + 1) === 45) {
        if (!final && n - i < 11 + 128 && '-----BEGIN '.startsWith(text.slice(i, i + 11)))
          return { resume: i, lastEnd };
        if (text.startsWith('-----BEGIN ', i)) {
          const close = text.indexOf('-----', i + 10);
          const end = close < 0 || close > i + 64 ? i + 10 : close + 5;
          const pemEnd = Math.min(n, end + 128);
          matchWindow(st.engine, ctx, text, i, pemEnd, measure(text, i, pemEnd), out, true);
          lastEnd = i = end;
          continue;
        }
      }
      if (!final && i + 6 >= n) return { resume: tokenStart(text, i, lastEnd), lastEnd };
      const mac =
        isHex(text.charCodeAt(i - 1)) &&
        isHex(text.charCodeAt(i - 2)) &&
        (text.charCodeAt(i + 3) === c || text.charCodeAt(i + 5) === c);
      if (!mac) {
        i++;
        continue;
      }
    }
    let ws = tokenStart(text, i, lastEnd);
    let we = i;
    while (we < n && tok(text, we) && we - ws < MAX_WINDOW) we++;
    const seedShort = we - ws <= 8;
    while (seedShort && ws - 2 >= lastEnd && text.charCodeAt(ws - 1) === 32 && tok(text, ws - 2)) {
      const t = tokenStart(text, ws - 1, lastEnd);
      if (!joinable(text, t, ws - 1)) break;
      ws = t;
    }
    let touchesEnd = we >= n;
    while (seedShort && !touchesEnd && text.charCodeAt(we) === 32) {
      let f = we + 1;
      while (f < n && tok(text, f)) f++;
      if (f >= n) touchesEnd = true;
      if (f === we + 1 || !joinable(text, we + 1, f)) break;
      we = f;
    }
    if (touchesEnd && !final && we - ws < MAX_WINDOW) return { resume: ws, lastEnd };
    processWindow(st, ctx, text, ws, we, depth, out);
    lastEnd = i = we;
  }
  return { resume: n, lastEnd };
}

function tokenStart(text: string, i: number, lo: number): number {
  let s = i;
  while (s > lo && tok(text, s - 1)) s--;
  return s;
}

function isLowerHex(text: string, ws: number, we: number): boolean {
  for (let k = ws; k < we; k++) {
    const c = text.charCodeAt(k);
    if (c > 102 || (c > 57 && c < 97)) return false;
  }
  return true;
}

function processWindow(
  st: ScanState,
  ctx: ContextState,
  text: string,
  ws: number,
  we: number,
  depth: number,
  out: Hit[],
): void {
  const f = measure(text, ws, we);
  const len = f.len;
  // Short numbers (counts, status codes, versions) match nothing but a UK postcode ("SW1A 1AA"); 38 % of
  // windows in the bench corpus end here.
  if (
    f.digits < 4 &&
    f.at === 0 &&
    f.colons < 2 &&
    len < 14 &&
    f.percent + f.backslash === 0 &&
    !(f.upper >= 2 && len <= 8)
  )
    return;
  // long hex ids (trace ids, etags, hashes) without separators: no recognizer matches lower-case hex runs
  if (len >= 16 && f.letters > 0 && f.upper === 0 && len === f.digits + f.letters && isLowerHex(text, ws, we)) return;
  // UUIDs and ISO timestamps are the commonest digit runs in API traffic and never PII on their own.
  if (len === 36 && f.dashes === 4 && text.charCodeAt(ws + 8) === 45 && text.charCodeAt(ws + 23) === 45) return;
  if (
    f.spaces === 0 &&
    f.digits >= 12 &&
    text.charCodeAt(ws + 4) === 45 &&
    text.charCodeAt(ws + 10) === 84 &&
    text.charCodeAt(ws + 13) === 58
  )
    return;
  if (f.percent > 0 || f.backslash > 0) {
    const win = text.slice(ws, we);
    let decoded = f.backslash > 0 ? jsonUnescape(win) : win;
    // form encoding: '+' is a space
    if (f.percent > 0 && hasPercentEscape(decoded)) decoded = percentDecode(decoded.replace(/\+/g, ' '));
    if (decoded !== win) {
      scanDecoded(st, decoded, text, ws, we, depth, out);
      return;
    }
  }
  const blob = f.spaces === 0 && len > BLOB;
  if (f.spaces === 0 && len >= 24 && f.dots + f.at + f.paren === 0) {
    // a base64 block, or one after a `scheme:` prefix (`gz:H4sI…`, `base64:…`)
    const bs = f.colons === 0 ? ws : text.lastIndexOf(':', we - 1) + 1;
    if (we - bs >= 24 && looksBase64(text.slice(bs, we))) {
      const saved = { ...f };
      base64Layer(st, text, bs, we, depth, out);
      Object.assign(F, saved);
    }
  }
  matchWindow(st.engine, ctx, text, ws, we, F, out, blob);
}

function base64Layer(st: ScanState, text: string, ws: number, we: number, depth: number, out: Hit[]): void {
  const token = text.slice(ws, we);
  let bytes: Buffer = Buffer.from(token, /[-_]/.test(token) ? 'base64url' : 'base64');
  if (!reserve(st, bytes.length, ws, we)) return;
  const kind = sniffCompression(bytes);
  if (kind) {
    const room = Math.min(st.maxDecodedBytes - st.decodedBytes, Math.max(1 << 20, bytes.length * 200));
    const inflated = inflateCapped(bytes, kind, room);
    if (!inflated.ok) {
      st.limits.push({ kind: inflated.reason === 'bomb' ? LimitKind.BOMB : LimitKind.CORRUPT, start: ws, end: we });
      return;
    }
    if (!reserve(st, inflated.bytes.length, ws, we)) return;
    bytes = inflated.bytes;
  } else if (!looksText(bytes)) return;
  scanDecoded(st, bytes.toString('latin1'), text, ws, we, depth, out);
}

function reserve(st: ScanState, bytes: number, start: number, end: number): boolean {
  if (st.decodedBytes + bytes > st.maxDecodedBytes) {
    st.limits.push({ kind: LimitKind.DECODED_SIZE, start, end });
    return false;
  }
  st.decodedBytes += bytes;
  return true;
}

/**
 * @internal Scans a decoded layer whole (it is bounded by MAX_WINDOW or the decoded-size cap) and reports
 * every hit at the offsets of the encoded block `[ws, we)`; the parent's text before it gives context.
 */
export function scanDecoded(
  st: ScanState,
  decoded: string,
  parent: string,
  ws: number,
  we: number,
  depth: number,
  out: Hit[],
): void {
  if (depth + 1 > st.maxDepth) {
    st.limits.push({ kind: LimitKind.DEPTH, start: ws, end: we });
    return;
  }
  const prefix = parent.slice(Math.max(0, ws - CONTEXT_LOOKBACK), ws);
  const text = prefix + decoded;
  const inner: Hit[] = [];
  scanWindows(st, text, prefix.length, prefix.length, true, depth + 1, inner);
  scanFields(st.engine, text, prefix.length, true, inner);
  for (const h of inner) {
    h.start = ws;
    h.end = we;
    out.push(h);
  }
}
