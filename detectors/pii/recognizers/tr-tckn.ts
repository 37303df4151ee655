import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * NVİ rule: d1 ≠ 0; d10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10; d11 = (d1+…+d10) mod 10. Each check
 * catches any single changed digit (7 is prime to 10), so a typo never validates.
 */
export function validateTckn(m: RegExpExecArray): Verdict {
  const d = m[0];
  if (d.charCodeAt(0) === 48) return false;
  const odd = weightedSum(d, [1, 0, 1, 0, 1, 0, 1, 0, 1]);
  const even = weightedSum(d, [0, 1, 0, 1, 0, 1, 0, 1]);
  const tenth = d.charCodeAt(9) - 48;
  // the difference can be negative (7·odd < even): take the non-negative remainder
  if ((((odd * 7 - even) % 10) + 10) % 10 !== tenth) return false;
  return (odd + even + tenth) % 10 === d.charCodeAt(10) - 48 ? { normalized: d } : false;
}

/** Turkish identity number (T.C. Kimlik No). */
export const trTckn: Recognizer = {
  id: 'tr-tckn',
  type: 'NATIONAL_ID',
  fineType: 'TR_TCKN',
  description: 'TR T.C. Kimlik No: national identifier used for tax, health, banking and e-Devlet.',
  // one run of 11 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 11 && hasRun(f.alnumRuns, 11) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{11}(?![0-9A-Za-z]|-\d)/,
  validate: validateTckn,
  // 11 bare digits pass both checks 1 time in 100: a keyword is required. Words stop before a final 'ı', which
  // upper-cases to an ASCII 'I' ('numarası', 'NUMARASI' and 'numarasi' all count)
  context: ['tckn', 'tc kimlik', 'tc no', 'kimlik no', 'kimlik numara', 'türk kimlik', 'turkish id', 'nüfus cüzdan'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['TC Kimlik No: 12345678950', 'tckn=42718306562', 'Türk kimlik numarası 31415926562'],
    noMatch: [
      { text: 'TCKN 12345678951', why: 'eleventh digit fails' },
      { text: 'TCKN 02345678982', why: 'first digit 0 (both checks pass)' },
      { text: 'ref 12345678950', why: 'no TCKN keyword' },
    ],
  },
};
