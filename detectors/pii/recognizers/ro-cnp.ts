import { isDate, weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Century of birth by the first digit S (1/2 the 1900s, 3/4 the 1800s, 5/6 the 2000s); 7–9 (residents) give none. */
const CENTURY = [0, 1900, 1900, 1800, 1800, 2000, 2000];

/**
 * python-stdnum ro.cnp: S 1–9, a real birth date, county JJ 01–46, 47–48 (former Bucharest sectors 7 and 8),
 * 51 or 52, check C = (Σ dᵢ · 2,7,9,1,4,6,3,5,8,2,7,9) mod 11 with 10 written as 1. JJ 70 is added for numbers
 * issued by the SIIEASC register since 2024 (MAI statement, May 2024; stdnum does not list it yet).
 */
export function validateCnp(m: RegExpExecArray): Verdict {
  const d = m[0];
  const s = d.charCodeAt(0) - 48;
  // residents (S 7–9) have no encoded century: read the year in the 2000s, whose leap years are the 1900s' plus 2000
  const year = (CENTURY[s] ?? 2000) + Number(d.slice(1, 3));
  if (s === 0 || !isDate(year, Number(d.slice(3, 5)), Number(d.slice(5, 7)))) return false;
  const county = Number(d.slice(7, 9));
  if (!((county >= 1 && county <= 48) || county === 51 || county === 52 || county === 70)) return false;
  const r = weightedSum(d, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
  return (r === 10 ? 1 : r) === d.charCodeAt(12) - 48 ? { normalized: d } : false;
}

/** Romanian personal numeric code (cod numeric personal). */
export const roCnp: Recognizer = {
  id: 'ro-cnp',
  type: 'NATIONAL_ID',
  fineType: 'RO_CNP',
  description: 'RO CNP: national identifier encoding sex, birth date and county, on every ID card.',
  // one run of 13 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 13 && hasRun(f.alnumRuns, 13) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])[1-9]\d{12}(?![0-9A-Za-z]|-\d)/,
  validate: validateCnp,
  // millisecond timestamps (17…) are 13 digits with S = 1 and pass the date, county and check now and then:
  // a keyword is required. 'cnp' as a whole word only
  context: [{ whole: 'cnp' }, 'cod numeric personal'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['CNP: 1630615123457', 'cod numeric personal 2850312400014', 'cnp=7031203700014'],
    noMatch: [
      { text: 'CNP 1630615123458', why: 'check digit fails' },
      { text: 'CNP 1632215123457', why: 'month 22' },
      { text: 'CNP 1630615993454', why: 'county 99' },
      { text: 'ts 1630615123457', why: 'no CNP keyword' },
    ],
  },
};
