import { isDate } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * IBZ rule (IT000 Rijksregisternummer, as python-stdnum's be.nn and be.bis read it): check CC = 97 − (YYMMDDSSS
 * mod 97), or 97 − (2YYMMDDSSS mod 97) for births from 2000, which also gives the century. BIS numbers add 20
 * or 40 to the month; month 0 marks an unknown date or a date whose counters ran out (the day is then a counter
 * too), day 0 an unknown day. The two checks differ by 2·10⁹ mod 97 = 68, so at most one holds.
 */
export function validateBeNationalNumber(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[.-]/g, '');
  const body = Number(d.slice(0, 9));
  const check = Number(d.slice(9));
  const century = 97 - (body % 97) === check ? 1900 : 97 - ((2e9 + body) % 97) === check ? 2000 : 0;
  if (century === 0) return false;
  const coded = Number(d.slice(2, 4));
  const month = coded >= 40 ? coded - 40 : coded >= 20 ? coded - 20 : coded;
  const day = Number(d.slice(4, 6));
  if (month > 12 || (month > 0 && day > 0 && !isDate(century + Number(d.slice(0, 2)), month, day))) return false;
  return { normalized: d };
}

/** Belgian national register number (Rijksregisternummer / numéro de registre national) and BIS number. */
export const beNationalNumber: Recognizer = {
  id: 'be-national-number',
  type: 'NATIONAL_ID',
  fineType: 'BE_NATIONAL_NUMBER',
  description:
    'BE national register / BIS number: national identifier encoding birth date and sex (eID, social security).',
  // one run of 11 digits, or YY.MM.DD-SSS.CC: three dots, a dash, a 3-digit run followed by a dot
  gate: (f) =>
    f.digits >= 11 && (hasRun(f.alnumRuns, 11) || (f.dots >= 3 && f.dashes > 0 && hasRun(f.innerDigitRuns, 3)))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z.-])(?:\d{11}|\d\d\.\d\d\.\d\d-\d{3}\.\d\d)(?![0-9A-Za-z]|[.-]\d)/,
  validate: validateBeNationalNumber,
  // 11 bare digits pass a mod-97 check 2 times in 97 (either century): a keyword is required. 'niss' as a whole
  // word only: not "Nissan"
  context: ['rijksregister', 'registre national', 'insz', { whole: 'niss' }, { whole: 'nrn' }, 'national number'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['Rijksregisternummer: 90.02.14-123.03', 'INSZ 17073003384', 'NISS=05062001744', 'nrn: 98.47.28-997.65'],
    noMatch: [
      { text: 'rijksregisternummer 90.02.14-123.04', why: 'check number fails' },
      { text: 'NRN 90023112375', why: '31 February (the check holds)' },
      { text: 'ref 17073003384', why: 'no keyword' },
    ],
  },
};
