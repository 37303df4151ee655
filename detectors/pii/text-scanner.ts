import { afterBasic, basicCredential } from './basic-auth.js';
import { formDecoded, hasPercentEscape, jsonUnescape } from './decoders.js';
import { base64Layer, HEX_TEXT_MIN, hexLayer, jwtPayload, scanDecoded } from './encoded-layers.js';
import { type ContextState, type Hit, matchWindow, newContext } from './engine.js';
import { mayBeField } from './field-table.js';
import { fieldAt, fieldLimit } from './fields.js';
import { beforeClosingEscapes } from './json-strings.js';
import type { ScanState } from './scan-state.js';
import type { TableReader } from './table-reader.js';
import {
  boringTokenEnd,
  ibanShaped,
  isHexText,
  isLowerHex,
  isoTimestampAt,
  looksBase64At,
  MRZ,
  MRZ_LENGTH,
  mrzRun,
  NOT_WRAPPED,
  WRAPPED_MORE,
  wrappedBase64End,
} from './token-shapes.js';
import type { WindowFeatures } from './types.js';
import { vcardFieldAt } from './vcard-fields.js';
import {
  F,
  type FeatureSnapshot,
  latin1,
  measure,
  measureRun,
  newSnapshot,
  restoreFeatures,
  saveFeatures,
} from './window-features.js';
import { JOINED, joinWindow, TOK, tokenStart, utf8TokenEnd, utf8TokenStart, withSpaces } from './window-joins.js';

/** Longest window (one token run) kept across chunks: bounds the carry, in bytes. */
export const MAX_WINDOW = 64 * 1024;
/** Tokens longer than this are blobs: only literal-keyed recognizers and the base64 layer look at them. */
const BLOB = 256;

// seeds: digits, '@', and '-', ':', '.' (PEM headers, letter-only MACs)
const SEED = new Uint8Array(256);
for (let c = 48; c <= 57; c++) SEED[c] = 1;
SEED[64] = 1;
SEED[45] = SEED[58] = SEED[46] = 2;
// field keys: `=`, an XML tag's `>`, and a JSON key's closing quote found from the `:` after it (a seed already:
// most quotes open or close values); none is ever inside a window, so one pass finds them all
SEED[61] = SEED[62] = 3;

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
}

const BEGIN = Buffer.from('-----BEGIN ', 'latin1');
/** Longest PEM header looked for, closing dashes included (`-----BEGIN ENCRYPTED PRIVATE KEY-----` is 37). */
const PEM_HEADER_SPAN = 69;

/** True when `bytes[at…]` starts `BEGIN`, as far as the bytes go (`whole`: all of it must be there). */
function atBegin(bytes: Uint8Array, at: number, whole: boolean): boolean {
  const n = Math.min(BEGIN.length, bytes.length - at);
  if (whole && n < BEGIN.length) return false;
  for (let k = 0; k < n; k++) if (bytes[at + k] !== BEGIN[k]) return false;
  return true;
}

/**
 * @internal Finds candidate windows in `bytes[from, n)` and runs the recognizers on them, and in the same
 * pass checks field keys in `bytes[fieldFrom, fieldLimit)`. Returns where the next call resumes (a window
 * touching the end waits for more input), the end of the last window, and how far keys were checked.
 * Works on the bytes (latin1 view): a byte that cannot seed a window costs one table lookup.
 */
