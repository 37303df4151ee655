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
