import { type ContextWord, contextText } from './types.js';

/** @internal Context words compiled once per scanner, looked up on the bytes. */
export interface ContextIndex {
  /**
   * (first two bytes of a context word, in any case, as `b0 << 8 | b1`) → 1 + slot; 0 when none. One load
   * per byte finds the few places worth a look (~1 in 30 bytes in API traffic).
   */
  slots: Uint16Array;
  /** The same pairs as a bit set (8 KiB, stays in L1 cache): most bytes are rejected by it. */
  pairs: Int32Array;
  /**
   * Hashes of (first three bytes of a word, lower-cased) as a bit set (a two-byte word sets its pair with every
   * third byte): a word start whose third byte fits no word is rejected without a lookup.
   */
  triples: Int32Array;
  /** Slot s holds words `slotStart[s]` to `slotStart[s + 1] - 1`, all sharing their first two bytes. */
  slotStart: Uint16Array;
  /** Word w is `wordBytes[wordStart[w], wordStart[w + 1])`, lower-case UTF-8. */
  wordStart: Int32Array;
  wordBytes: Uint8Array;
  /** How word w is bounded: `PREFIX` (a string), `ALONE` (`{ alone }`) or `WHOLE` (`{ whole }`). */
  bound: Uint8Array;
  /** Words that bar word w after them (an `alone` word's `notAfter`, lower-case), if any. */
  notAfter: (ReadonlySet<string> | undefined)[];
  /** Word w serves recognizers `ids[idStart[w], idStart[w + 1])`. */
  idStart: Int32Array;
  ids: Int32Array;
  /**
   * Bytes in the longest context word, plus the byte after a `{ whole }` word: a word starting just after a
   * window needs this many to be read whole.
   */
  longest: number;
}

/**
 * @internal Context words seen so far in one text, advanced lazily as windows need them: each byte is
 * examined once per text instead of once per window (`lastSeen[i]`: last word start serving recognizer i).
 */
export interface ContextState {
  scanned: number;
  lastSeen: Float64Array;
  /**
   * Recognizers (1 at their index) put in context by the header of the table column the current window is in
   * (`card_number` above a CSV column of card numbers); undefined outside tables.
   */
  column: Uint8Array | undefined;
}

/**
 * @internal Indexes each recognizer's context words (UTF-8 bytes, as the scanner sees them) by their first two
 * bytes, in flat typed arrays: the lookup runs ~40,000 times per MB and allocates nothing.
 */
export function compileContext(words: readonly (readonly ContextWord[])[]): ContextIndex {
  const index = new Map<
    number,
    { word: Uint8Array; text: string; bound: number; notAfter: ReadonlySet<string> | undefined; ids: number[] }[]
  >();
  words.forEach((list, id) => {
    for (const original of list) {
      const text = contextText(original).toLowerCase();
      const bound = typeof original === 'string' ? PREFIX : 'alone' in original ? ALONE : WHOLE;
      const barred = typeof original === 'object' && 'alone' in original ? original.notAfter : undefined;
      const notAfter = barred ? new Set(barred.map((w) => w.toLowerCase())) : undefined;
      const word = Buffer.from(text, 'utf8');
      const key = ((word[0] ?? 0) << 8) | (word[1] ?? 0);
      const entries = index.get(key) ?? [];
      const entry = entries.find((e) => e.text === text && e.bound === bound && !e.notAfter && !notAfter);
      if (entry) entry.ids.push(id);
      else entries.push({ word, text, bound, notAfter, ids: [id] });
      index.set(key, entries);
    }
  });
  const slots = new Uint16Array(65536);
  const pairs = new Int32Array(65536 / 32);
  [...index.keys()].forEach((key, i) => {
    for (const b0 of caseVariants(key >> 8))
      for (const b1 of caseVariants(key & 0xff)) {
        const pair = (b0 << 8) | b1;
        slots[pair] = i + 1;
        pairs[pair >> 5] = (pairs[pair >> 5] as number) | (1 << (pair & 31));
      }
  });
  const entries = [...index.values()];
  const flat = entries.flat();
  const triples = new Int32Array(65536 / 32);
  const setTriple = (h: number): void => {
    triples[h >> 5] = (triples[h >> 5] as number) | (1 << (h & 31));
  };
  for (const { word } of flat) {
    const [b0 = 0, b1 = 0, b2] = word;
    if (b2 !== undefined) setTriple(tripleHash(b0, b1, b2));
    else for (let c = 0; c < 256; c++) setTriple(tripleHash(b0, b1, LOWER[c] as number));
  }
  const slotStart = new Uint16Array(entries.length + 1);
  entries.forEach((list, i) => {
    slotStart[i + 1] = (slotStart[i] as number) + list.length;
  });
  const wordStart = new Int32Array(flat.length + 1);
  const idStart = new Int32Array(flat.length + 1);
  flat.forEach((e, w) => {
    wordStart[w + 1] = (wordStart[w] as number) + e.word.length;
    idStart[w + 1] = (idStart[w] as number) + e.ids.length;
  });
  const wordBytes = Buffer.concat(flat.map((e) => e.word));
  const bound = Uint8Array.from(flat, (e) => e.bound);
  const notAfter = flat.map((e) => e.notAfter);
  const ids = Int32Array.from(flat.flatMap((e) => e.ids));
  const longest = Math.max(0, ...flat.map((e) => e.word.length + (e.bound === WHOLE ? 1 : 0)));
  return { slots, pairs, triples, slotStart, wordStart, wordBytes, bound, notAfter, idStart, ids, longest };
}

