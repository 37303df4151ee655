import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Check letters by (weighted sum + offset) mod 11, and the offsets, per prefix. */
const TABLE: Readonly<Record<string, readonly [string, number]>> = {
  S: ['JZIHGFEDCBA', 0],
  T: ['JZIHGFEDCBA', 4],
  F: ['XWUTRQPNMLK', 0],
  G: ['XWUTRQPNMLK', 4],
  // the M series (FINs since 2022) uses the F/G letters, with J for M at remainder 8
  M: ['XWUTRQPNJLK', 3],
};

/**
 * The published NRIC/FIN check letter (ICA does not publish it; samliew, IonBazan/NRIC and FormSG agree):
 * weights 2 7 6 5 4 3 2 over the seven digits, plus 4 for T/G and 3 for M, mod 11, in the prefix's table.
 * Presidio's SgFinRecognizer matches the shape only, case-insensitively; lower case needs a keyword here.
 */
export function validateNric(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  const [letters, offset] = TABLE[value[0] ?? ''] ?? ['', 0];
  if (letters[(weightedSum(value.slice(1), [2, 7, 6, 5, 4, 3, 2]) + offset) % 11] !== value[8]) return false;
  return { normalized: value, requiresContext: value !== m[0] };
}

/** Singapore NRIC (citizens, permanent residents) and FIN (foreigners). */
export const sgNric: Recognizer = {
  id: 'sg-nric',
  type: 'NATIONAL_ID',
  fineType: 'SG_NRIC_FIN',
  description: 'SG NRIC/FIN: national identity number of residents and foreigners, used across government and banks.',
  // one 9-character run: a letter, 7 digits (followed by the check letter), a letter
  gate: (f) => (f.letters >= 2 && hasRun(f.innerDigitRuns, 7) && hasRun(f.alnumRuns, 9) ? Gate.YES : Gate.NO),
  pattern: /(?<![0-9A-Za-z])[STFGMstfgm]\d{7}[A-Za-z](?![0-9A-Za-z])/,
  validate: validateNric,
  // 'fin' as a whole word only: not "final", "finance", "find"
  context: ['nric', { whole: 'fin' }, 'singapore id'],
  // Upper case counts alone: a token of this shape whose last letter were drawn from the table passes 1 in 11,
  // at random 1 in 26, on top of five fixed prefixes: as strong as the ES DNI letter (1 in 23) or the UK NINO
  // shape, which count alone too. Lower-case tokens are more often machine ids: `validateNric` asks a keyword.
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['NRIC: S8431907D', 'FIN G6710234M', 'fin_no=m4417720r', 'T0312458J', 'F2249871K'],
    noMatch: [
      { text: 'NRIC S8431907E', why: 'check letter fails' },
      { text: 'A8431907D', why: 'A is no NRIC/FIN prefix' },
      { text: 'ref s8431907d', why: 'lower case without a keyword' },
      { text: 'final M4417720R1', why: 'part of a longer run' },
    ],
  },
};
