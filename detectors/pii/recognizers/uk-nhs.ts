import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** NHS mod 11: weights 10…2 over the first nine digits; check = 11 − (sum mod 11), 11 → 0, 10 invalid. */
export function validateNhs(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[ -]/g, '');
  let check = 11 - (weightedSum(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === d.charCodeAt(9) - 48 && !/^(\d)\1+$/.test(d) ? { normalized: d } : false;
}

/** UK NHS number: a health identifier (Art. 9 special category). */
export const ukNhs: Recognizer = {
  id: 'uk-nhs',
  type: 'HEALTH_ID',
  fineType: 'UK_NHS',
  description: 'UK NHS number: health identifier, Art. 9 special category data.',
  // 10 digits, or 3-3-4
  gate: (f) =>
    f.digits >= 10 &&
    (f.maxRun === 4 || f.maxRun === 10) &&
    (hasRun(f.digitRuns, 10) || (hasRun(f.digitRuns, 3) && hasRun(f.digitRuns, 4)))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])\d{3}([ -]?)\d{3}\1\d{4}(?![0-9A-Za-z]|-\d)/,
  validate: validateNhs,
  context: ['nhs', 'patient', 'health', 'nhs_number'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['NHS number 401-023-2137', 'nhs_number=0032698674'],
    noMatch: [
      { text: 'NHS 401-023-2138', why: 'mod-11 check fails' },
      { text: 'call 401-023-2137', why: 'no health keyword' },
    ],
  },
};
