import { icaoCheckDigit } from '../checksums.js';
import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** ICAO 9303 check digit (7-3-1) of the 9-character document number; legacy `T` + 8 digits kept unvalidated. */
export function validateDeDocument(m: RegExpExecArray): Verdict {
  const value = m[0].toUpperCase();
  if (icaoCheckDigit(value.slice(0, 8)) === value.charCodeAt(8) - 48) return { normalized: value };
  return /^T\d{8}$/.test(value) ? { normalized: value, validated: false } : false;
}

/** German identity card (Personalausweis) document number. */
export const deIdCard: Recognizer = {
  id: 'de-id-card',
  type: 'NATIONAL_ID',
  fineType: 'DE_ID_CARD',
  description: 'DE identity card number: national identity document.',
  // one 9-character run
  gate: (f) => (f.digits >= 1 && hasRun(f.alnumRuns, 9) ? Gate.CONTEXT : Gate.NO),
  pattern:
    /(?<![A-Za-z0-9])[CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz][CFGHJKLMNPRTVWXYZcfghjklmnprtvwxyz0-9]{7}\d(?![A-Za-z0-9])/,
  validate: validateDeDocument,
  context: ['ausweis', 'personalausweis', 'id card', 'id_card', 'idcard', 'identity', 'document', 'dokument'],
  requiresContext: true,
  confidence: 0.85,
  examples: {
    match: ['Ausweis Nr. L01X00T44', 'id_card=C01234565'],
    noMatch: [
      { text: 'Ausweis L01X00T47', why: 'ICAO check digit fails' },
      { text: 'Ausweis A01234567', why: 'A is not a document letter' },
      { text: 'serial L01X00T44', why: 'no identity keyword nearby' },
    ],
  },
};

/** German passport (Reisepass) number: same alphabet and ICAO check digit as the ID card. */
export const dePassport: Recognizer = {
  ...deIdCard,
  id: 'de-passport',
  type: 'PASSPORT',
  fineType: 'DE_PASSPORT',
  description: 'DE passport number: identity document.',
  validate: (m) => {
    const value = m[0].toUpperCase();
    return icaoCheckDigit(value.slice(0, 8)) === value.charCodeAt(8) - 48 ? { normalized: value } : false;
  },
  context: ['reisepass', 'passport', 'pass-nr', 'passnummer', 'pass nr'],
  examples: {
    match: ['Reisepass C01234565 ausgestellt', 'Pass-Nr.: F12345671'],
    noMatch: [
      { text: 'Reisepass L01X00T47', why: 'ICAO check digit fails' },
      { text: 'Reisepass IOQSUBDE1', why: 'letters outside the document alphabet' },
    ],
  },
};
