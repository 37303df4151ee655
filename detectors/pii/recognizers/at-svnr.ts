import { isDate, weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * python-stdnum at.vnr and the Hauptverband (answer 4690/AB XXIII. GP): serial NNN from 100, check C (4th digit)
 * = (Σ of the other nine digits · 3,7,9,5,8,4,2,1,6) mod 11 (a remainder of 10 is never issued: the serial is
 * raised instead), then the birth date DDMMYY; an unknown date or one whose serials ran out gets month 13–15.
 */
export function validateSvnr(m: RegExpExecArray): Verdict {
  const d = m[0].replace(' ', '');
  if (weightedSum(d.slice(0, 3) + d.slice(4), [3, 7, 9, 5, 8, 4, 2, 1, 6]) % 11 !== d.charCodeAt(3) - 48) return false;
  const day = Number(d.slice(4, 6));
  const month = Number(d.slice(6, 8));
  // the century is not encoded: years of the 2000s have the 1900s' leap years, and 2000's 29 February
  const dated = month >= 13 && month <= 15 ? day >= 1 && day <= 31 : isDate(2000 + Number(d.slice(8)), month, day);
  return dated ? { normalized: d } : false;
}

/** Austrian social insurance number (Sozialversicherungsnummer / Versicherungsnummer). */
export const atSvnr: Recognizer = {
  id: 'at-svnr',
  type: 'NATIONAL_ID',
  fineType: 'AT_SVNR',
  description: 'AT Sozialversicherungsnummer: lifelong identifier on the e-card, encoding the birth date.',
  // one run of 10 digits, or 4 and 6 after a space
  gate: (f) =>
    f.digits >= 10 &&
    (hasRun(f.alnumRuns, 10) || (f.spaces > 0 && hasRun(f.innerDigitRuns, 4) && hasRun(f.alnumRuns, 6)))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])[1-9]\d{3} ?\d{6}(?![0-9A-Za-z]|-\d)/,
  validate: validateSvnr,
  // 10 digits: Unix timestamps and phone numbers share the shape and pass the check 1 time in 11
  context: ['sozialversicherung', 'svnr', { whole: 'vsnr' }, 'sv-nummer', 'versicherungsnummer'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['SVNR: 1237 010180', 'Versicherungsnummer 4511150762', 'sv-nummer=7316011365'],
    noMatch: [
      { text: 'SVNR 2237 010180', why: 'check digit fails' },
      { text: 'SVNR 1232 310280', why: '31 February (the check holds)' },
      { text: 'call 1237010180', why: 'no keyword' },
    ],
  },
};
