import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Key = 97 − (first 13 digits mod 97); Corsica departments 2A/2B count as 19/18 (INSEE). */
export function validateNir(m: RegExpExecArray): Verdict {
  const value = m[0].replace(/ /g, '').toUpperCase();
  const body = value.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(value.slice(13));
  if (97 - Number(BigInt(body) % 97n) !== key) return false;
  return { normalized: value, requiresContext: !m[0].includes(' ') };
}

/** French social security number (NIR / numéro de sécurité sociale). */
export const frNir: Recognizer = {
  id: 'fr-nir',
  type: 'NATIONAL_ID',
  fineType: 'FR_NIR',
  description: 'FR NIR (INSEE number): national identifier used for social security and health.',
  // unspaced, the 15 characters are one run; spaced, every group is (a run of numbers a table spaces otherwise, such as
  // `12231 12286 12341`, holds one by chance)
  gate: (f) =>
    f.digits < 13 || !(f.spaces > 0 || hasRun(f.alnumRuns, 15)) ? Gate.NO : f.spaces >= 5 ? Gate.YES : Gate.CONTEXT,
  pattern:
    /(?<![0-9A-Za-z])(?:[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2[ABab])\d{6}|[12] \d{2} (?:0[1-9]|1[0-2]|[2-9]\d) (?:\d{2}|2[ABab]) \d{3} \d{3} )\d{2}(?![0-9A-Za-z])/,
  validate: validateNir,
  context: ['nir', 'sécurité sociale', 'securite sociale', 'insee', 'secu', 'social security'],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: ['1 84 12 76 451 089 46', 'NIR 2 69 05 2A 123 456 88', 'nir=184127645108946'],
    noMatch: [
      { text: '1 84 12 76 451 089 47', why: 'key fails' },
      { text: 'order 184127645108946', why: 'bare digits without context' },
      { text: '11959 12014 12068 12122 12177 12231 12286 12341 12396', why: 'a table of numbers, not its groups' },
    ],
  },
};
