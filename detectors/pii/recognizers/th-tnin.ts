import { weightedSum } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Digits 2–3 that name no province (ISO 3166-2:TH), as listed in Presidio's ThTninRecognizer documentation. */
const NO_PROVINCE = new Set(['28', '29', '59', '68', '69', '78', '79', '87', '88', '89', '97', '98', '99']);

/**
 * Check digit = (11 − (13·d1 + 12·d2 + … + 2·d12) mod 11) mod 10; d1 a person category 1–8; d2 not 0 and
 * d2d3 a province code that exists.
 */
export function validateTnin(m: RegExpExecArray): Verdict {
  const d = m[0];
  if (d[0] === '0' || d[0] === '9' || d[1] === '0' || NO_PROVINCE.has(d.slice(1, 3))) return false;
  const sum = weightedSum(d, [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return (11 - (sum % 11)) % 10 === d.charCodeAt(12) - 48 ? { normalized: d } : false;
}

/** Thai national identification number (เลขประจำตัวประชาชน). */
export const thTnin: Recognizer = {
  id: 'th-tnin',
  type: 'NATIONAL_ID',
  fineType: 'TH_TNIN',
  description: 'TH national ID number: identifier of every Thai resident, used for government and banking.',
  // one run of 13 digits, alone between non-alphanumerics
  gate: (f) => (f.maxRun >= 13 && hasRun(f.alnumRuns, 13) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![0-9A-Za-z-])\d{13}(?![0-9A-Za-z]|-\d)/,
  validate: validateTnin,
  // Thai letters take 3 bytes in UTF-8: the full terms (เลขประจำตัวประชาชน, 54 bytes; เลขบัตรประชาชน) start
  // beyond the 40-byte context lookback and would lengthen every window's wait for context. Their common tail
  // 'ประชาชน' (citizen) counts inside them, as any word does after a Thai letter; 'ปชช' is its abbreviation.
  context: ['thai id', 'thai national id', 'tnin', 'ประชาชน', 'ปชช'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: [
      'Thai ID: 1100203456782',
      'tnin=3101400123457',
      'เลขประจำตัวประชาชน: 5101900234564',
      'เลขบัตรประชาชน 8220100345674',
    ],
    noMatch: [
      { text: 'Thai ID 1100203456783', why: 'check digit fails' },
      { text: 'Thai ID 1280203456781', why: 'province code 28 does not exist' },
      { text: 'ean 1100203456782', why: 'no Thai ID keyword' },
    ],
  },
};
