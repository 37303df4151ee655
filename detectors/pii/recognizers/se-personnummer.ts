import { isDate, luhn } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Luhn over YYMMDDNNNC and a real date (day + 60 for samordningsnummer). */
export function validatePersonnummer(m: RegExpExecArray): Verdict {
  const digits = m[0].replace(/[-+]/g, '');
  const ten = digits.slice(-10);
  const yy = Number(digits.length === 12 ? digits.slice(0, 4) : `19${ten.slice(0, 2)}`);
  const day = Number(ten.slice(4, 6));
  if (!isDate(yy, Number(ten.slice(2, 4)), day > 60 ? day - 60 : day) || !luhn(ten)) return false;
  return { normalized: ten, requiresContext: !/[-+]/.test(m[0]) };
}

/** Swedish personal identity number. */
export const sePersonnummer: Recognizer = {
  id: 'se-personnummer',
  type: 'NATIONAL_ID',
  fineType: 'SE_PERSONNUMMER',
  description: 'SE personnummer: national identifier encoding birth date.',
  // digit runs 10 or 12, or 6 or 8 followed by the separator, then 4
  gate: (f) =>
    f.digits < 10 ||
    f.maxRun < 6 ||
    !(
      hasRun(f.digitRuns, 10) ||
      hasRun(f.digitRuns, 12) ||
      (hasRun(f.digitRuns, 4) && (hasRun(f.innerDigitRuns, 6) || hasRun(f.innerDigitRuns, 8)))
    )
      ? Gate.NO
      : f.dashes + f.plus > 0
        ? Gate.YES
        : Gate.CONTEXT,
  pattern: /(?<![0-9A-Za-z-])(?:\d{2})?\d{6}[-+]?\d{4}(?![0-9A-Za-z]|-\d)/,
  validate: validatePersonnummer,
  context: ['personnummer', 'pnr', 'personnr', 'samordningsnummer'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['19910924-2397 är mitt pnr.', 'personnummer 811218-9876'],
    noMatch: [
      { text: 'pnr 19001309-2393', why: 'month 13' },
      { text: 'pnr 811218-9875', why: 'Luhn fails' },
    ],
  },
};
