import { weightedSum } from '../checksums.js';
import { Gate, hasRun, hasRunIn, type Recognizer, type Verdict } from '../types.js';

/**
 * ATO mod 11 (not published by the ATO, reverse-engineered and used by payroll software, python-stdnum and
 * Presidio): weights 1 4 3 7 5 8 6 9 10, and 10 7 8 4 6 3 5 1 for the 8-digit numbers issued before the 9-digit
 * ones. 11 is prime and no weight is a multiple of it, so one changed digit never validates. A repeated digit is a
 * placeholder: every 8-digit one passes (the weights sum to 44).
 */
export function validateTfn(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/ /g, '');
  if (/^(\d)\1+$/.test(d)) return false;
  const sum = d.length === 9 ? weightedSum(d, [1, 4, 3, 7, 5, 8, 6, 9, 10]) : weightedSum(d, [10, 7, 8, 4, 6, 3, 5, 1]);
  return sum % 11 === 0 ? { normalized: d } : false;
}

/** Australian Tax File Number. */
export const auTfn: Recognizer = {
  id: 'au-tfn',
  type: 'TAX_ID',
  fineType: 'AU_TFN',
  description: 'AU Tax File Number: tax identifier whose collection and use the Privacy (TFN) Rule restricts.',
  // one run of 8 or 9 digits, or three runs of 3 with two spaces
  gate: (f) =>
    f.digits >= 8 && (hasRunIn(f.alnumRuns, 8, 9) || (hasRun(f.alnumRuns, 3) && f.spaces >= 2))
      ? Gate.CONTEXT
      : Gate.NO,
  // the ATO prints 9 digits 3-3-3 with spaces; the older 8-digit numbers only bare. Not a part of a longer group
  pattern: /(?<![0-9A-Za-z-]|\d )(?:\d{8,9}|\d{3} \d{3} \d{3})(?![0-9A-Za-z]|[ -]\d)/,
  validate: validateTfn,
  // a short abbreviation: it counts as a whole word only ("TFN:", tfn_number, not inside an id such as "tfnx2")
  context: [{ whole: 'tfn' }, 'tax file number'],
  // mod 11 passes 1 bare number in 11: a keyword is required
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['TFN: 472 819 353', 'tax file number 864027516', 'tfn=37194621'],
    noMatch: [
      { text: 'TFN 472 819 354', why: 'mod 11 check fails' },
      { text: 'TFN 11111111', why: 'repeated digit placeholder (the check passes)' },
      { text: 'TFN 472 819-353', why: 'mixed separators' },
      { text: 'ref 472819353', why: 'no TFN keyword' },
    ],
  },
};
