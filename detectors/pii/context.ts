/** @internal Context words compiled once per scanner, looked up on the bytes. */
export interface ContextIndex {
  /**
   * (first two bytes of a context word, in any case, as `b0 << 8 | b1`) → 1 + index into `lists`; 0 when
   * none. One load per byte finds the few places worth a look (~1 in 30 bytes in API traffic).
   */
  slots: Uint16Array;
  /** The same pairs as a bit set (8 KiB, stays in L1 cache): most bytes are rejected by it. */
  pairs: Int32Array;
  lists: readonly (readonly { word: Uint8Array; ids: readonly number[] }[])[];
  /** Bytes in the longest context word: a word starting just after a window needs this many to be read whole. */
  longest: number;
}

/**
 * @internal Context words seen so far in one text, advanced lazily as windows need them: each byte is
 * examined once per text instead of once per window (`lastSeen[i]`: last word start serving recognizer i).
 */
export interface ContextState {
  scanned: number;
  lastSeen: Float64Array;
}

/** @internal Indexes each recognizer's context words (UTF-8 bytes, as the scanner sees them) by their first two bytes. */
export function compileContext(words: readonly (readonly string[])[]): ContextIndex {
  const index = new Map<number, { word: Uint8Array; text: string; ids: number[] }[]>();
  words.forEach((list, id) => {
    for (const text of list) {
      const word = Buffer.from(text, 'utf8');
      const key = ((word[0] ?? 0) << 8) | (word[1] ?? 0);
      const entries = index.get(key) ?? [];
      const entry = entries.find((e) => e.text === text);
      if (entry) entry.ids.push(id);
      else entries.push({ word, text, ids: [id] });
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
  const lists = [...index.values()];
  const longest = Math.max(0, ...lists.flatMap((entries) => entries.map((e) => e.word.length)));
  return { slots, pairs, lists, longest };
}

function caseVariants(c: number): number[] {
  return c >= 97 && c <= 122 ? [c, c - 32] : [c];
}

/** 1 lower-case ASCII letter, 2 upper-case, 0 anything else. */
const LETTER = new Uint8Array(256);
for (let c = 97; c <= 122; c++) LETTER[c] = 1;
for (let c = 65; c <= 90; c++) LETTER[c] = 2;
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
  for (; k < inBounds; k++) {
    pair = ((pair << 8) | (bytes[k + 1] as number)) & 0xffff;
    if ((((pairs[pair >> 5] as number) >>> (pair & 31)) & 1) !== 0) wordAt(index, ctx, bytes, k, pair);
  }
  if (k < to) {
    pair = (pair << 8) & 0xffff;
    if ((((pairs[pair >> 5] as number) >>> (pair & 31)) & 1) !== 0) wordAt(index, ctx, bytes, k, pair);
  }
  ctx.scanned = to;
}

/** Records the context words starting at `k` (its first two bytes are `pair`), if a word starts there. */
function wordAt(index: ContextIndex, ctx: ContextState, bytes: Uint8Array, k: number, pair: number): void {
  // a word starts after a non-letter, or at an upper-case letter after a lower-case one (camelCase)
  const p = k === 0 ? 0 : (LETTER[bytes[k - 1] as number] as number);
  if (p !== 0 && !(p === 1 && LETTER[bytes[k] as number] === 2)) return;
  const slot = index.slots[pair] as number;
  for (const e of index.lists[slot - 1] as (typeof index.lists)[number]) {
    if (!startsWithIgnoreCase(bytes, k, e.word)) continue;
    for (const id of e.ids) ctx.lastSeen[id] = k;
  }
}

function startsWithIgnoreCase(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (LOWER[bytes[at + i] as number] !== word[i]) return false;
  return true;
}
