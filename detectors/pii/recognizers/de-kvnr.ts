import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** GKV rules: letter as two digits (A=01), weights 1-2 alternating, digit sums of products, sum mod 10. */
export function validateKvnr(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  const digits = String(value.charCodeAt(0) - 64).padStart(2, '0') + value.slice(1, 9);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const p = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 2);
    sum += p > 9 ? p - 9 : p;
  }
  return sum % 10 === value.charCodeAt(9) - 48 ? { normalized: value } : false;
}

/** German statutory health insurance number (Krankenversichertennummer). */
export const deKvnr: Recognizer = {
  id: 'de-kvnr',
  type: 'HEALTH_ID',
  fineType: 'DE_KVNR',
  description: 'DE Krankenversichertennummer: health identifier, Art. 9 special category data.',
  // a letter and 9 digits: one 10-character run
  gate: (f) => (hasRun(f.digitRuns, 9) && hasRun(f.alnumRuns, 10) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![A-Za-z0-9])[A-Za-z]\d{9}(?![A-Za-z0-9])/,
  validate: validateKvnr,
  context: ['versicherten', 'kvnr', 'krankenversicherung', 'krankenkasse', 'health', 'insurance', 'insured'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['Versichertennummer A123456780', 'kvnr=C000500021', 'kvnr: a123456780'],
    noMatch: [
      { text: 'KVNR A000500010', why: 'check digit fails' },
      { text: 'sku A123456780', why: 'no insurance keyword' },
    ],
  },
};
