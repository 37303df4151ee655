import { Gate, hasRun, hasRunIn, type Recognizer } from '../types.js';

/**
 * Passport number (UK, US, ES, IN… formats: 0–3 letters + 6–9 digits; Korean passports since 2021: a letter,
 * 3 digits, a letter, 4 digits); only next to a passport keyword.
 */
export const passport: Recognizer = {
  id: 'passport',
  type: 'PASSPORT',
  fineType: 'PASSPORT',
  description: 'Passport number: identity document; shape alone is too weak, a keyword is required.',
  // 6–9 digits after up to 3 letters: one 7–11-character run; or the Korean 9-character run of 3 and 4 digits
  gate: (f) =>
    (f.maxRun >= 6 && f.maxRun <= 9 && hasRunIn(f.digitRuns, 6, 9) && hasRunIn(f.alnumRuns, 7, 11)) ||
    (f.maxRun === 4 && hasRun(f.alnumRuns, 9) && hasRun(f.digitRuns, 3))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9])(?:[A-Za-z]{1,3}\d{6,8}|\d{9}|[A-Za-z]\d{3}[A-Za-z]\d{4})(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].toUpperCase(), validated: false }),
  context: ['passport', 'pasaporte', 'passeport', 'reisepass', 'passaporto', 'travel document', '여권'],
  requiresContext: true,
  confidence: 0.7,
  examples: {
    match: ['My passport number is CD7654321 and', 'passport_no=A12803456', 'Korean passport: M456B7890'],
    noMatch: [{ text: 'sku AB1234567', why: 'no passport keyword' }],
  },
};
