import { iso7064Mod11_10 } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Porezna uprava rule (python-stdnum hr.oib): 11 digits, the last an ISO 7064 MOD 11,10 check digit; no other structure. */
export function validateOib(m: RegExpExecArray): Verdict {
  const d = m[0];
  return iso7064Mod11_10(d) ? { normalized: d } : false;
}

/** Croatian personal identification number (osobni identifikacijski broj). */
export const hrOib: Recognizer = {
  id: 'hr-oib',
  type: 'NATIONAL_ID',
  fineType: 'HR_OIB',
  description: 'HR OIB: lifelong identifier of every resident, used for tax, health, banking and e-Građani.',
  // one run of 11 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 11 && hasRun(f.alnumRuns, 11) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{11}(?![0-9A-Za-z]|-\d)/,
  validate: validateOib,
  // 11 random digits pass the check 1 time in 10 and the number carries no date: a keyword is required. 'oib' as a
  // whole word only: not the start of a longer word
  context: [{ whole: 'oib' }, 'osobni identifikacijski'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['OIB: 33392005961', 'osobni identifikacijski broj 69435151530'],
    noMatch: [
      { text: 'OIB 33392005962', why: 'check digit fails' },
      { text: 'order 33392005961', why: 'no OIB keyword' },
    ],
  },
};
