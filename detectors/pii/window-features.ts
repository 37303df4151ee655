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
};

/** @internal Number of integers in the exact gate key (`FV`): every feature a gate may read. */
export const FV_LENGTH = 19;
/** @internal The same features as `F`, as integers: the exact key of the gate memo. */
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
/** Bytes that continue a token (letters, digits, joiners `- . : / + ( ) _ % @ \`). */
const TOKEN = new Uint8Array(256);
for (let c = 0; c < 256; c++) TOKEN[c] = (CLASS[c] as number) !== 0 && c !== 32 ? 1 : 0;
TOKEN[95] = 1;

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
  let alnumRuns = 0;
  let k = ws;
  for (; k < max; k++) {
    const c = bytes[k] as number;
    if (tokenOnly && TOKEN[c] === 0) break;
    const cls = CLASS[c] as number;
    if (cls === 1) {
      digits++;
      alnum++;
      if (++run > maxRun) maxRun = run;
      if (run === 2 && uppers >= 2) uuDD = 1;
      continue;
    }
    if (run > 0) {
      digitRuns |= runBit(run);
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
  const fv = FV;
  fv[0] = f.len = k - ws;
  fv[1] = f.digits = digits;
  fv[2] = f.upper = upper;
  fv[3] = f.letters = upper + lower;
  fv[4] = f.maxRun = maxRun;
  fv[5] = f.maxAlnum = maxAlnum;
  fv[6] = f.dots = dots;
  fv[7] = f.colons = colons;
  fv[8] = f.dashes = dashes;
  fv[9] = f.slashes = slashes;
  fv[10] = f.spaces = spaces;
  fv[11] = f.plus = plus;
  fv[12] = f.paren = paren;
  fv[13] = f.at = at;
  fv[14] = f.percent = percent;
  fv[15] = f.backslash = backslash;
  f.uuDD = uuDD === 1;
  fv[16] = uuDD;
  fv[17] = f.digitRuns = digitRuns;
  fv[18] = f.alnumRuns = alnumRuns;
  return k;
}

/** @internal Fills `F` and `FV` for `bytes[ws, we)` (see `measureRun`). */
export function measure(bytes: Uint8Array, ws: number, we: number): WindowFeatures {
  measureRun(bytes, ws, we, false);
  return F;
}
