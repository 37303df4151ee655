import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** 11-proof: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11). */
export function validateBsn(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[ .]/g, '');
  const sum = weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]) - (d.charCodeAt(8) - 48);
  return sum % 11 === 0 && sum > 0 ? { normalized: d } : false;
}

/** Dutch citizen service number (burgerservicenummer). */
export const nlBsn: Recognizer = {
  id: 'nl-bsn',
  type: 'NATIONAL_ID',
  fineType: 'NL_BSN',
  description: 'NL BSN: national identifier for tax, health and government services.',
  // digit runs 9, 4-5 or 4-2-3
  gate: (f) =>
    f.digits >= 9 &&
    (f.maxRun === 9 || f.maxRun === 4) &&
    (hasRun(f.digitRuns, 9) || (hasRun(f.digitRuns, 4) && (hasRun(f.digitRuns, 5) || hasRun(f.digitRuns, 2))))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z.-])\d{4}[ .]?\d{2}[ .]?\d{3}(?![0-9A-Za-z]|[.-]\d)/,
  validate: validateBsn,
  context: ['bsn', 'burgerservicenummer', 'sofinummer'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['BSN 111222333', 'bsn=123456782'],
    noMatch: [
      { text: 'BSN 111222334', why: 'fails the 11-proof' },
      { text: 'ref 111222333', why: 'no BSN keyword' },
    ],
  },
};
