import { mod97 } from '../checksums.js';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** IBAN length per country (SWIFT IBAN registry, release 99, plus experimental ones in common use). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/**
 * ISO 13616: country length, then ISO 7064 mod 97-10 equals 1. Trims a trailing group that overshoots. Written in
 * lower case (`iban=de89…`, as typed into a form), it counts only beside a context word.
 */
export function validateIban(m: RegExpExecArray): Verdict {
  const text = m[0];
  const lower = text.charCodeAt(0) >= 97 || text.charCodeAt(1) >= 97;
  const country = text.slice(0, 2).toUpperCase();
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return false;
  const compactText = text.replace(/ /g, '').toUpperCase();
  if (compactText.length < length) return false;
  let keep = text.length;
  if (compactText.length > length) {
    // "…8901 X in a sentence": keep the prefix of the right length if it ends on a group boundary.
    let seen = 0;
    keep = 0;
    while (seen < length && keep < text.length) if (text[keep++] !== ' ') seen++;
    if (text[keep] !== ' ') return false;
  }
  const value = compactText.slice(0, length);
  if (mod97(value.slice(4) + value.slice(0, 4)) !== 1) return false;
  return { fineType: `${country}_IBAN`, normalized: value, trimTo: keep, ...(lower && { requiresContext: true }) };
}

/** International Bank Account Number. */
export const iban: Recognizer = {
  id: 'iban',
  type: 'IBAN',
  fineType: 'IBAN',
  description: 'IBAN (ISO 13616): financial data; its country code gives the jurisdiction.',
  gate: (f) =>
    f.digits >= 8 && f.len >= 15
      ? f.uuDD
        ? Gate.YES
        : f.upper === 0 && f.letters >= 2
          ? Gate.CONTEXT
          : Gate.NO
      : Gate.NO,
  pattern: /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/,
  validate: validateIban,
  context: ['iban', 'konto', 'account', 'bank', 'cuenta', 'compte'],
  requiresContext: false,
  confidence: 0.95,
  examples: {
    match: [
      'GB82 WEST 1234 5698 7654 32',
      'DE89370400440532013000',
      'iban=FR1420041010050500013M02606',
      'iban=de89370400440532013000',
      'Bank account: de89 3704 0044 0532 0130 00',
    ],
    noMatch: [
      { text: 'GB82 WEST 1234 5698 7654 33', why: 'one digit off: checksum fails' },
      { text: 'DE000BASF111', why: 'an ISIN: 12 chars, DE IBANs have 22' },
      { text: 'ZZ82 WEST 1234 5698 7654 32', why: 'no such country' },
      { text: 'ref de89370400440532013000', why: 'lower case without a context word' },
    ],
  },
};
