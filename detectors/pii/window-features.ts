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
};

/** @internal Fills the shared features object for `text[ws, we)` in one pass (no allocation). */
export function measure(text: string, ws: number, we: number): WindowFeatures {
  const f = F;
  f.len = we - ws;
  f.digits = f.letters = f.upper = f.maxRun = f.maxAlnum = f.dots = f.colons = f.dashes = f.slashes = f.spaces = 0;
  f.plus = f.paren = f.at = f.percent = f.backslash = 0;
  f.uuDD = false;
  let run = 0;
  let uppers = 0;
  let alnum = 0;
  for (let k = ws; k < we; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++alnum > f.maxAlnum) f.maxAlnum = alnum;
    } else alnum = 0;
    if (c >= 48 && c <= 57) {
      f.digits++;
      if (++run > f.maxRun) f.maxRun = run;
      if (run === 2 && uppers >= 2) f.uuDD = true;
      continue;
    }
    run = 0;
    if (c >= 65 && c <= 90) {
      f.letters++;
      f.upper++;
      uppers++;
      continue;
    }
    uppers = 0;
    if (c >= 97 && c <= 122) f.letters++;
    else if (c === 46) f.dots++;
    else if (c === 58) f.colons++;
    else if (c === 45) f.dashes++;
    else if (c === 47) f.slashes++;
    else if (c === 32) f.spaces++;
    else if (c === 43) f.plus++;
    else if (c === 40 || c === 41) f.paren++;
    else if (c === 64) f.at++;
    else if (c === 37) f.percent++;
    else if (c === 92) f.backslash++;
  }
  return f;
}
