import { isIPv4 } from 'node:net';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/max';
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

/**
 * Ranges a regulator keeps unallocated for drama and examples, which libphonenumber marks invalid: Ofcom's mobile
 * 07700 900xxx and its fictional area 01632 960xxx (national significant numbers). They are the numbers test data
 * and breach drills plant, so they read as their region's; the other Ofcom drama ranges validate already.
 */
const FICTIONAL: readonly { callingCode: string; region: CountryCode; national: RegExp }[] = [
  { callingCode: '44', region: 'GB', national: /^(?:7700900|1632960)\d{3}$/ },
];

/** The region of a number in a range kept for fiction (`FICTIONAL`), or undefined. */
function fictionalRegion(parsed: PhoneNumber | undefined): CountryCode | undefined {
  if (!parsed) return undefined;
  return FICTIONAL.find((f) => f.callingCode === parsed.countryCallingCode && f.national.test(parsed.nationalNumber))
    ?.region;
}

/** `parsed`'s region when it is a valid number, or one kept for fiction; undefined otherwise. */
function validRegion(parsed: PhoneNumber | undefined, fallback: string): string | undefined {
  if (parsed?.isValid()) return parsed.country ?? fallback;
  return fictionalRegion(parsed);
}
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/** A format's optional parts, as libphonenumber-js's metadata classes expose them (not in its typings). */
interface NumberFormat {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
  usesNationalPrefix(): boolean;
}

/** A region's national formats, compiled once: what `nationalPrefixMissing` needs of each. */
interface RegionFormats {
  nationalPrefix: string;
  formats: { leading: RegExp | undefined; whole: RegExp; prefixRequired: boolean }[];
}

const regionFormats = new Map<CountryCode, RegionFormats>();

function formatsOf(region: CountryCode): RegionFormats {
  const known = regionFormats.get(region);
  if (known) return known;
  const metadata = new Metadata() as Metadata & {
    numberingPlan?: { formats(): NumberFormat[]; nationalPrefix(): string | undefined };
  };
  metadata.selectNumberingPlan(region);
  const plan = metadata.numberingPlan;
  const compiled: RegionFormats = {
    // no national prefix: a number can never carry it
    nationalPrefix: plan?.nationalPrefix() ?? '\0',
    formats: (plan?.formats() ?? []).map((f) => {
      const leading = f.leadingDigitsPatterns();
      const last = leading[leading.length - 1];
      return {
        leading: last ? new RegExp(`^(?:${last})`) : undefined,
        whole: new RegExp(`^(?:${f.pattern()})$`),
        prefixRequired:
          Boolean(f.nationalPrefixFormattingRule()) &&
          !f.nationalPrefixIsOptionalWhenFormattingInNationalFormat() &&
          f.usesNationalPrefix(),
      };
    }),
  };
  regionFormats.set(region, compiled);
  return compiled;
}

/**
 * libphonenumber's VALID leniency (Java/Python `isNationalPrefixPresentIfRequired`, skipped by
 * libphonenumber-js): a number written in national format must carry the national prefix when the
 * region's format for it usually writes one. A PH mobile is written "0917 …"; "917 …" is not a PH number.
 * The region's formats are compiled once (building them per candidate was 1/3 of the phone validator's time).
 */
function nationalPrefixMissing(region: CountryCode, nationalNumber: string, digits: string): boolean {
  const { nationalPrefix, formats } = formatsOf(region);
  const format = formats.find((f) => (!f.leading || f.leading.test(nationalNumber)) && f.whole.test(nationalNumber));
  if (!format?.prefixRequired) return false;
  return !(digits.length > nationalNumber.length && digits.startsWith(nationalPrefix));
}

/**
 * Only candidates reach libphonenumber: 7–15 digits, not a date, not an IPv4 address (532.123.45.67 is a TR
 * phone). `regions`: where a number written without '+' is read; by default a trunk '0' tries `PHONE_REGIONS`
 * and other national numbers NANP (US) and TR.
 */
export function validatePhone(m: RegExpExecArray, contextOk: () => boolean, regions?: readonly CountryCode[]): Verdict {
  const text = m[0];
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(text) || isIPv4(text)) return false;
  const international = text.startsWith('+');
  // A leading '+' or an area code in parentheses is a phone shape; other digit groups (SSNs, tax ids) need context.
  const shaped = international || text.includes('(');
  if (!shaped && !contextOk()) return false;
  if (international) {
    const parsed = parsePhoneNumberFromString(text);
    const region = validRegion(parsed, 'INTL');
    return parsed && region ? { fineType: `PHONE_${region}`, normalized: parsed.number } : false;
  }
  // Without '+', a trunk '0' means a national number outside NANP; otherwise NANP (US) or TR mobile/landline.
  // ("(030) 1234567" too: no NANP area code starts with 0)
  const tried = regions ?? (digits.startsWith('0') ? PHONE_REGIONS.filter((r) => r !== 'US') : BARE_REGIONS);
  const groups = digitGroups(text);
  let first: Verdict | undefined;
  for (const region of tried) {
    const parsed = parsePhoneNumberFromString(text, region);
    const found = validRegion(parsed, region);
    if (!parsed || !found || nationalPrefixMissing(region, parsed.nationalNumber, digits)) continue;
    const verdict = {
      fineType: `PHONE_${found}`,
      normalized: parsed.number,
      requiresContext: !shaped,
    };
    // a national number valid in several regions is read as the one whose own grouping it is written in:
    // "06 12 34 56 78" is French, though Germany has an 06 area code too
    if (groups.length < 2 || digitGroups(parsed.formatNational()).join() === groups.join()) return verdict;
    first ??= verdict;
  }
  return first ?? false;
}

