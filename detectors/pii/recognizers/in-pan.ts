import { Gate, hasRun, type Recognizer } from '../types.js';

/**
 * Indian Permanent Account Number (PAN): 3 letters, the holder's type (P person, C company, H Hindu undivided family,
 * F firm, A, B, E, G, J, L, T), a letter, 4 digits, a letter (Income Tax Department layout).
 */
export const inPan: Recognizer = {
  id: 'in-pan',
  type: 'TAX_ID',
  fineType: 'IN_PAN',
  description: 'IN PAN: income-tax identifier of a person or entity; no check character, so a keyword is required.',
  // one 10-character run of letters and digits, its only digits a run of 4
  gate: (f) => (f.letters >= 6 && f.maxRun === 4 && hasRun(f.alnumRuns, 10) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![A-Za-z0-9])[A-Za-z]{3}[ABCEFGHJLPTabcefghjlpt][A-Za-z]\d{4}[A-Za-z](?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].toUpperCase(), validated: false }),
  context: [{ whole: 'pan' }, 'permanent account number', 'income tax'],
  requiresContext: true,
  confidence: 0.8,
  examples: {
    match: ['PAN: ABCPD1234Z', 'pan_number=AAACA1111R', 'Permanent Account Number ABCPE1234F'],
    noMatch: [
      { text: 'PAN: ABCDE1234F', why: 'D is not a holder type' },
      { text: 'ref ABCPD1234Z', why: 'no PAN keyword' },
      { text: 'panel ABCPD1234Z', why: '"pan" only counts as a word of its own' },
    ],
  },
};