export function scanWindows(
  st: ScanState,
  bytes: Buffer,
  from: number,
  lo: number,
  final: boolean,
  depth: number,
  out: Hit[],
  fieldFrom: number,
): { resume: number; lastEnd: number; fields: number } {
  const n = bytes.length;
  st.contexts[depth] ??= newContext(st.engine);
  const ctx = st.contexts[depth];
  ctx.scanned = 0;
  ctx.lastSeen.fill(-1e9);
  const fieldEnd = fieldLimit(n, fieldFrom, final);
  let lastEnd = lo;
  let i = Math.min(from, fieldFrom);
  while (i < n) {
    while (i < n && SEED[bytes[i] as number] === 0) i++;
    if (i >= n) break;
    const c = bytes[i] as number;
    const seed = SEED[c] as number;
    // a JSON key's closing quote before `:`, or a `key: value` line (YAML, LDIF) at the `:`
    const key = seed === 3 ? i : c !== 58 ? -1 : bytes[i - 1] === 34 ? i - 1 : keyColon(bytes, i, !st.vcard) ? i : -1;
    // most keys end in two bytes no field name ends in (`order_id`, `created_at`): no key scan, no hash
    if (key >= fieldFrom && key < fieldEnd && mayBeField(st.engine.fields, bytes, key))
      fieldAt(st.engine, bytes, key, out);
    // a vCard property's `:` has its value right after it (`FN:Ada Lovelace`)
    else if (c === 58 && st.vcard && i >= fieldFrom && i < fieldEnd) vcardFieldAt(st.engine, bytes, i, out);
    if (seed === 3 || i < from) {
      i++;
      continue;
    }
    if (seed === 2) {
      if (c === 45 && bytes[i + 1] === 45) {
        // a header is decided once its closing dashes, if any, are in view, so every chunking reads it alike
        if (!final && n - i < PEM_HEADER_SPAN && atBegin(bytes, i, false))
          return { resume: i, lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
        if (atBegin(bytes, i, true)) {
          const close = bytes.indexOf('-----', i + 10, 'latin1');
          const end = close < 0 || close + 5 > i + PEM_HEADER_SPAN ? i + 10 : close + 5;
          // the header alone: the key material after it is scanned as ordinary windows
          if (st.table?.seenTable) ctx.column = columnContext(st.table, depth, i);
          matchWindow(st.engine, ctx, bytes, i, end, measure(bytes, i, end), out, true);
          lastEnd = i = end;
          continue;
        }
      }
      if (!final && i + 6 >= n)
        return { resume: tokenStart(bytes, i, lastEnd), lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
      const mac = isHex(bytes[i - 1]) && isHex(bytes[i - 2]) && (bytes[i + 3] === c || bytes[i + 5] === c);
      if (!mac) {
        i++;
        continue;
      }
    }
    let ws = tokenStart(bytes, i, lastEnd);
    const boring = boringTokenEnd(bytes, ws, Math.min(n, ws + MAX_WINDOW));
    if (boring >= 0) {
      // an ISO timestamp, UUID or hex id: the window filters would reject it once measured
      if ((boring >= n || boring + st.engine.waitAhead > n) && !final && boring - ws < MAX_WINDOW)
        return { resume: ws, lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
      lastEnd = i = boring;
      continue;
    }
    // finding the token's end and measuring it is one pass; a joined window is measured again
    const start = ws;
    const measured = measureRun(bytes, ws, Math.min(n, ws + MAX_WINDOW), true);
    // a value in JSON held in a JSON string ends before the backslashes escaping its closing quote
    let we = bytes[measured - 1] === 92 ? beforeClosingEscapes(bytes, ws, measured) : measured;
    // an e-mail address with letters beyond ASCII (`josé@…`, `ada@münchen.de`) takes its UTF-8 bytes in
    if (F.at > 0 && ((bytes[ws - 1] as number) >= 0x80 || (bytes[we] as number) >= 0x80)) {
      ws = utf8TokenStart(bytes, ws, lastEnd);
      we = utf8TokenEnd(bytes, we, Math.min(n, ws + MAX_WINDOW));
    }
    if (bytes[we] === 60 || bytes[ws - 1] === 60) {
      // '<' is no token byte, but a passport MRZ line is 44 characters of [A-Z0-9<]: kept whole
      const [ms, me] = mrzRun(bytes, ws, we, lastEnd);
      if (me + st.engine.waitAhead > n && !final && me - ms <= MRZ_LENGTH)
        return { resume: ms, lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
      if (me - ms === MRZ_LENGTH && (ms === 0 || MRZ[bytes[ms - 1] as number] === 0)) {
        measure(bytes, ms, me);
        processWindow(st, ctx, bytes, ms, me, depth, out);
        lastEnd = i = me;
        continue;
      }
    }
    if (looksBase64(F)) {
      // a file run through `base64` before it leaves: its lines are read as one block
      const block = wrappedBase64End(bytes, ws, we, n, final);
      if (block === WRAPPED_MORE) return { resume: ws, lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
      if (block !== NOT_WRAPPED) {
        base64Layer(st, bytes, ws, block, depth, out);
        lastEnd = i = block;
        continue;
      }
    }
    let nbsp = false;
    let touchesEnd = we >= n;
    if (we - ws <= 8) {
      joinWindow(bytes, ws, we, lastEnd);
      ({ ws, we, nbsp, touchesEnd } = JOINED);
    }
    // a window waits for the bytes after it too: a context word may follow it
    if ((touchesEnd || we + st.engine.waitAhead > n) && !final && we - ws < MAX_WINDOW)
      return { resume: ws, lastEnd, fields: clamp(i, fieldFrom, fieldEnd) };
    if (nbsp) {
      const spaced = withSpaces(bytes, ws, we);
      scanDecoded(st, spaced.text, bytes, ws, we, depth, out, spaced.offsets);
    } else {
      if (ws !== start || we !== measured) measure(bytes, ws, we);
      processWindow(st, ctx, bytes, ws, we, depth, out);
    }
    // a `key: value` line whose key holds a digit (`address2:`): its `:` ends this window instead of seeding
    const colon = we - 1;
    if (bytes[colon] === 58 && bytes[we] === 32 && colon >= fieldFrom && colon < fieldEnd)
      if (mayBeField(st.engine.fields, bytes, colon)) fieldAt(st.engine, bytes, colon, out);
    lastEnd = i = we;
  }
  return { resume: n, lastEnd, fields: fieldEnd };
}

/**
 * The `:` at `i` may end a key: before a space (`key: value`), a quote or a backslash (`firstName:"Ada"`), or, `glued`,
 * between a letter and a letter or digit, as Go prints a struct (`{FirstName:Ada}`) or a map (`map[street:12 High St]`)
 * (a vCard's properties are glued so too, and read as its own).
 */
function keyColon(bytes: Uint8Array, i: number, glued: boolean): boolean {
  const c = bytes[i + 1] as number;
  if (c === 32 || c === 34 || c === 39 || c === 92) return true;
  if (!glued) return false;
  // TOK: 1 a digit, 2 a letter
  return TOK[bytes[i - 1] as number] === 2 && (TOK[c] === 1 || TOK[c] === 2);
}

/** A token's counts allow base64: no '.', ':', '@', '(', ')', '%' or '\\', and upper, lower and digits all present. */
function looksBase64(f: WindowFeatures): boolean {
  return (
    f.dots + f.colons + f.at + f.paren + f.percent + f.backslash === 0 &&
    f.upper > 0 &&
    f.letters > f.upper &&
    f.digits > 0
  );
}

/** `at` within `[lo, hi]` (a plain function: a closure here is created per layer scanned). */
function clamp(at: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(at, hi));
}

function processWindow(
  st: ScanState,
  ctx: ContextState,
  bytes: Buffer,
  ws: number,
  we: number,
  depth: number,
  out: Hit[],
): void {
  const f = F;
  const len = f.len;
  if (bytes[ws - 1] === 32 && afterBasic(bytes, ws)) basicCredential(bytes, ws, we, out);
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
  // hex that decodes to text (`xxd -p`, a hex-encoded field, a bytea column) is read as what it encodes; a run of
  // digits alone may be hex as much as a number (a card number's pairs are printable bytes): it is read as both
  if (len >= HEX_TEXT_MIN && len === f.digits + f.letters && isHexText(bytes, ws, we)) {
    keepingFeatures(depth, () => hexLayer(st, bytes, ws, we, depth, out));
    if (f.letters > 0) return;
  }
  // long hex ids (trace ids, etags, hashes) without separators: no recognizer matches lower-case hex runs but an
  // IBAN typed in lower case (`de89…`)
  if (
    len >= 16 &&
    f.letters > 0 &&
    f.upper === 0 &&
    len === f.digits + f.letters &&
    isLowerHex(bytes, ws, we) &&
    !ibanShaped(bytes, ws, len)
  )
    return;
  // UUIDs and ISO timestamps are the commonest digit runs in API traffic and never PII on their own.
  if (len === 36 && f.dashes === 4 && bytes[ws + 8] === 45 && bytes[ws + 23] === 45) return;
  if (f.spaces === 0 && f.digits >= 12 && isoTimestampAt(bytes, ws)) return;
  // a form or query value (`card_number=4111+1111+…`): its '+' are spaces, unless it may be base64 (`gz:H4sI…`,
  // or a long token with a '+' in 16 bytes or fewer, where words would have more)
  const formValue =
    f.plus > 0 && bytes[ws - 1] === 61 && f.colons === 0 && (f.plus * 16 >= len || len < 24 || !looksBase64(f));
  if (f.percent > 0 || f.backslash > 0 || formValue) {
    const win = latin1(bytes, ws, we);
    const unescaped = f.backslash > 0 ? jsonUnescape(win) : win;
    const percent = f.percent > 0 && hasPercentEscape(unescaped);
    const form = percent || formValue ? formDecoded(unescaped, percent, ws) : undefined;
    const decoded = form?.text ?? unescaped;
    if (decoded !== win) {
      // a form's or a query's escapes map back to the window's bytes: what they hold is reported at its own
      const offsets = unescaped === win ? form?.offsets : undefined;
      scanDecoded(st, Buffer.from(decoded, 'latin1'), bytes, ws, we, depth, out, offsets);
      return;
    }
  }
  // a JWT's payload is JSON: an ID token carries its subject's e-mail, name and phone as claims
  if (f.dots >= 2 && bytes[ws] === 101) {
    const [ps, pe] = jwtPayload(bytes, ws, we);
    if (ps >= 0) keepingFeatures(depth, () => base64Layer(st, bytes, ps, pe, depth, out));
  }
  let blob = f.spaces === 0 && len > BLOB;
  if (f.spaces === 0 && len >= 24 && f.dots + f.at + f.paren === 0) {
    // a base64 block, or one after a `scheme:` prefix (`gz:H4sI…`, `base64:…`)
    let bs = ws;
    if (f.colons > 0)
      for (let k = we - 1; k >= ws; k--)
        if (bytes[k] === 58) {
          bs = k + 1;
          break;
        }
    // '=' never continues a token, so without a scheme prefix the counts decide
    const base64 = bs === ws ? looksBase64(f) : looksBase64At(bytes, bs, we);
    if (we - bs >= 24 && base64) {
      // a block that decodes to plain text is reported through what it decodes to, not its letters
      if (keepingFeatures(depth, () => base64Layer(st, bytes, bs, we, depth, out))) blob = true;
    }
  }
  if (st.table?.seenTable) ctx.column = columnContext(st.table, depth, ws);
  matchWindow(st.engine, ctx, bytes, ws, we, F, out, blob);
}

/** Recognizers the header of the table column holding `bytes[at]` puts in context (in the table's own layer). */
function columnContext(table: TableReader, depth: number, at: number): Uint8Array | undefined {
  return table.depth === depth ? table.contextAt(at) : undefined;
}

/** One copy of the features per layer depth, kept while a nested layer is scanned (no allocation per window). */
const SAVED: FeatureSnapshot[] = [];

/** Runs `scanLayer` (a nested layer's scan, which refills the shared features) and puts the window's features back. */
function keepingFeatures<T>(depth: number, scanLayer: () => T): T {
  SAVED[depth] ??= newSnapshot();
  const saved = SAVED[depth];
  saveFeatures(saved);
  const result = scanLayer();
  restoreFeatures(saved);
  return result;
}