/** The lengths of the runs of digits in `text` ("020 7946 0018" → 3, 4, 4). */
function digitGroups(text: string): number[] {
  return text.match(/\d+/g)?.map((g) => g.length) ?? [];
}

/**
 * The phone recognizer reading national numbers (written without '+') in `regions`, as a deployment
 * configures its default region (`ScanOptions.phoneRegions`); international numbers carry their own.
 */
export function phoneRecognizer(regions: readonly CountryCode[]): Recognizer {
  return { ...phone, validate: (m, contextOk) => validatePhone(m, contextOk, regions) };
}

/** Words that make "… number" some other number: an order's, an account's, an identity document's. */
const NOT_PHONE_NUMBERS = [
  'account',
  'booking',
  'card',
  'case',
  'claim',
  'confirmation',
  'contract',
  'customer',
  'document',
  'employee',
  'id',
  'identification',
  'identity',
  'insurance',
  'invoice',
  'item',
  'licence',
  'license',
  'member',
  'membership',
  'model',
  'nhs',
  'order',
  'part',
  'passport',
  'patient',
  'policy',
  'reference',
  'registration',
  'routing',
  'security',
  'serial',
  'shipment',
  'sort',
  'student',
  'tax',
  'ticket',
  'tracking',
  'transaction',
  'vat',
  'version',
];

/** Telephone number, validated by libphonenumber-js (metadata "max") on candidate windows only. */
export const phone: Recognizer = {
  id: 'phone',
  type: 'PHONE',
  fineType: 'PHONE',
  description: 'Telephone number: contact data reaching a person.',
  gate: (f) => (f.digits < 7 ? Gate.NO : f.plus > 0 || f.paren > 0 ? Gate.YES : Gate.CONTEXT),
  pattern:
    /(?<![\w+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?|\d{1,5}[ .-]?\(\d{1,5}\)[ .-]?)?\d{1,6}(?:[ .-]?\d{1,5}){0,5}(?![\w]|[.-]\d)/,
  validate: (m, contextOk) => validatePhone(m, contextOk),
  context: [
    'phone',
    // `tel:` and "Tel.", not telemetry, telegram or television
    { whole: 'tel' },
    'telephone',
    // "mobile", and "Mobil" / "Mobilnummer" (German, Scandinavian, Turkish)
    'mobil',
    'cell',
    'fax',
    'telefon',
    'handy',
    'telefono',
    { alone: 'numara' },
    // "call me", "Call:", not callback or calls
    { whole: 'call' },
    'whatsapp',
    // "my number is", not `order_number`, `tracking_number`, `account_number`, nor "order number" or "NHS number",
    // where the word before says what the number is (a ten-digit order number reads as a NANP phone number)
    { alone: 'number', notAfter: NOT_PHONE_NUMBERS },
    // how a message asks to be called back: "ring me on 07911 …", "text me at …", "reach me on …"
    'ring me',
    'text me',
    'reach me',
  ],
  requiresContext: false,
  confidence: 0.8,
  examples: {
    match: [
      '+44 20 7946 0958',
      '(415) 555-0132',
      'phone: 4155550132',
      '+33 1 42 68 53 00',
      'Tel. 4155550132',
      'Mobil: 0151 23456789',
      'phone (030) 1234567',
      'ring me on 07911 123456',
      'Text me at 4155550132 tonight',
      'my number is 4155550132',
      'Contact number: 4155550132',
    ],
    noMatch: [
      { text: 'build 2024-03-15', why: 'an ISO date' },
      { text: 'phone 192.168.10.20', why: 'an IPv4 address, even next to a phone word' },
      { text: 'order 4155550132', why: 'bare digits without a phone word' },
      { text: 'Your order number 4155550132 has shipped', why: 'the word before "number" says whose number it is' },
      { text: 'NHS number 943 476 5919', why: 'an NHS number, written as a NANP number is' },
      { text: 'telemetry batch 4155550132', why: '"tel" counts only as a whole word' },
      { text: 'automobile part 0151 23456789', why: '"mobil" counts only at a word start' },
      { text: '{"callback_id":4155550132}', why: '"call" counts only as a whole word' },
      { text: 'ref 078 05 1123', why: 'national format without a phone word (could be an SSN)' },
      { text: '+1 555 01', why: 'too short to be a number anywhere' },
      { text: 'ring buffer of 4155550132 bytes', why: '"ring" alone is no phone word' },
    ],
  },
};
