/**
 * Records made of blocks a `name` field stands among: an XML element's children, and a block of `key: value` lines.
 * Each reader says whether the record holds a personal field (see record-names.ts).
 */
import type { Engine } from './engine.js';
import { emailAt, KEY_BYTE, personalKey } from './personal-keys.js';

/**
 * @internal The XML element's other children around the `name` element (`open`: its `<`; `after`: past its closing
 * tag), back to the parent's opening tag and on to its closing tag: a child named personally, or an e-mail in a
 * child's text.
 */
export function personalXml(
  engine: Engine,
  bytes: Uint8Array,
  lo: number,
  open: number,
  after: number,
  hi: number,
): boolean {
  let depth = 0;
  for (let i = open - 1; i >= lo; i--) {
    if (depth <= 1 && emailAt(bytes, i)) return true;
    if (bytes[i] !== 62) continue;
    const lt = bytes.lastIndexOf(60, i);
    if (lt < lo) break;
    const tag = tagAt(bytes, lt, i);
    i = lt;
    if (tag === CLOSING) {
      if (depth === 0 && personalKey(engine, bytes, tagName, tagNameEnd)) return true;
      depth++;
    } else if (tag === OPENING) {
      if (depth === 0) break;
      depth--;
    }
  }
  depth = 0;
  for (let i = after; i < hi; i++) {
    if (depth <= 1 && emailAt(bytes, i)) return true;
    if (bytes[i] !== 60) continue;
    const gt = bytes.indexOf(62, i);
    if (gt < 0 || gt >= hi) return false;
    const tag = tagAt(bytes, i, gt);
    i = gt;
    if (tag === CLOSING) {
      if (depth === 0) return false;
      depth--;
    } else if (tag !== OTHER && depth === 0 && personalKey(engine, bytes, tagName, tagNameEnd)) return true;
    else if (tag === OPENING) depth++;
  }
  return false;
}

const OPENING = 0;
const CLOSING = 1;
const SELF_CLOSING = 2;
/** A declaration, comment or processing instruction (`<?xml …?>`, `<!-- … -->`). */
const OTHER = 3;
/** The local name (after any `ns:` prefix) of the tag last read by `tagAt`. */
let tagName = 0;
let tagNameEnd = 0;

/** The kind of the tag `bytes[lt…gt]`; its local name is left in `tagName`/`tagNameEnd`. */
function tagAt(bytes: Uint8Array, lt: number, gt: number): number {
  const first = bytes[lt + 1];
  if (first === 63 || first === 33) return OTHER;
  let s = first === 47 ? lt + 2 : lt + 1;
  let e = s;
  while (e < gt && (KEY_BYTE[bytes[e] as number] === 1 || bytes[e] === 58)) if (bytes[e++] === 58) s = e;
  tagName = s;
  tagNameEnd = e;
  if (first === 47) return CLOSING;
  return bytes[gt - 1] === 47 ? SELF_CLOSING : OPENING;
}

/**
 * @internal The `key: value` lines of the record holding the line whose key is at `open` (the line ends at `after`):
 * the lines around it whose keys stand in the same column, back to a list item's `- ` and on to the next, up to a line
 * that is no `key:` line (a blank one), one less indented, or the reach. One of their keys is personal, or one of them
 * holds an e-mail.
 */
export function personalLines(
  engine: Engine,
  bytes: Uint8Array,
  lo: number,
  open: number,
  after: number,
  hi: number,
): boolean {
  let s = open;
  while (s > lo && bytes[s - 1] !== 10) s--;
  readLine(bytes, s, after);
  const column = lineColumn;
  let item = lineItem;
  for (let le = s - 1; !item && le > lo; ) {
    let ls = le;
    while (ls > lo && bytes[ls - 1] !== 10) ls--;
    if (!readLine(bytes, ls, le) || lineColumn < column) break;
    if (lineColumn === column && personalKeyLine(engine, bytes, le)) return true;
    item = lineItem;
    le = ls - 1;
  }
  // the next line starts past the line break, CRLF as mail and HTTP write it or LF
  for (let ls = bytes[after] === 13 ? after + 2 : after + 1; ls < hi; ) {
    let le = ls;
    while (le < hi && bytes[le] !== 10) le++;
    if (le === hi || !readLine(bytes, ls, le) || lineColumn < column || lineItem) break;
    if (lineColumn === column && personalKeyLine(engine, bytes, le)) return true;
    ls = le + 1;
  }
  return false;
}

/** The column of the key of the line last read by `readLine`, and whether it starts a list item (`- key: …`). */
let lineColumn = 0;
let lineItem = false;
let lineKey = 0;
let lineKeyEnd = 0;

/** Reads the line `bytes[s, e)` as `[indentation][- ]key: value` into the variables above; false for no such line. */
function readLine(bytes: Uint8Array, s: number, e: number): boolean {
  let k = s;
  while (k < e && (bytes[k] === 32 || bytes[k] === 9)) k++;
  lineItem = bytes[k] === 45 && bytes[k + 1] === 32;
  if (lineItem) while (k < e && (bytes[k] === 32 || bytes[k] === 9 || bytes[k] === 45)) k++;
  lineColumn = k - s;
  lineKey = k;
  while (k < e && KEY_BYTE[bytes[k] as number] === 1) k++;
  lineKeyEnd = k;
  return k > lineKey && bytes[k] === 58;
}

/** The line ending at `e`, just read by `readLine`: its key is personal, or its value holds an e-mail. */
function personalKeyLine(engine: Engine, bytes: Uint8Array, e: number): boolean {
  if (personalKey(engine, bytes, lineKey, lineKeyEnd)) return true;
  for (let a = lineKeyEnd; a < e; a++) if (emailAt(bytes, a)) return true;
  return false;
}

/** ISO 20022 elements that hold a payment's party: debtor, creditor and the ultimate ones (pain.001, pacs.008, camt.053). */
const PARTIES = new Set(['Dbtr', 'Cdtr', 'UltmtDbtr', 'UltmtCdtr']);

/**
 * @internal True when the tag before the `<` at `open` opens an ISO 20022 party (`<Cdtr><Nm>Ada Lovelace</Nm>`), as
 * SEPA payment files sent to a bank name the people paid and paying.
 */
export function partyNameAt(bytes: Uint8Array, open: number): boolean {
  let gt = open - 1;
  while (gt >= 0 && (bytes[gt] === 32 || bytes[gt] === 9 || bytes[gt] === 10 || bytes[gt] === 13)) gt--;
  if (bytes[gt] !== 62) return false;
  const lt = bytes.lastIndexOf(60, gt);
  if (lt < 0 || gt - lt > 40 || tagAt(bytes, lt, gt) !== OPENING) return false;
  return PARTIES.has(Buffer.from(bytes.buffer, bytes.byteOffset + tagName, tagNameEnd - tagName).toString('latin1'));
}
