import { isDate, weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Century of birth by the seventh digit G: 9/0 the 1800s, 1/2 and 5/6 the 1900s, 3/4 and 7/8 the 2000s. */
const CENTURY = [1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800];
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/**
 * Presidio's KrRrnRecognizer / KrFrnRecognizer: a real birth date in the century G gives; G 5–8 is a foreigner
 * (KR_FRN). Numbers issued before October 2020 end in a check digit, (11 − s mod 11) mod 10 for residents and
 * (13 − s mod 11) mod 10 for foreigners (s: weights 2–9, 2–5), with a region code HI ≤ 95. Numbers issued since
 * then end in random digits, so Presidio keeps a failed check at its base score: we keep it too, as unvalidated.
 * G 9/0 (not in Presidio's patterns) is accepted only with its check digit: no one born in the 1800s was issued
 * a number after October 2020.
 */
export function validateRrn(m: RegExpExecArray): Verdict {
  const d = m[0].replace('-', '');
  const g = d.charCodeAt(6) - 48;
  const century = CENTURY[g] ?? 0;
  if (!isDate(century + Number(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4, 6)))) return false;
  const foreigner = g >= 5 && g <= 8;
  const s = weightedSum(d, WEIGHTS) % 11;
  const checked = ((foreigner ? 13 : 11) - s) % 10 === d.charCodeAt(12) - 48 && Number(d.slice(7, 9)) <= 95;
  if (!checked && century === 1800) return false;
  return foreigner ? { fineType: 'KR_FRN', normalized: d, validated: checked } : { normalized: d, validated: checked };
}

/** Korean resident registration number (주민등록번호) and foreigner registration number (외국인등록번호). */
export const krRrn: Recognizer = {
  id: 'kr-rrn',
  type: 'NATIONAL_ID',
  fineType: 'KR_RRN',
  description: 'KR resident / foreigner registration number: national identifier encoding birth date and sex.',
  // one run of 13 digits, or 6 digits, a dash and 7
  gate: (f) =>
    f.digits >= 13 &&
    (hasRun(f.alnumRuns, 13) || (f.dashes > 0 && hasRun(f.innerDigitRuns, 6) && hasRun(f.alnumRuns, 7)))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])\d{6}-?\d{7}(?![0-9A-Za-z]|-\d)/,
  validate: validateRrn,
  // 'rrn' and 'frn' on their own only: `txn_rrn` in payment logs is a retrieval reference number
  context: [
    { alone: 'rrn' },
    'resident registration',
    '주민등록번호',
    { alone: 'frn' },
    'foreigner registration',
    '외국인등록번호',
    '외국인번호',
  ],
  // Every G digit has a meaning and numbers issued since 2020 carry no check digit, so any 13 digits starting
  // with a real date pass: millisecond timestamps (bare) and date-prefixed references such as invoice
  // "240115-0001234" (dashed) would. A keyword is required in both forms.
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: [
      'RRN 850315-1234566',
      '주민등록번호: 9207072084211',
      'Foreigner registration number 881201-5342115',
      'frn=0304197123455',
      'rrn: 211115-4829371',
    ],
    noMatch: [
      { text: 'RRN 850230-1234566', why: '30 February' },
      { text: 'RRN 990101-9123457', why: 'born in the 1800s, so issued with a check digit, which fails' },
      { text: 'ref 850315-1234566', why: 'no RRN keyword' },
      { text: 'rrn 850315+1234566', why: 'only a dash separates the two parts' },
    ],
  },
};
