import { Gate, hasRun, hasRunIn, type Recognizer, type Verdict } from '../types.js';

const LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Mod-23 control letter; NIE replaces X/Y/Z with 0/1/2. */
export function validateDniNie(m: RegExpExecArray): Verdict {
  const value = m[0].replace(/-/g, '').toUpperCase();
  const nie = /^[XYZ]/.test(value);
  const digits = nie ? String('XYZ'.indexOf(value[0] ?? '')) + value.slice(1, -1) : value.slice(0, -1);
  if (LETTERS[Number(digits) % 23] !== value.slice(-1)) return false;
  // eight digits and a lower-case a–f are as often a short git hash (`Merge: 43016715e`)
  const hashLike = !nie && /[a-f]$/.test(m[0]);
  return { fineType: nie ? 'ES_NIE' : 'ES_NIF', normalized: value, requiresContext: hashLike };
}

/** Spanish DNI/NIF (citizens) and NIE (foreigners). */
export const esDniNie: Recognizer = {
  id: 'es-dni-nie',
  type: 'NATIONAL_ID',
  fineType: 'ES_NIF',
  description: 'ES DNI/NIF or NIE: national identifier with a mod-23 control letter.',
  // 7 or 8 digits followed by the letter, joined (8–9 characters) or after a dash (a 1-character run)
  gate: (f) =>
    f.letters >= 1 &&
    (hasRun(f.innerDigitRuns, 7) || hasRun(f.innerDigitRuns, 8)) &&
    (hasRunIn(f.alnumRuns, 8, 9) || (hasRun(f.alnumRuns, 7) && hasRun(f.alnumRuns, 1)))
      ? Gate.YES
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9-])(?:[XYZxyz]-?\d{7}|\d{7,8})-?[A-Za-z](?![A-Za-z0-9])/,
  validate: validateDniNie,
  context: ['dni', 'nif', 'nie', 'documento', 'identidad'],
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['12345678Z', 'NIE Y8063915-Z', 'dni=55555555-K'],
    noMatch: [
      { text: 'NIE Y8063915Q', why: 'control letter fails' },
      { text: 'DNI 12345678A', why: 'control letter fails' },
      { text: 'Merge: 43016715e b114b26a5', why: 'a short git hash, no DNI said' },
    ],
  },
};
