import { icaoCheckDigit } from '../checksums.js';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** The check digit at `at` ('<' for 0, as an empty optional field has) against `text`. */
function checks(text: string, at: number, value: string): boolean {
  const c = value.charCodeAt(at);
  return icaoCheckDigit(text) === (c === 60 ? 0 : c - 48);
}

/**
 * ICAO 9303 part 4, TD3 line 2: document number, birth date, expiry and personal number each carry a
 * 7-3-1 check digit, and a composite digit covers them all; a random line passes all five 1 in 100,000.
 */
export function validateMrz(m: RegExpExecArray): Verdict {
  const v = m[0];
  const composite = `${v.slice(0, 10)}${v.slice(13, 20)}${v.slice(21, 43)}`;
  const ok =
    checks(v.slice(0, 9), 9, v) &&
    checks(v.slice(13, 19), 19, v) &&
    checks(v.slice(21, 27), 27, v) &&
    checks(v.slice(28, 42), 42, v) &&
    checks(composite, 43, v);
  if (!ok) return false;
  // the fingerprint is the document number, as the keyword-gated passport recognizer normalizes it
  return { normalized: v.slice(0, 9).replace(/</g, ''), fineType: `PASSPORT_MRZ_${v.slice(10, 13).replace(/</g, '')}` };
}

/** Machine-readable zone of a passport (ICAO 9303 TD3), line 2: 44 characters with five check digits. */
export const passportMrz: Recognizer = {
  id: 'passport-mrz',
  type: 'PASSPORT',
  fineType: 'PASSPORT_MRZ',
  description: 'Passport MRZ line 2: document number, nationality, birth date and sex of the holder.',
  // the scanner keeps a 44-character run of [A-Z0-9<] whole; birth date, expiry and checks are 16 digits
  gate: (f) => (f.len === 44 && f.digits >= 16 ? Gate.YES : Gate.NO),
  pattern: /(?<![A-Z0-9<])[A-Z0-9<]{9}\d[A-Z<]{3}\d{7}[MFX<]\d{7}[A-Z0-9<]{14}[\d<]\d(?![A-Z0-9<])/,
  validate: validateMrz,
  context: ['mrz', 'passport', 'machine readable'],
  requiresContext: false,
  confidence: 0.95,
  examples: {
    // ICAO 9303 part 4 specimen (Utopia)
    match: ['L898902C36UTO7408122F1204159ZE184226B<<<<<10', 'mrz: L898902C<3UTO6908061F9406236ZE184226B<<<<<14'],
    noMatch: [
      { text: 'L898902C36UTO7408122F1204159ZE184226B<<<<<11', why: 'composite check digit fails' },
      { text: 'L898902C36UTO7408132F1204159ZE184226B<<<<<10', why: 'birth date check digit fails' },
    ],
  },
};
