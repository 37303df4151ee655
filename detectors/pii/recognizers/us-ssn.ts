import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/**
 * Numbers published in advertising (the Woolworth wallet card's among them) and never issued to a person, and the
 * sequence documentation writes (123-45-6789, which the SSA lists as invalid).
 */
const KNOWN_FAKES = new Set(['078051120', '219099999', '457555462', '123456789']);

/** SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000. Undashed values need context. */
export function validateSsn(m: RegExpExecArray): Verdict {
  const digits = m[0].replace(/[ -]/g, '');
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000' || KNOWN_FAKES.has(digits)) return false;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  return { normalized: digits, requiresContext: !m[0].includes('-') };
}

/** US Social Security number. */
export const usSsn: Recognizer = {
  id: 'us-ssn',
  type: 'US_SSN',
  fineType: 'US_SSN',
  description: 'US Social Security number: national identifier, identity-theft risk.',
  // digit runs 9 or 3-2-4
  gate: (f) =>
    f.digits < 9 ||
    !(hasRun(f.digitRuns, 9) || (hasRun(f.digitRuns, 3) && hasRun(f.digitRuns, 2) && hasRun(f.digitRuns, 4)))
      ? Gate.NO
      : f.maxRun === 4 && f.dashes >= 2
        ? Gate.YES
        : f.maxRun === 4 || f.maxRun === 9
          ? Gate.CONTEXT
          : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])\d{3}([ -]?)\d{2}\1\d{4}(?![0-9A-Za-z]|-\d)/,
  validate: validateSsn,
  context: ['ssn', 'social security', 'social_security', 'ss#', 'ssnum'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['SSN: 078-05-1121', 'ssn=078051121', 'social security 078 05 1123'],
    noMatch: [
      { text: 'SSN: 078-05-1120', why: 'the Woolworth advertising number' },
      { text: 'ssn => 123-45-6789', why: "documentation's sequence, never issued" },
      { text: 'SSN: 666-12-3456', why: 'area 666 never issued' },
      { text: 'SSN: 078-05-0000', why: 'serial 0000' },
      { text: 'ref 078051121', why: 'bare nine digits without context' },
    ],
  },
};