/** A word's first three bytes, lower-cased, hashed to 16 bits. */
function tripleHash(b0: number, b1: number, b2: number): number {
  return Math.imul((b0 << 16) | (b1 << 8) | b2, 0x9e3779b1) >>> 16;
}

function caseVariants(c: number): number[] {
  return c >= 97 && c <= 122 ? [c, c - 32] : [c];
}

/** How a context word is bounded (`ContextIndex.bound`). */
const PREFIX = 0;
const ALONE = 1;
const WHOLE = 2;

/** 1 lower-case ASCII letter, 2 upper-case, 0 anything else. */
const LETTER = new Uint8Array(256);
for (let c = 97; c <= 122; c++) LETTER[c] = 1;
for (let c = 65; c <= 90; c++) LETTER[c] = 2;
/** 1 for the bytes a key's earlier parts end in (letters, digits, `_`, `-`, `.`, UTF-8): no `alone` word follows them. */
const IN_KEY = new Uint8Array(256);
for (let c = 0; c < 256; c++) IN_KEY[c] = /[A-Za-z0-9_.-]/.test(String.fromCharCode(c)) || c >= 0x80 ? 1 : 0;
/** ASCII lower-casing table. */
const LOWER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

/**
 * @internal Records context words starting a word in `bytes[from, to)`: after a non-letter or at a
 * camelCase hump, so `card` counts in `card_number` and `billingCard`, `pan` not in `company`. A
 * two-byte index picks the few candidate words at each word start.
 */
export function advanceContext(
  index: ContextIndex,
  ctx: ContextState,
  bytes: Uint8Array,
  from: number,
  to: number,
): void {
  const pairs = index.pairs;
  // the loop reads only in-bounds bytes; the last byte of the input pairs with 0, as a word's second byte never is
  const inBounds = Math.min(to, bytes.length - 1);
  let pair = from < bytes.length ? (bytes[from] as number) : 0;
  let k = from;
  // most pairs hit inside a word ("status" holds "ta"): the word-start test comes after the pair, before the call
  for (; k < inBounds; k++) {
    pair = ((pair << 8) | (bytes[k + 1] as number)) & 0xffff;
    if (
      (((pairs[pair >> 5] as number) >>> (pair & 31)) & 1) !== 0 &&
      wordStartsAt(bytes, k) &&
      tripleMayStart(index.triples, bytes, k)
    )
      wordAt(index, ctx, bytes, k, pair);
  }
  if (k < to) {
    pair = (pair << 8) & 0xffff;
    if ((((pairs[pair >> 5] as number) >>> (pair & 31)) & 1) !== 0 && wordStartsAt(bytes, k))
      wordAt(index, ctx, bytes, k, pair);
  }
  ctx.scanned = to;
}

