import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function charValue(c: string, odd: boolean): number {
  const code = c.charCodeAt(0);
  const index = code <= 57 ? code - 48 : code - 65;
  return odd ? (ODD[index] ?? 0) : index;
}

/** DM 23/12/1976: check character = letter of the odd/even weighted sum mod 26 (omocodia letters allowed). */
export function validateCodiceFiscale(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += charValue(value[i] ?? '0', i % 2 === 0);
  return String.fromCharCode(65 + (sum % 26)) === value[15] ? { normalized: value } : false;
}

/**
 * Italian codice fiscale of a person. Limit: a code whose seven digit positions are all omocodia letters
 * holds no digit, so no window starts on it (windows are seeded by digits).
 */
export const itCodiceFiscale: Recognizer = {
  id: 'it-codice-fiscale',
  type: 'NATIONAL_ID',
  fineType: 'IT_FISCAL_CODE',
  description: 'IT codice fiscale: national identifier encoding name, birth date and place.',
  // one run of exactly 16 letters and digits
  gate: (f) => (f.letters >= 9 && hasRun(f.alnumRuns, 16) ? Gate.YES : Gate.NO),
  pattern:
    /(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[ABCDEHLMPRSTabcdehlmprst][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])/,
  validate: validateCodiceFiscale,
  context: ['codice fiscale', 'cf', 'fiscale'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    // omocodia: letters for digits in positions 7-8, 10-11, 13-15 keep their own table values
    match: ['RSSMRA85T10A562S', 'cf=MRTMTT91D08F205J', 'CCCFBA85D03L21VE', 'CCCFBA8RDLPLNMVX'],
    noMatch: [
      { text: 'RSSMRA85T10A562T', why: 'check character fails' },
      { text: 'AAAAAA00B11C333N', why: 'check character fails (Y expected); a Presidio test labels it' },
    ],
  },
};
