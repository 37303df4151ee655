import fc from 'fast-check';
import type { Verdict } from '../../detectors/pii/types.js';

/** A recognizer's validator, as the engine calls it. */
export type Validator = (m: RegExpExecArray) => Verdict;

/** A match of the whole text, as the engine hands it to a validator. */
export function matchOf(text: string): RegExpExecArray {
  const m = /^[\dA-Za-z -]+$/.exec(text);
  if (!m) throw new Error('test value is not letters, digits and separators');
  return m;
}

/** The validator's verdict on the whole text. */
export const verdictOn = (validate: Validator, text: string): Verdict => validate(matchOf(text));

/** True when the validator accepts the whole text. */
export const accepts = (validate: Validator, text: string): boolean => verdictOn(validate, text) !== false;

/** The completions of `prefix` by `width` more digits that `validate` accepts (brute force: no second implementation). */
export function completions(validate: Validator, prefix: string, width: number): string[] {
  const out: string[] = [];
  for (let n = 0; n < 10 ** width; n++) {
    const text = prefix + String(n).padStart(width, '0');
    if (accepts(validate, text)) out.push(text);
  }
  return out;
}

/** Every text that differs from `valid` in exactly one digit at one of `positions`. */
export function oneDigitChanges(valid: string, positions: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of positions)
    for (let d = 0; d < 10; d++)
      if (String(d) !== valid[i]) out.push(valid.slice(0, i) + String(d) + valid.slice(i + 1));
  return out;
}

/** Strings of exactly `n` digits. */
export const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** The positions `0 … length - 1`. */
export const every = (length: number): number[] => Array.from({ length }, (_, i) => i);
