import { Gate, hasRun, type Recognizer } from '../types.js';

/** German Steuernummer (per-office tax number, `12/345/67890` or 13 digits); only with a tax keyword. */
export const deTaxNumber: Recognizer = {
  id: 'de-tax-number',
  type: 'TAX_ID',
  fineType: 'DE_TAX_NUMBER',
  description: 'DE Steuernummer: tax identifier of a person or business.',
  // 13 digits, or 2–3/3/4–5 around slashes
  gate: (f) =>
    f.digits >= 9 && (hasRun(f.digitRuns, 13) || (f.slashes >= 2 && hasRun(f.digitRuns, 3))) ? Gate.CONTEXT : Gate.NO,
  pattern: /(?<![0-9A-Za-z/-])(?:\d{2,3}\/\d{3}\/\d{4,5}|\d{13})(?![0-9A-Za-z]|[/-]\d)/,
  validate: (m) => {
    const d = m[0].replace(/\//g, '');
    return d.startsWith('00') ? false : { normalized: d, validated: false };
  },
  context: ['steuernummer', 'st.-nr', 'st.nr', 'stnr', 'steuer-nr', 'tax number', 'tax_number'],
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['St.-Nr. 123/456/78901 bitte', 'steuernummer=0981508150999'],
    noMatch: [
      { text: 'ratio 12/345/6789', why: 'no tax keyword' },
      { text: 'Steuernummer 0081508150001', why: 'no Land has code 00' },
    ],
  },
};
