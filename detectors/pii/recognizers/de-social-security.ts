import { isDate } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

const WEIGHTS = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];

/** DRV rules: area, birth date DDMMYY, surname initial (A=01), serial, check = Σ digit sums of weighted digits mod 10. */
export function validateRvnr(m: RegExpExecArray): Verdict {
  const v = m[0].toUpperCase();
  const day = Number(v.slice(2, 4));
  // day + 50 marks a second number issued for the same birth date and initial
  if (!isDate(1900 + Number(v.slice(6, 8)), Number(v.slice(4, 6)), day > 50 ? day - 50 : day)) return false;
  const digits = v.slice(0, 8) + String(v.charCodeAt(8) - 64).padStart(2, '0') + v.slice(9, 11);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const p = (digits.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10 === v.charCodeAt(11) - 48 ? { normalized: v } : false;
}

/** German pension insurance number (Rentenversicherungsnummer / Sozialversicherungsnummer). */
export const deSocialSecurity: Recognizer = {
  id: 'de-social-security',
  type: 'NATIONAL_ID',
  fineType: 'DE_SOCIAL_SECURITY',
  description: 'DE Sozialversicherungsnummer: national identifier encoding birth date and surname initial.',
  // 8 digits, a letter, 3 digits: one 12-character run
  gate: (f) => (f.digits >= 11 && hasRun(f.alnumRuns, 12) && hasRun(f.digitRuns, 8) ? Gate.YES : Gate.NO),
  pattern: /(?<![A-Za-z0-9])\d{8}[A-Za-z]\d{3}(?![A-Za-z0-9])/,
  validate: validateRvnr,
  context: ['rvnr', 'sozialversicherung', 'rentenversicherung', 'versicherungsnummer', 'svnr'],
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['RVNR: 15070649C103 laut Ausweis', '20151090B023'],
    noMatch: [
      { text: 'RVNR 15070649C100', why: 'check digit fails' },
      { text: 'RVNR 15071349C103', why: 'month 13' },
    ],
  },
};
