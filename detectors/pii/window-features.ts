import type { WindowFeatures } from './types.js';

/** @internal The one features object, refilled per window (no allocation on the hot path). */
export const F: WindowFeatures = {
  len: 0,
  digits: 0,
  letters: 0,
  upper: 0,
  maxRun: 0,
  maxAlnum: 0,
  dots: 0,
  colons: 0,
  dashes: 0,
  slashes: 0,
  spaces: 0,
  plus: 0,
  paren: 0,
  at: 0,
  percent: 0,
  backslash: 0,
  uuDD: false,
  digitRuns: 0,
  alnumRuns: 0,
  innerDigitRuns: 0,
};

/** @internal Number of integers in the gate key (`FV`): every feature a gate may read, two to an integer. */
export const FV_LENGTH = 12;
/** @internal `FV` is an exact key for windows shorter than this (every count fits in 16 bits). */
export const FV_EXACT = 65536;
/** @internal The same features as `F`, packed into integers: the key of the gate memo. */
export const FV = new Int32Array(FV_LENGTH);

// byte classes: 1 digit, 2 upper, 3 lower, 4 token joiner, 5.. the other counted bytes, 0 the rest
const CLASS = new Uint8Array(256);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) {
  CLASS[c] = 2;
  CLASS[c + 32] = 3;
}
const COUNTED = '.:-/ +()@%\\';
for (let k = 0; k < COUNTED.length; k++) CLASS[COUNTED.charCodeAt(k)] = 5 + k;
// '(' and ')' share the paren counter
CLASS[41] = CLASS[40] as number;
/**
 * The classes as a token sees them: 0 for a byte that ends the token (a space too), 4 for `_` (a joiner
 * counted nowhere). One lookup per byte both finds the token's end and classifies.
 */
const TOKEN_CLASS = Uint8Array.from(CLASS);
TOKEN_CLASS[32] = 0;
TOKEN_CLASS[95] = 4;

/** Bit of a run length in `digitRuns` / `alnumRuns`: k for k ≤ 30, 0 for longer runs. */
function runBit(length: number): number {
  return length > 30 ? 1 : 1 << length;
}

/**
 * @internal Fills `F` and `FV` for `bytes[ws, end)` in one pass over the bytes (no allocation) and
 * returns `end`. With `tokenOnly`, `end` is where the token starting at `ws` stops (the first byte that
 * is not a letter, digit or joiner, at most `max`): finding the window and measuring it is one pass.
 * Most windows are rejected by the gates on these counts before any string or regex exists.
 */
export function measureRun(bytes: Uint8Array, ws: number, max: number, tokenOnly: boolean): number {
  let digits = 0;
  let upper = 0;
  let lower = 0;
  let dots = 0;
  let colons = 0;
  let dashes = 0;
  let slashes = 0;
  let spaces = 0;
  let plus = 0;
  let paren = 0;
  let at = 0;
  let percent = 0;
  let backslash = 0;
  let run = 0;
  let maxRun = 0;
  let uppers = 0;
  let alnum = 0;
  let maxAlnum = 0;
  let uuDD = 0;
  let digitRuns = 0;
  let innerDigitRuns = 0;
  let alnumRuns = 0;
  const table = tokenOnly ? TOKEN_CLASS : CLASS;
  let k = ws;
  for (; k < max; k++) {
    const cls = table[bytes[k] as number] as number;
    if (cls === 1) {
      digits++;
      alnum++;
      if (++run > maxRun) maxRun = run;
      if (run === 2 && uppers >= 2) uuDD = 1;
      continue;
    }
    if (run > 0) {
      const bit = runBit(run);
      digitRuns |= bit;
      // a byte ending the token is not part of the window
      if (cls !== 0 || !tokenOnly) innerDigitRuns |= bit;
      run = 0;
    }
    if (cls === 3) {
      lower++;
      alnum++;
      uppers = 0;
      continue;
    }
    if (cls === 2) {
      upper++;
      alnum++;
      uppers++;
      continue;
    }
    if (cls === 0 && tokenOnly) break;
    uppers = 0;
    if (alnum > 0) {
      alnumRuns |= runBit(alnum);
      if (alnum > maxAlnum) maxAlnum = alnum;
      alnum = 0;
    }
    switch (cls) {
      case 5:
        dots++;
        break;
      case 6:
        colons++;
        break;
      case 7:
        dashes++;
        break;
      case 8:
        slashes++;
        break;
      case 9:
        spaces++;
        break;
      case 10:
        plus++;
        break;
      case 11:
        paren++;
        break;
      case 13:
        at++;
        break;
      case 14:
        percent++;
        break;
      case 15:
        backslash++;
        break;
    }
  }
  if (run > 0) digitRuns |= runBit(run);
  if (alnum > 0) {
    alnumRuns |= runBit(alnum);
    if (alnum > maxAlnum) maxAlnum = alnum;
  }
  const f = F;
  f.len = k - ws;
  f.digits = digits;
  f.upper = upper;
  f.letters = upper + lower;
  f.maxRun = maxRun;
  f.maxAlnum = maxAlnum;
  f.dots = dots;
  f.colons = colons;
  f.dashes = dashes;
  f.slashes = slashes;
  f.spaces = spaces;
  f.plus = plus;
  f.paren = paren;
  f.at = at;
  f.percent = percent;
  f.backslash = backslash;
  f.uuDD = uuDD === 1;
  f.digitRuns = digitRuns;
  f.alnumRuns = alnumRuns;
  f.innerDigitRuns = innerDigitRuns;
  // the key packs two counts per integer (exact while the window is shorter than 64 KiB; see `FV_EXACT`)
  const fv = FV;
  fv[0] = f.len | (digits << 16);
  fv[1] = f.letters | (upper << 16);
  fv[2] = maxRun | (maxAlnum << 16);
  fv[3] = dots | (colons << 16);
  fv[4] = dashes | (slashes << 16);
  fv[5] = spaces | (plus << 16);
  fv[6] = paren | (at << 16);
  fv[7] = percent | (backslash << 16);
  fv[8] = uuDD;
  fv[9] = digitRuns;
  fv[10] = alnumRuns;
  fv[11] = innerDigitRuns;
  return k;
}

/** @internal A copy of `F` and `FV`, kept while a nested layer's scan refills them. */
export interface FeatureSnapshot {
  f: WindowFeatures;
  fv: Int32Array;
}

/** @internal An empty snapshot (one per layer depth, reused). */
export function newSnapshot(): FeatureSnapshot {
  return { f: { ...F }, fv: new Int32Array(FV_LENGTH) };
}

/** @internal Copies `F` and `FV` into `into`. */
export function saveFeatures(into: FeatureSnapshot): void {
  Object.assign(into.f, F);
  into.fv.set(FV);
}

/** @internal Puts back what `saveFeatures` copied. */
export function restoreFeatures(from: FeatureSnapshot): void {
  Object.assign(F, from.f);
  FV.set(from.fv);
}

/** @internal Fills `F` and `FV` for `bytes[ws, we)` (see `measureRun`). */
export function measure(bytes: Uint8Array, ws: number, we: number): WindowFeatures {
  measureRun(bytes, ws, we, false);
  return F;
}

/** Node's Buffer method behind `toString('latin1', …)`, without the encoding lookup (typed here: @types/node omits it). */
type Latin1Sliceable = Buffer & { latin1Slice(start: number, end: number): string };

/** @internal `bytes[start, end)` as a latin1 string (one character per byte), the form regexes run on. */
export function latin1(bytes: Buffer, start: number, end: number): string {
  return (bytes as Latin1Sliceable).latin1Slice(start, end);
}
