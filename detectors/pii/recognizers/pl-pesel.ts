import { isDate, weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Weights 1-3-7-9 and an encoded birth date (month +20 per century after 1900, +80 for the 1800s). */
export function validatePesel(m: RegExpExecArray): Verdict {
  const d = m[0];
  if ((10 - (weightedSum(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10 !== d.charCodeAt(10) - 48) return false;
  const month = Number(d.slice(2, 4));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(month / 20)] ?? 0;
  return isDate(century + Number(d.slice(0, 2)), month % 20, Number(d.slice(4, 6))) ? { normalized: d } : false;
}

/** Polish PESEL. */
export const plPesel: Recognizer = {
  id: 'pl-pesel',
  type: 'NATIONAL_ID',
  fineType: 'PL_PESEL',
  description: 'PL PESEL: national identifier encoding birth date and sex.',
  gate: (f) => (f.maxRun === 11 && hasRun(f.alnumRuns, 11) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{11}(?![0-9A-Za-z]|-\d)/,
  validate: validatePesel,
  context: ['pesel'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['My pesel is 44051401458.', 'pesel=02070803628'],
    noMatch: [
      { text: 'pesel 44051401459', why: 'check digit fails' },
      { text: 'ref 44051401458', why: 'no PESEL keyword' },
    ],
  },
};
