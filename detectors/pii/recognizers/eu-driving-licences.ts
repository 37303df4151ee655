import { Gate, hasRun, type Recognizer } from '../types.js';

const DRIVING = ['driving licence', 'driving license', 'driver license', "driver's license", 'drivers license'];

/**
 * German driving licence (Führerscheinnummer): 11 letters and digits. The issuing authority's code leads, then
 * a serial, a check digit and a copy counter; the check digit's weights are not published, so a keyword is
 * required. Two layouts are seen: an authority letter or digit followed by digits, and two authority letters
 * followed by eight digits (`BO12345678A`).
 */
export const deDrivingLicence: Recognizer = {
  id: 'de-driving-licence',
  type: 'DRIVER_LICENSE',
  fineType: 'DE_DRIVING_LICENCE',
  description: 'DE Führerscheinnummer: identity document number; no public check, a keyword is required.',
  // one 11-character run of letters and digits, at least 3 of them digits
  gate: (f) => (f.digits >= 3 && hasRun(f.alnumRuns, 11) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![A-Za-z0-9])(?:[0-9A-Za-z]\d{2}[0-9A-Za-z]{6}\d[0-9A-Za-z]|[A-Za-z]{2}\d{8}[0-9A-Za-z])(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].toUpperCase(), validated: false }),
  context: ['führerschein', 'fuehrerschein', 'fahrerlaubnis', ...DRIVING],
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['Führerscheinnummer: BO12345678A', 'fuehrerschein=B072RRE2I55', 'driving licence MU123456785'],
    noMatch: [
      { text: 'Führerschein BO12345678AB', why: '12 characters' },
      { text: 'ref BO12345678A', why: 'no licence keyword' },
    ],
  },
};

/**
 * Italian driving licence (patente di guida): two letters, seven digits, a letter; or the U1 layout of cards
 * issued since 2013 (U1, a letter, six letters or digits, a letter). No check character.
 */
export const itDrivingLicence: Recognizer = {
  id: 'it-driving-licence',
  type: 'DRIVER_LICENSE',
  fineType: 'IT_DRIVING_LICENCE',
  description: 'IT patente di guida: identity document number; no check character, a keyword is required.',
  // one 10-character run of letters and digits
  gate: (f) => (f.digits >= 1 && f.letters >= 2 && hasRun(f.alnumRuns, 10) ? Gate.CONTEXT : Gate.NO),
  pattern:
    /(?<![A-Za-z0-9])(?:[A-Za-z]{2}\d{7}[A-Za-z]|[Uu]1[BCDEFGHLMNPRSTUWYXZbcdefghlmnprstuwyxz][A-Za-z0-9]{6}[A-Za-z])(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].toUpperCase(), validated: false }),
  context: ['patente', 'licenza di guida', ...DRIVING],
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['patente di guida AA0123456B', 'driver license U1H00B000C here'],
    noMatch: [
      { text: 'patente 990123456B', why: 'starts with digits' },
      { text: 'patente U1A00A000B', why: 'U1 followed by a letter not used' },
      { text: 'ref AA0123456B', why: 'no licence keyword' },
    ],
  },
};
