import { Gate, hasRun, type Recognizer } from '../types.js';

/**
 * Italian identity card (carta d'identità), the shapes of Presidio's ItIdentityCardRecognizer, in any case as
 * there: the electronic card CIE 3.0 (two letters, five digits, two letters), CIE 2.0 (seven digits, two letters)
 * and the paper card (two letters, seven digits, often printed with a space). No check character.
 */
export const itIdentityCard: Recognizer = {
  id: 'it-identity-card',
  type: 'NATIONAL_ID',
  fineType: 'IT_IDENTITY_CARD',
  description: "IT carta d'identità: identity document number; no check character, a keyword is required.",
  // one 9-character run of letters and digits, or the paper card's 2 letters and 7 digits around a space
  gate: (f) =>
    f.digits >= 5 &&
    f.letters >= 2 &&
    (hasRun(f.alnumRuns, 9) || (hasRun(f.alnumRuns, 2) && hasRun(f.alnumRuns, 7) && f.spaces > 0))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9])(?:[A-Za-z]{2}\d{5}[A-Za-z]{2}|[A-Za-z]{2} ?\d{7}|\d{7}[A-Za-z]{2})(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].replace(/ /g, '').toUpperCase(), validated: false }),
  // "carta d'identità" is too long a word: the scanner would wait for it after every window ('identità' counts
  // inside it). 'cie' is the electronic card's abbreviation, a whole word only: not in "cielo"
  context: ['identità', 'carta di identita', 'identity card', { whole: 'cie' }],
  requiresContext: true,
  confidence: 0.7,
  examples: {
    match: ["carta d'identità CA48213KD", 'numero CIE: ca48213kd', 'identity card AU 4827153'],
    noMatch: [
      { text: 'identity card CA48213KDX', why: 'ten characters' },
      { text: 'identity card CA4821KD', why: 'four digits' },
      { text: 'ref CA48213KD', why: 'no identity card keyword' },
    ],
  },
};
