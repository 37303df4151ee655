import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

const BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** HMRC rules: first letter not D F I Q U V, second not D F I O Q U V, prefixes BG GB KN NK NT TN ZZ never issued. */
export function validateNino(m: RegExpExecArray): Verdict {
  const value = m[0].replace(/ /g, '').toUpperCase();
  if (BAD_PREFIXES.has(value.slice(0, 2))) return false;
  // all in lower case and hex, it is as often a short git hash (`Merge: bc899650c`)
  return { normalized: value, requiresContext: /^[a-f]{2}\d{6}[a-d]$/.test(m[0]) };
}

/** UK National Insurance number. */
export const ukNino: Recognizer = {
  id: 'uk-nino',
  type: 'UK_NINO',
  fineType: 'UK_NINO',
  description: 'UK National Insurance number: national identifier (social security, tax).',
  // unspaced it is one 9-character run
  gate: (f) =>
    f.letters >= 3 && f.digits >= 6 && (f.maxRun === 6 || f.maxRun === 2) && (f.spaces > 0 || hasRun(f.alnumRuns, 9))
      ? Gate.YES
      : Gate.NO,
  pattern:
    /(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z](?: ?\d\d){3} ?[A-Da-d](?![A-Za-z0-9])/,
  validate: validateNino,
  context: ['national insurance', 'nino', 'ni number', 'nin'],
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['YZ 61 48 68 B', 'AB123456C', 'nino=CE123456D'],
    noMatch: [
      { text: 'AA 12 34 56 H', why: 'suffix must be A–D' },
      { text: 'BG123612A', why: 'BG prefix never issued' },
      { text: 'Merge: bc899650c ae9afd977', why: 'a short git hash, no NINO said' },
      { text: 'DA123456A', why: 'D never a first letter' },
    ],
  },
};
