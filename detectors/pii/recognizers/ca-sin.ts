import { luhn } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Luhn over the nine digits; a first digit 0 or 8 is never issued to a person (ESDC province table). */
export function validateSin(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[ -]/g, '');
  if (d[0] === '0' || d[0] === '8') return false;
  return luhn(d) ? { normalized: d } : false;
}

/** Canadian Social Insurance Number. */
export const caSin: Recognizer = {
  id: 'ca-sin',
  type: 'NATIONAL_ID',
  fineType: 'CA_SIN',
  description: 'CA Social Insurance Number: identifier for work, taxes and benefits, identity-theft risk.',
  // one run of 9 digits, or three runs of 3 with two separators
  gate: (f) =>
    f.digits >= 9 && (hasRun(f.digitRuns, 9) || (hasRun(f.digitRuns, 3) && f.spaces + f.dashes >= 2))
      ? Gate.CONTEXT
      : Gate.NO,
  // the same separator twice, written out: no backreference, so the gate test can generate matches
  pattern: /(?<![0-9A-Za-z-])\d{3}(?:\d{3}| \d{3} |-\d{3}-)\d{3}(?![0-9A-Za-z]|-\d)/,
  validate: validateSin,
  // 'sin' and 'nas' begin many words (since, single, nasdaq, nasal): they count only as whole words
  context: [
    { whole: 'sin' },
    'social insurance',
    'social_insurance',
    { whole: 'nas' },
    // counts inside "numéro d'assurance sociale" too; a short word keeps the scanner's wait for context short
    'assurance sociale',
  ],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: [
      'SIN: 716 234 083',
      'social insurance number 519-374-029',
      'mon NAS: 716234083',
      "numéro d'assurance sociale 902 154 384",
    ],
    noMatch: [
      { text: 'SIN 716 234 084', why: 'Luhn fails' },
      { text: 'SIN 816 234 082', why: 'first digit 8' },
      { text: 'SIN 716-234 083', why: 'mixed separators' },
      { text: 'since 716 234 083', why: '"sin" only counts as a whole word' },
    ],
  },
};
