import { Gate, hasRun, type Recognizer } from '../types.js';

/** CMS Medicare Beneficiary Identifier: fixed letter/digit positions, letters S L O I B Z never used. */
export const usMbi: Recognizer = {
  id: 'us-mbi',
  type: 'HEALTH_ID',
  fineType: 'US_MBI',
  description: 'US Medicare Beneficiary Identifier: health identifier, Art. 9 special category data.',
  // 11 characters in one run, or 4-3-4 around dashes
  gate: (f) =>
    f.digits < 5 || f.letters < 5 || !(hasRun(f.alnumRuns, 11) || (hasRun(f.alnumRuns, 4) && hasRun(f.alnumRuns, 3)))
      ? Gate.NO
      : f.dashes >= 2
        ? Gate.YES
        : Gate.CONTEXT,
  pattern:
    /(?<![A-Za-z0-9-])[1-9][AC-HJKMNP-RT-Yac-hjkmnp-rt-y][AC-HJKMNP-RT-Yac-hjkmnp-rt-y0-9]\d(-?)[AC-HJKMNP-RT-Yac-hjkmnp-rt-y][AC-HJKMNP-RT-Yac-hjkmnp-rt-y0-9]\d\1[AC-HJKMNP-RT-Yac-hjkmnp-rt-y]{2}\d{2}(?![A-Za-z0-9]|-\w)/,
  validate: (m) => ({
    normalized: m[0].replace(/-/g, '').toUpperCase(),
    validated: false,
    requiresContext: !m[0].includes('-'),
  }),
  context: ['medicare', 'mbi', 'beneficiary', 'patient'],
  requiresContext: false,
  confidence: 0.75,
  examples: {
    match: ['1EG4-TE5-MK73', 'The MBI is 4EF6GH8JK12 for this patient'],
    noMatch: [
      { text: '1SG4-TE5-MK73', why: 'S is never used' },
      { text: 'AEG4-TE5-MK73', why: 'must start with a digit 1–9' },
    ],
  },
};
