import { isDate } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** DVLA layout: surname (5, padded with 9), decade, month (+50 for women), day, year, initials, digit, 2 check chars. */
export function validateUkLicence(m: RegExpExecArray): Verdict {
  const v = m[0].toUpperCase();
  const month = Number(v.slice(6, 8)) % 50;
  const year = 1900 + Number(v[5] ?? '0') * 10 + Number(v[10] ?? '0');
  if (/9[A-Z]/.test(v.slice(0, 5)) || !isDate(year, month, Number(v.slice(8, 10)))) return false;
  return { normalized: v, validated: false };
}

/** UK (DVLA) driving licence number. */
export const ukDrivingLicence: Recognizer = {
  id: 'uk-driving-licence',
  type: 'DRIVER_LICENSE',
  fineType: 'UK_DRIVING_LICENCE',
  description: 'UK driving licence number: identity document encoding name and birth date.',
  // the number is one run of exactly 16 letters and digits
  // characters 6–11 are digits (birth date): a run of at least 6
  gate: (f) => (f.letters >= 5 && f.maxRun >= 6 && hasRun(f.alnumRuns, 16) ? Gate.YES : Gate.NO),
  pattern: /(?<![A-Za-z0-9])[A-Za-z][A-Za-z9]{4}\d[0156]\d[0-3]\d{2}[A-Za-z9]{2}\d[A-Za-z]{2}(?![A-Za-z0-9])/,
  validate: validateUkLicence,
  context: ['licence', 'license', 'dvla', 'driving'],
  requiresContext: false,
  confidence: 0.75,
  examples: {
    match: ['MORGA657054SM9IJ', 'Licence: SMITH802290AB1CD ok'],
    noMatch: [
      { text: 'MORGA613054SM9IJ', why: 'month 13' },
      { text: 'MO9G9657054SM9IJ', why: 'padding 9 inside the surname' },
    ],
  },
};
