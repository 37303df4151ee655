import { isDate } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

const CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Readonly<Record<string, number>> = { '+': 1800, '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900 };

/** Check character = (DDMMYYZZZ mod 31) in the 31-character table; the separator gives the century. */
export function validateHetu(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  const sep = value[6] ?? '';
  const century = CENTURY[sep] ?? 2000;
  if (!isDate(century + Number(value.slice(4, 6)), Number(value.slice(2, 4)), Number(value.slice(0, 2)))) return false;
  const n = Number(value.slice(0, 6) + value.slice(7, 10));
  return CHECK[n % 31] === value[10] ? { normalized: value } : false;
}

/** Finnish personal identity code (henkilötunnus). */
export const fiHetu: Recognizer = {
  id: 'fi-hetu',
  type: 'NATIONAL_ID',
  fineType: 'FI_HETU',
  description: 'FI henkilötunnus: national identifier encoding birth date and sex.',
  // six digits, a separator, four more: one 11-character run (letter separator) or a 4-character run after it
  gate: (f) =>
    f.digits >= 9 && hasRun(f.innerDigitRuns, 6) && (hasRun(f.alnumRuns, 11) || hasRun(f.alnumRuns, 4))
      ? Gate.YES
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9])\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y](?![A-Za-z0-9])/,
  validate: validateHetu,
  context: ['henkilötunnus', 'hetu', 'personal identity code'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['131052-308T', '010594Y9032', 'hetu=020516C903K'],
    noMatch: [
      { text: '131052-308U', why: 'check character fails' },
      { text: '310289-211C', why: '31 February' },
    ],
  },
};
