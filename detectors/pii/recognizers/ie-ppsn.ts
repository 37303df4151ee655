import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Check letters by remainder: 0 → W, 1 → A … 22 → V; a second letter's value is its place here (A = 1, W = 0). */
const LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV';

/**
 * python-stdnum ie.pps and ie.vat: 7 digits, a check letter, optionally a second letter. The check letter
 * is LETTERS[(Σ digits · 8…2 + 9 · value of the second letter) mod 23]; the second letter enters the sum only
 * when it is A, B or H (2013 on); W, T and X (older numbers) do not.
 */
export function validatePpsn(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  const second = value[8] ?? '';
  const extra = second !== '' && 'ABH'.includes(second) ? 9 * LETTERS.indexOf(second) : 0;
  if (LETTERS[(weightedSum(value, [8, 7, 6, 5, 4, 3, 2]) + extra) % 23] !== value[7]) return false;
  // only upper-case numbers with the second letter count without a keyword (see `requiresContext`)
  return { normalized: value, requiresContext: value.length === 8 || value !== m[0] };
}

/** Irish Personal Public Service number. */
export const iePpsn: Recognizer = {
  id: 'ie-ppsn',
  type: 'NATIONAL_ID',
  fineType: 'IE_PPSN',
  description: 'IE PPS number: identifier for tax, social welfare, health and education in Ireland.',
  // 7 digits followed by one or two letters: one 8- or 9-character run; only the 9-character form counts alone
  gate: (f) =>
    f.letters === 0 || !hasRun(f.innerDigitRuns, 7)
      ? Gate.NO
      : hasRun(f.alnumRuns, 9)
        ? Gate.YES
        : hasRun(f.alnumRuns, 8)
          ? Gate.CONTEXT
          : Gate.NO,
  pattern: /(?<![0-9A-Za-z])\d{7}[A-Wa-w][ABHTWXabhtwx]?(?![0-9A-Za-z])/,
  validate: validatePpsn,
  context: [{ whole: 'ppsn' }, { whole: 'pps' }, 'personal public service'],
  // Upper case with the second letter (every number issued since 2013) counts alone: 7 digits and two letters,
  // the second one of six, is no common machine shape, and the check letter passes 1 time in 23, as the ES DNI
  // letter, which counts alone too. The older one-letter form is 7 digits and a letter, the shape of suffixed
  // order numbers and upper-case hex ids: it needs a keyword, as lower-case tokens do (`validatePpsn`).
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['PPSN: 6433435OA', '1234567FA', 'pps_no=6433435F', 'Personal Public Service No. 6433435FW'],
    noMatch: [
      { text: 'PPSN 6433435VH', why: 'check letter fails' },
      { text: 'ref 6433435F', why: 'one-letter form without a keyword' },
      { text: 'ref 6433435oa', why: 'lower case without a keyword' },
    ],
  },
};
