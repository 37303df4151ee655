import { verhoeff } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * Presidio's InAadhaarRecognizer (as UIDAI issues them): 12 digits, the first 2–9, a Verhoeff check digit, and
 * never a palindrome. The 4-4-4 form printed on the card, space-grouped, counts without a keyword.
 */
export function validateAadhaar(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[ -]/g, '');
  if (!verhoeff(d) || d === [...d].reverse().join('')) return false;
  return { normalized: d, requiresContext: d.length === m[0].length || m[0][4] === '-' };
}

/** Indian Aadhaar number (UIDAI). */
export const inAadhaar: Recognizer = {
  id: 'in-aadhaar',
  type: 'NATIONAL_ID',
  fineType: 'IN_AADHAAR',
  description: 'IN Aadhaar: national identity number, the key to banking, tax and welfare records.',
  // one run of 12 digits, or runs of 4 with two separators; the spaced form runs without a keyword
  gate: (f) =>
    f.digits < 12
      ? Gate.NO
      : hasRun(f.alnumRuns, 4) && f.spaces >= 2
        ? Gate.YES
        : hasRun(f.alnumRuns, 12) || (hasRun(f.alnumRuns, 4) && f.dashes >= 2)
          ? Gate.CONTEXT
          : Gate.NO,
  // the same separator twice, written out; not a 12-digit part of a longer group ("4111 2345 6789 0124")
  pattern: /(?<![0-9A-Za-z-]|\d )[2-9]\d{3}(?:\d{8}| \d{4} \d{4}|-\d{4}-\d{4})(?![0-9A-Za-z]|[ -]\d)/,
  validate: validateAadhaar,
  context: ['aadhaar', 'aadhar', 'uidai', 'आधार'],
  // Verhoeff passes 1 in 10: bare, any 12-digit id could be one (AWS account ids, everywhere in this estate's
  // logs, are 12 digits and shown 1234-5678-9012 in the console), so those forms need a keyword. Spaced 4 4 4 is
  // how the card prints it; there first digit and Verhoeff filter like Luhn on a spaced card number, which counts
  // alone too.
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['Aadhaar: 2345 6789 0124', 'aadhaar_no=528374619029', 'UIDAI 3141-5926-5351', '9876 5432 1012'],
    noMatch: [
      { text: 'aadhaar 2345 6789 0125', why: 'Verhoeff check fails' },
      { text: 'aadhaar 1234 5678 9012', why: 'first digit 1 is never issued' },
      { text: 'aadhaar 200028820002', why: 'a palindrome (Verhoeff passes)' },
      { text: 'ref 5283-7461-9029', why: 'dashed form without a keyword' },
      { text: 'card 4111 2345 6789 0124', why: 'part of a longer digit group' },
      { text: 'aadhaar 2345 6789-0124', why: 'mixed separators' },
    ],
  },
};
