import { verhoeff } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * Presidio's NgNinRecognizer: 11 digits whose last is a Verhoeff check digit (over all 11, a leading 0 included:
 * Verhoeff weighs every position, and Presidio's tests accept 01234567895). Verhoeff catches every single changed
 * digit.
 */
export function validateNin(m: RegExpExecArray): Verdict {
  return verhoeff(m[0]) ? { normalized: m[0] } : false;
}

/** Nigerian National Identification Number (NIMC). */
export const ngNin: Recognizer = {
  id: 'ng-nin',
  type: 'NATIONAL_ID',
  fineType: 'NG_NIN',
  description: 'NG National Identification Number: identity number required for SIM cards, banking and passports.',
  // one run of 11 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 11 && hasRun(f.alnumRuns, 11) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{11}(?![0-9A-Za-z]|-\d)/,
  validate: validateNin,
  // 'nin' as a whole word only: not "nine", and not "NINO" (a UK National Insurance number, which lists 'nin' too).
  // 'national identification' covers "… number" as a prefix: a longer word would lengthen every window's wait.
  context: [{ whole: 'nin' }, 'national identification', 'national identity number', 'nimc'],
  // Verhoeff passes 1 in 10 of any 11 digits (phone numbers, other countries' ids): a keyword is required
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['NIN: 27182818288', 'my nin is 55501234567', 'NIMC national identification number 16180339887'],
    noMatch: [
      { text: 'NIN: 27182818289', why: 'Verhoeff check fails' },
      { text: 'ref 27182818288', why: 'no NIN keyword' },
      { text: 'nine 27182818288', why: '"nin" only counts as a whole word' },
      { text: 'NINO 27182818288', why: 'a UK NINO keyword is not a NIN keyword' },
    ],
  },
};
