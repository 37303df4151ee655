import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Digit runs an ITIN can leave: 9, 3-6, 5-4 or 3-2-4. */
function itinRuns(runs: number): boolean {
  return (
    hasRun(runs, 9) ||
    (hasRun(runs, 3) && (hasRun(runs, 6) || (hasRun(runs, 2) && hasRun(runs, 4)))) ||
    (hasRun(runs, 5) && hasRun(runs, 4))
  );
}

/** IRS: starts with 9, fourth and fifth digits in 50–65, 70–88, 90–92 or 94–99; undashed values need context. */
export function validateItin(m: RegExpExecArray): Verdict {
  const digits = m[0].replace(/[ -]/g, '');
  const group = Number(digits.slice(3, 5));
  const ok =
    (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
  return ok ? { normalized: digits, requiresContext: digits.length === m[0].length } : false;
}

/** US Individual Taxpayer Identification Number. */
export const usItin: Recognizer = {
  id: 'us-itin',
  type: 'US_ITIN',
  fineType: 'US_ITIN',
  description: 'US ITIN: tax identifier issued to people without an SSN.',
  // digit runs 9, 3-6, 5-4 or 3-2-4
  gate: (f) =>
    f.digits < 9 || f.maxRun < 4 || !itinRuns(f.digitRuns)
      ? Gate.NO
      : f.maxRun <= 6 && f.dashes + f.spaces > 0
        ? Gate.YES
        : f.maxRun === 9
          ? Gate.CONTEXT
          : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])9\d{2}[ -]?\d{2}[ -]?\d{4}(?![0-9A-Za-z]|-\d)/,
  validate: validateItin,
  context: ['itin', 'taxpayer', 'tax id', 'tin'],
  requiresContext: true,
  confidence: 0.8,
  examples: {
    match: ['ITIN 911-70-1234', 'itin=911701234'],
    noMatch: [
      { text: 'ITIN 911-40-1234', why: 'group 40 is not an ITIN range' },
      { text: 'ref 911701234', why: 'bare digits without context' },
    ],
  },
};
