import type { FieldRecognizer, PiiType } from '../types.js';

/**
 * Identifiers hashed before they are sent, as advertising platforms take them to match conversions to their users (Meta's
 * and Pinterest's Conversions APIs `em`, `ph`, `fn`; Google Ads' `hashedEmail`, Google tag's `sha256_email_address`;
 * Snap's and X's `hashed_email`; TikTok's `email`). A SHA-256 of a normalized e-mail address is still that person's identifier (GDPR
 * Recital 26: the recipient matches it to them), so each is reported as its type, hashed.
 */
function hashedField(
  type: PiiType,
  what: string,
  fields: readonly string[],
  example: { field: string; value: string },
): FieldRecognizer {
  return {
    id: `hashed-${type.toLowerCase().replaceAll('_', '-')}-field`,
    type,
    fineType: `${type}_SHA256`,
    description: `${what}, hashed with SHA-256 as a conversions API takes it, from a field such as ${fields[0]}.`,
    fields,
    value: SHA256,
    confidence: 0.8,
    examples: {
      match: [example],
      noMatch: [
        { field: example.field, value: example.value.slice(1), why: 'not a SHA-256: 63 hex digits' },
        { field: example.field, value: `${example.value.slice(1)}g`, why: 'not a SHA-256: a letter beyond hex' },
      ],
    },
  };
}

/** A SHA-256 as hex, the form every conversions API takes (they ask for lower case; upper case is the same hash). */
export const SHA256 = /^[0-9a-fA-F]{64}$/;

/** `sha256("ada@example.org")`. */
const EMAIL = 'cfe00dde46ef942601ffafb9e2825e802858b460e586b8305b344c1eb826357d';

export const hashedEmailField = hashedField(
  'EMAIL',
  'E-mail address',
  // TikTok's and Reddit's events take the hash under `email` itself; LinkedIn's names it `SHA256_EMAIL`
  ['em', 'email', 'emailaddress', 'hashedemail', 'sha256email', 'sha256emailaddress', 'emailsha256', 'emailhash'],
  { field: 'em', value: EMAIL },
);

export const hashedPhoneField = hashedField(
  'PHONE',
  'Phone number',
  ['ph', 'phone', 'phonenumber', 'hashedphonenumber', 'sha256phonenumber', 'phonehash'],
  { field: 'hashed_phone_number', value: EMAIL.toUpperCase() },
);

export const hashedNameField = hashedField(
  'PERSON_NAME',
  "A person's first or last name",
  ['fn', 'ln', 'hashedfirstname', 'hashedlastname', 'sha256firstname', 'sha256lastname'],
  { field: 'fn', value: EMAIL },
);

export const hashedBirthDateField = hashedField('DATE_OF_BIRTH', 'Date of birth', ['db'], {
  field: 'db',
  value: EMAIL,
});

export const hashedPostcodeField = hashedField('POSTCODE', 'Postcode', ['zp'], { field: 'zp', value: EMAIL });

export const hashedStreetField = hashedField(
  'STREET_ADDRESS',
  'Street address',
  ['hashedstreetaddress', 'sha256street'],
  { field: 'hashedStreetAddress', value: EMAIL },
);
