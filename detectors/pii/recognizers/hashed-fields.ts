import type { FieldRecognizer, PiiType } from '../types.js';

/**
 * Identifiers hashed before they are sent, as advertising platforms take them to match conversions to their users (Meta's
 * and Pinterest's Conversions APIs `em`, `ph`, `fn`; Google Ads' `hashedEmail`, Google tag's `sha256_email_address`;
 * Snap's and X's `hashed_email`; TikTok's `email`), and as retargeters and data brokers keep lists (Criteo's MD5 of an
 * e-mail address, LiveRamp's SHA-1). A hash of a normalized e-mail address is still that person's identifier (GDPR
 * Recital 26: the recipient matches it to them), so each is reported as its type, its fine type naming the hash
 * (`EMAIL_SHA256`, `EMAIL_MD5`).
 */
function hashedField(
  type: PiiType,
  what: string,
  fields: readonly string[],
  example: { field: string; value: string },
  value: RegExp = HASH_VALUE,
): FieldRecognizer {
  const short = value === SHA256;
  return {
    id: `hashed-${type.toLowerCase().replaceAll('_', '-')}${short ? '-short' : ''}-field`,
    type,
    fineType: `${type}_SHA256`,
    hashed: true,
    description: short
      ? `${what}, hashed with SHA-256 as a conversions API takes it under its short key, ${fields[0]}.`
      : `${what}, hashed (MD5, SHA-1 or SHA-256, hex or a SHA-256 in base64), from a field such as ${fields[0]}.`,
    fields,
    value,
    confidence: 0.8,
    examples: {
      match: [example],
      noMatch: [
        { field: example.field, value: example.value.slice(1), why: 'no hash: 63 hex digits' },
        { field: example.field, value: `${example.value.slice(1)}g`, why: 'no hash: a letter beyond hex' },
      ],
    },
  };
}

/** A SHA-256 as hex, the form every conversions API takes (they ask for lower case; upper case is the same hash). */
export const SHA256 = /^[0-9a-fA-F]{64}$/;
/**
 * A hash as hex: MD5 (32 digits), SHA-1 (40) or SHA-256 (64); or a SHA-256 as base64 (43 characters and one `=`), as
 * UID2 and EUID take `email_hash` and `phone_hash`.
 */
export const HASH_VALUE = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;

const HASH_NAMES: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256', 44: 'SHA256' };

/** @internal The hash a value (`HASH_VALUE`) is, by its length: `MD5`, `SHA1` or `SHA256`. */
export function hashName(value: string): string {
  return HASH_NAMES[value.length] ?? 'SHA256';
}

/** @internal A hash (`HASH_VALUE`) as lower-case hex: one SHA-256 sent in hex and in base64 is one value. */
export function hashHex(value: string): string {
  return value.length === 44 ? Buffer.from(value, 'base64').toString('hex') : value.toLowerCase();
}

/** `sha256("ada@example.org")`. */
const EMAIL = 'cfe00dde46ef942601ffafb9e2825e802858b460e586b8305b344c1eb826357d';

// Meta's, Pinterest's and Snap's two-letter keys hold SHA-256 alone, as their APIs ask: a shorter hex run under `fn` or
// `db` is some other id
export const hashedEmailShortField = hashedField(
  'EMAIL',
  'E-mail address',
  ['em'],
  { field: 'em', value: EMAIL },
  SHA256,
);

export const hashedEmailField = hashedField(
  'EMAIL',
  'E-mail address',
  // TikTok's and Reddit's events take the hash under `email` itself; LinkedIn's names it `SHA256_EMAIL`; Criteo's
  // OneTag takes an MD5 under `email`
  [
    'email',
    'emailaddress',
    'hashedemail',
    'sha256email',
    'sha256emailaddress',
    'emailsha256',
    'emailhash',
    'md5email',
    'emailmd5',
    'sha1email',
    'emailsha1',
  ],
  { field: 'hashed_email', value: EMAIL },
);

export const hashedPhoneShortField = hashedField(
  'PHONE',
  'Phone number',
  ['ph'],
  { field: 'ph', value: EMAIL },
  SHA256,
);

export const hashedPhoneField = hashedField(
  'PHONE',
  'Phone number',
  ['phone', 'phonenumber', 'hashedphonenumber', 'sha256phonenumber', 'phonehash', 'md5phone', 'phonemd5', 'sha1phone'],
  { field: 'hashed_phone_number', value: EMAIL.toUpperCase() },
);

export const hashedNameShortField = hashedField(
  'PERSON_NAME',
  "A person's first or last name",
  ['fn', 'ln'],
  { field: 'fn', value: EMAIL },
  SHA256,
);

export const hashedNameField = hashedField(
  'PERSON_NAME',
  "A person's first or last name",
  ['hashedfirstname', 'hashedlastname', 'sha256firstname', 'sha256lastname'],
  { field: 'hashedFirstName', value: EMAIL },
);

export const hashedBirthDateField = hashedField(
  'DATE_OF_BIRTH',
  'Date of birth',
  ['db'],
  { field: 'db', value: EMAIL },
  SHA256,
);

export const hashedPostcodeField = hashedField('POSTCODE', 'Postcode', ['zp'], { field: 'zp', value: EMAIL }, SHA256);

export const hashedStreetField = hashedField(
  'STREET_ADDRESS',
  'Street address',
  ['hashedstreetaddress', 'sha256street'],
  { field: 'hashedStreetAddress', value: EMAIL },
);
