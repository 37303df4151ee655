import { type ContextWord, Gate, hasRun, hasRunIn, type Recognizer } from '../types.js';

const POSTCODE_WORDS: ContextWord[] = [
  'postcode',
  'post_code',
  'postal',
  'zip',
  'plz',
  'postleitzahl',
  // a key's own `address` ("address": …, address_line1), not a later part of another key (email_address,
  // ip_address, macAddress): those are followed by ports, counts and ids, never a postcode
  { alone: 'address' },
  { alone: 'addr' },
  // French "CP 75001": not `cpu`
  { whole: 'cp' },
  'code postal',
  // a street's name just before it, as a letter or a ticket writes an address on one line ("12 High Street, London
  // SW1A 1AA", "1600 Pennsylvania Avenue NW, Washington, DC 20500"); each word looked for costs every word starting
  // like it, so only the commonest two
  'street',
  'avenue',
];

/** UK postcode (Royal Mail format; Q V X never first, C I K M O V never in the inward letters). */
export const ukPostcode: Recognizer = {
  id: 'uk-postcode',
  type: 'POSTCODE',
  fineType: 'UK_POSTCODE',
  description: 'UK postcode: part of a postal address (contact data).',
  // unspaced one 5–7-character run; spaced a 2–4-character outward code and a 3-character inward code
  gate: (f) =>
    f.digits >= 2 && f.upper >= 2 && (hasRunIn(f.alnumRuns, 5, 7) || (f.spaces > 0 && hasRun(f.alnumRuns, 3)))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/,
  validate: (m) => ({ normalized: m[0].replace(/ /g, ''), validated: false }),
  context: POSTCODE_WORDS,
  requiresContext: true,
  confidence: 0.75,
  examples: {
    match: ['postcode: SW1A 1AA', 'Send to postcode EC2A 1NT please', 'I moved to 12 High Street, London SW1A 1AA'],
    noMatch: [
      { text: 'postcode QA1 1AA', why: 'Q is never a first letter' },
      { text: 'postcode M1 1CA', why: 'C never in the inward code' },
      { text: 'part M1 1AA', why: 'no address keyword' },
    ],
  },
};

/**
 * Five-digit postcode (a German Postleitzahl from 01001, a US ZIP code, a French, Italian, Spanish or Finnish code);
 * only with an address keyword or field name. Five digits name no country, so the fine type gives none.
 */
export const fiveDigitPostcode: Recognizer = {
  id: 'five-digit-postcode',
  type: 'POSTCODE',
  fineType: 'POSTCODE',
  description: 'Five-digit postcode (DE, US, FR, IT, ES, FI …): part of a postal address (contact data).',
  gate: (f) => (f.maxRun === 5 && hasRun(f.alnumRuns, 5) ? Gate.CONTEXT : Gate.NO),
  // not after a `/`: a bug's number after its component (`PR ld/26711`), a path's part
  pattern: /(?<![0-9A-Za-z.,/-])\d{5}(?![0-9A-Za-z]|[.,-]\d)/,
  validate: (m) => (Number(m[0]) >= 1001 ? { normalized: m[0], validated: false } : false),
  context: POSTCODE_WORDS,
  requiresContext: true,
  confidence: 0.7,
  examples: {
    match: [
      'PLZ: 10115',
      '"zip":"80331"',
      '"address": "Unter den Linden 77, 10117 Berlin"',
      'CP 75001',
      'ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500',
    ],
    noMatch: [
      { text: 'PLZ 01000', why: 'below the lowest PLZ 01001' },
      {
        text: 'the ISO 13616 examples, addresses are fictional',
        why: 'the address word is not the next word after it',
      },
      { text: 'count 10115', why: 'no address keyword' },
      { text: '{"ip_address":"10.0.0.1","port":54321}', why: 'address is a later part of the key' },
      { text: 'cpu 54321', why: '"cp" counts only as a whole word' },
      { text: 'Check operand for AddrPrefixOpReg. Fix PR ld/26711', why: "a bug's number after its component" },
    ],
  },
};
