import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * Services Australia's check (as in Presidio's AuMedicareRecognizer): the 9th digit is the first eight weighted
 * 1 3 7 9 1 3 7 9, mod 10; the first digit is 2–6 (the pattern holds it) and the 10th, the card's issue number, is
 * unchecked. Every weight is prime to 10, so one changed digit among the first nine never validates.
 */
export function validateMedicare(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/ /g, '');
  return weightedSum(d, [1, 3, 7, 9, 1, 3, 7, 9]) % 10 === d.charCodeAt(8) - 48 ? { normalized: d } : false;
}

/** Australian Medicare card number. */
export const auMedicare: Recognizer = {
  id: 'au-medicare',
  type: 'HEALTH_ID',
  fineType: 'AU_MEDICARE',
  description: 'AU Medicare card number: health identifier, Art. 9 special category data.',
  // one run of 10 digits, or 4-5-1 around two spaces
  gate: (f) =>
    f.digits >= 10 && (hasRun(f.alnumRuns, 10) || (hasRun(f.alnumRuns, 4) && hasRun(f.alnumRuns, 5) && f.spaces >= 2))
      ? Gate.CONTEXT
      : Gate.NO,
  // as the card prints it (4-5-1) or bare; not a part of a longer group
  pattern: /(?<![0-9A-Za-z-]|\d )[2-6]\d{3}(?:\d{6}| \d{5} \d)(?![0-9A-Za-z]|[ -]\d)/,
  validate: validateMedicare,
  context: ['medicare'],
  // the check passes 1 number in 10: a keyword is required
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['Medicare card 2950 37813 1', 'medicare_no=4172860552'],
    noMatch: [
      { text: 'medicare 2950 37814 1', why: 'check digit fails' },
      { text: 'medicare 7950 37813 1', why: 'first digit must be 2–6' },
      { text: 'ref 2950378131', why: 'no Medicare keyword' },
    ],
  },
};
