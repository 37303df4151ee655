import { isDate, luhn } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * YYMMDD SSSS C A Z (Department of Home Affairs layout): a real birth date, citizenship C 0 (citizen), 1 (permanent
 * resident) or 2 (refugee), A 8 (9 on older numbers; it once encoded race and is now fixed), Luhn over all 13
 * digits. The century is not encoded: a date real in either counts.
 */
export function validateZaId(m: RegExpExecArray): Verdict {
  const d = m[0];
  const yy = Number(d.slice(0, 2));
  const month = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  // 29 February is real in 2000 but not in 1900: try both centuries
  if (!isDate(1900 + yy, month, day) && !isDate(2000 + yy, month, day)) return false;
  const citizenship = d.charCodeAt(10) - 48;
  if (citizenship > 2 || d.charCodeAt(11) < 56) return false;
  return luhn(d) ? { normalized: d } : false;
}

/** South African identity number. */
export const zaId: Recognizer = {
  id: 'za-id',
  type: 'NATIONAL_ID',
  fineType: 'ZA_ID',
  description: 'ZA identity number: national identifier encoding birth date, sex and citizenship.',
  // one run of 13 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 13 && hasRun(f.alnumRuns, 13) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{13}(?![0-9A-Za-z]|-\d)/,
  validate: validateZaId,
  // 13-digit millisecond timestamps are everywhere in traffic and some pass: a keyword is required
  context: ['rsa id', 'sa id', 'south african id', 'identity number', { alone: 'id number' }, 'permanent resident'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['RSA ID: 8507145123085', 'South African ID 0402295123085', 'identity number 6308158232182'],
    noMatch: [
      { text: 'RSA ID 8507145123086', why: 'Luhn fails' },
      { text: 'RSA ID 8513145123083', why: 'month 13' },
      { text: 'RSA ID 8507145123382', why: 'citizenship digit 3' },
      { text: 'RSA ID 8507145123077', why: 'twelfth digit neither 8 nor 9' },
      { text: 'ts 8507145123085', why: 'no ID keyword' },
    ],
  },
};
