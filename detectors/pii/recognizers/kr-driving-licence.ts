import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * Region code, then year, serial and two check digits whose algorithm the National Police Agency does not
 * publish. The region is the only rule: 11–26 and 28 (27 is not in use), as Presidio's KrDriverLicenseRecognizer
 * lists them; so a value is never reported as validated.
 */
export function validateKrDrivingLicence(m: RegExpExecArray): Verdict {
  const d = m[0].replace(/[ -]/g, '');
  const region = Number(d.slice(0, 2));
  return (region >= 11 && region <= 26) || region === 28 ? { normalized: d, validated: false } : false;
}

/** Korean driver's licence number. */
export const krDrivingLicence: Recognizer = {
  id: 'kr-driving-licence',
  type: 'DRIVER_LICENSE',
  fineType: 'KR_DRIVING_LICENCE',
  description: "KR driver's licence number: identity document number; no public check, a keyword is required.",
  // one run of 12 digits, or 2-2-6-2 around three separators
  gate: (f) =>
    f.digits >= 12 &&
    (hasRun(f.alnumRuns, 12) || (hasRun(f.alnumRuns, 2) && hasRun(f.alnumRuns, 6) && f.spaces + f.dashes >= 3))
      ? Gate.CONTEXT
      : Gate.NO,
  // the same separator three times, written out; not a part of a longer group
  pattern: /(?<![0-9A-Za-z-]|\d[ -])\d{2}(?:\d{10}| \d{2} \d{6} \d{2}|-\d{2}-\d{6}-\d{2})(?![0-9A-Za-z]|[ -]\d)/,
  validate: validateKrDrivingLicence,
  context: ['driver license', 'driving licence', '운전면허'],
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['운전면허번호 13-19-482715-31', 'driver license 251704839210', 'Korean driving licence 28 22 104857 63'],
    noMatch: [
      { text: 'driver license 27-22-123456-12', why: 'region code 27 is not issued' },
      { text: 'driver license 11-22-123456 12', why: 'mixed separators' },
      { text: 'driver license 111-22-123456-12', why: 'three-digit first group' },
      { text: 'ref 11-22-123456-12', why: 'no licence keyword' },
    ],
  },
};
