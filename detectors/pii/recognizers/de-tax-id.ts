import { iso7064Mod11_10 } from '../checksums.js';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** BZSt rules: 11 digits, no leading 0, ISO 7064 MOD 11,10; in the first ten at most one digit repeats, at most three times. */
export function validateDeTaxId(m: RegExpExecArray): Verdict {
  const digits = m[0].replace(/[ /]/g, '');
  if (digits.length !== 11 || digits.startsWith('0') || !iso7064Mod11_10(digits)) return false;
  const counts = new Map<string, number>();
  for (const d of digits.slice(0, 10)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length > 1 || (repeated[0] ?? 0) > 3) return false;
  return { normalized: digits };
}

/** German tax identification number (Steuerliche Identifikationsnummer), issued to every resident. */
export const deTaxId: Recognizer = {
  id: 'de-tax-id',
  type: 'NATIONAL_ID',
  fineType: 'DE_TAX_ID',
  description: 'DE Steuer-ID: lifelong national identifier of every resident of Germany.',
  gate: (f) => (f.digits >= 11 && (f.maxRun === 11 || f.maxRun === 3) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z/.-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![0-9A-Za-z]|[/.-]\d)/,
  validate: validateDeTaxId,
  context: ['steuer', 'idnr', 'identifikationsnummer', 'tax id', 'tax_id', 'taxid', 'tin'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['Meine Steuer-ID: 12345678903.', 'steuer_id=86095742719'],
    noMatch: [
      { text: 'Steuer-ID 12345678901', why: 'check digit fails' },
      { text: 'Steuer-ID 02345678903', why: 'leading zero' },
      { text: 'Steuer-ID 11112345678', why: 'a digit four times' },
      { text: 'order 12345678903', why: 'no tax keyword nearby' },
    ],
  },
};