/**
 * The byte at `k` lower-cased: ASCII letters, and the second byte of a Latin-1 upper-case letter in UTF-8
 * (`Ö` C3 96 → `ö` C3 B6), so "HENKILÖTUNNUS" and "SÉCURITÉ SOCIALE" count as context too.
 */
function lowerAt(bytes: Uint8Array, k: number): number {
  const b = bytes[k] as number;
  if (b < 0x80) return LOWER[b] as number;
  return b <= 0x9e && b !== 0x97 && k > 0 && bytes[k - 1] === 0xc3 ? b + 0x20 : b;
}

/**
 * The word read up to `end` goes on there: a lower-case letter or a UTF-8 byte follows, or an upper-case letter
 * follows one (`SINGLE`); an upper-case letter after a lower-case one starts the next word (`sinNumber`).
 */
function wordGoesOn(bytes: Uint8Array, end: number): boolean {
  if (end >= bytes.length) return false;
  const next = bytes[end] as number;
  return LETTER[next] === 1 || next >= 0x80 || (LETTER[next] === 2 && LETTER[bytes[end - 1] as number] === 2);
}

/** A word starts at `k`: after a non-letter, or at an upper-case letter after a lower-case one (camelCase). */
function wordStartsAt(bytes: Uint8Array, k: number): boolean {
  const before = k === 0 ? 0 : (LETTER[bytes[k - 1] as number] as number);
  return before === 0 || (before === 1 && LETTER[bytes[k] as number] === 2);
}

/** False when the three bytes at `k` (the third may be past the end) start no context word. */
function tripleMayStart(triples: Int32Array, bytes: Uint8Array, k: number): boolean {
  if (k + 2 >= bytes.length) return true;
  const h = tripleHash(
    LOWER[bytes[k] as number] as number,
    LOWER[bytes[k + 1] as number] as number,
    lowerAt(bytes, k + 2),
  );
  return (((triples[h >> 5] as number) >>> (h & 31)) & 1) !== 0;
}

/** Longest word read before a context word for its `notAfter` check, in bytes. */
const BEFORE_MAX = 24;

/**
 * The word before `k`, one space or more apart, lower-cased ASCII letters ("" when there is none). Called for `alone`
 * words only, which no letter precedes: without a space, none is read.
 */
function wordBefore(bytes: Uint8Array, k: number): string {
  let end = k;
  while (end > 0 && bytes[end - 1] === 32) end--;
  let start = end;
  while (start > 0 && end - start < BEFORE_MAX && LETTER[bytes[start - 1] as number] !== 0) start--;
  let word = '';
  for (let p = start; p < end; p++) word += String.fromCharCode(LOWER[bytes[p] as number] as number);
  return word;
}

/**
 * Records the context words starting at `k` (its first two bytes are `pair`, which matched them in any
 * case); the caller has checked that a word starts there: after a non-letter, or at an upper-case letter
 * after a lower-case one (camelCase).
 */
function wordAt(index: ContextIndex, ctx: ContextState, bytes: Uint8Array, k: number, pair: number): void {
  const slot = (index.slots[pair] as number) - 1;
  const { wordStart, wordBytes } = index;
  const last = index.slotStart[slot + 1] as number;
  for (let w = index.slotStart[slot] as number; w < last; w++) {
    const bound = index.bound[w];
    if (bound === ALONE && k > 0 && IN_KEY[bytes[k - 1] as number] === 1) continue;
    const ws = wordStart[w] as number;
    const length = (wordStart[w + 1] as number) - ws;
    if (k + length > bytes.length) continue;
    let i = 2;
    while (i < length && lowerAt(bytes, k + i) === wordBytes[ws + i]) i++;
    if (i < length || (bound === WHOLE && wordGoesOn(bytes, k + length))) continue;
    if (index.notAfter[w]?.has(wordBefore(bytes, k))) continue;
    for (let d = index.idStart[w] as number; d < (index.idStart[w + 1] as number); d++)
      ctx.lastSeen[index.ids[d] as number] = k;
  }
}
