import { Gate, hasRun, type Recognizer } from '../types.js';

/** Indian voter ID (EPIC number). */
export const inVoter: Recognizer = {
  id: 'in-voter',
  type: 'NATIONAL_ID',
  fineType: 'IN_VOTER',
  description: 'IN voter ID (EPIC): 3 letters and 7 digits with no check digit, so a keyword is required.',
  // one 10-character run of letters and digits holding a 7-digit run
  gate: (f) => (f.letters >= 3 && f.maxRun === 7 && hasRun(f.alnumRuns, 10) ? Gate.CONTEXT : Gate.NO),
  pattern: /(?<![A-Za-z0-9])[A-Za-z]{3}\d{7}(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].toUpperCase(), validated: false }),
  context: ['voter', 'epic', 'electoral', 'election commission'],
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['Voter ID: KSD1287349', 'epic_no=CPJ4467918'],
    noMatch: [
      { text: 'ref KSD1287349', why: 'no voter keyword' },
      { text: 'voter A8923571WZ', why: 'not 3 letters and 7 digits' },
    ],
  },
};
