import { isIPv4 } from 'node:net';
import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** Regions tried for numbers written without `+`; international numbers carry their own. */
export const PHONE_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'TR',
  'PH',
  'IN',
  'BR',
  'JP',
  'IL',
];

const BARE_REGIONS: readonly CountryCode[] = ['US', 'TR'];
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/** Only candidates reach libphonenumber: 7–15 digits, not a date, not an IPv4 address (532.123.45.67 is a TR phone). */
export function validatePhone(m: RegExpExecArray, contextOk: () => boolean): Verdict {
  const text = m[0];
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(text) || isIPv4(text)) return false;
  const international = text.startsWith('+');
  // A leading '+' or an area code in parentheses is a phone shape; other digit groups (SSNs, tax ids) need context.
  const shaped = international || text.includes('(');
  if (!shaped && !contextOk()) return false;
  if (international) {
    const parsed = parsePhoneNumberFromString(text);
    return parsed?.isValid() ? { fineType: `PHONE_${parsed.country ?? 'INTL'}`, normalized: parsed.number } : false;
  }
  // Without '+', a trunk '0' means a national number outside NANP; otherwise NANP (US) or TR mobile/landline.
  const regions = text.startsWith('0') ? PHONE_REGIONS.filter((r) => r !== 'US') : BARE_REGIONS;
  for (const region of regions) {
    const parsed = parsePhoneNumberFromString(text, region);
    if (parsed?.isValid())
      return { fineType: `PHONE_${parsed.country ?? region}`, normalized: parsed.number, requiresContext: !shaped };
  }
  return false;
}

/** Telephone number, validated by libphonenumber-js (metadata "max") on candidate windows only. */
export const phone: Recognizer = {
  id: 'phone',
  type: 'PHONE',
  fineType: 'PHONE',
  description: 'Telephone number: contact data reaching a person.',
  gate: (f) => (f.digits < 7 ? Gate.NO : f.plus > 0 || f.paren > 0 ? Gate.YES : Gate.CONTEXT),
  pattern:
    /(?<![\w+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?|\d{1,5}[ .-]?\(\d{1,5}\)[ .-]?)?\d{1,6}(?:[ .-]?\d{1,5}){0,5}(?![\w]|[.-]\d)/,
  validate: validatePhone,
  context: [
    'phone',
    'tel',
    'mobile',
    'cell',
    'fax',
    'telefon',
    'handy',
    'telefono',
    'numara',
    'call',
    'whatsapp',
    'number',
  ],
  requiresContext: false,
  confidence: 0.8,
  examples: {
    match: ['+44 20 7946 0958', '(415) 555-0132', 'phone: 4155550132', '+33 1 42 68 53 00'],
    noMatch: [
      { text: 'build 2024-03-15', why: 'an ISO date' },
      { text: 'phone 192.168.10.20', why: 'an IPv4 address, even next to a phone word' },
      { text: 'order 4155550132', why: 'bare digits without a phone word' },
      { text: 'ref 078 05 1123', why: 'national format without a phone word (could be an SSN)' },
      { text: '+1 555 01', why: 'too short to be a number anywhere' },
    ],
  },
};
