import { isDate } from '../checksums.js';
import { MONTH_NAMES, monthNumber } from '../month-names.js';
import { Gate, hasRun, hasRunIn, type Recognizer, type Verdict } from '../types.js';

/** Months' names, whole (`mayo` is no `may` and an ending): see month-names.ts. */
const MONTHS = MONTH_NAMES.join('|');

const ORDINAL = '(?:st|nd|rd|th)?';

/** A month's number from its name or a number; 0 when it is neither. */
function monthOf(part: string): number {
  return /[a-z]/i.test(part) ? monthNumber(part) : Number(part);
}

/** A day's number, its ordinal suffix dropped (`3rd`). */
const dayOf = (part: string): number => Number(part.replace(/[a-z]+$/i, ''));

/**
 * Accepts real calendar dates (ISO, D/M/Y, M/D/Y, D.M.Y, D-Mon-Y, `10th December 1985`, `December 10, 1985`) with a
 * four-digit year 1900–2099, or a two-digit year in D/M/Y, M/D/Y and D-M-Y (`10/12/85`, a real day and month in
 * either century); an ISO date may carry a midnight time (`1984-07-21T00:00:00Z`), as a date-time type serializes a
 * birth date.
 */
export function validateDob(m: RegExpExecArray): Verdict {
  const text = m[0];
  const parts = text.replace(/,/g, '').split(/[-./ ]+/);
  if (parts.length !== 3) return false;
  const [a = '', b = '', c = ''] = parts;
  let ok: boolean;
  if (/^[a-z]/i.test(a)) ok = isDate(Number(c), monthOf(a), dayOf(b));
  else if (/[a-z]/i.test(b)) ok = isDate(Number(c), monthOf(b), dayOf(a));
  else if (a.length === 4) ok = isDate(Number(a), Number(b), Number(c));
  // a two-digit year has the leap years of 19yy or 20yy (00 is one in 2000)
  else ok = isDate(Number(c), Number(b), Number(a)) || isDate(Number(c), Number(a), Number(b));
  return ok ? { normalized: text } : false;
}

/** Date of birth: a date next to a birth keyword or in a `dob`/`birthdate` field; other dates never count. */
export const dateOfBirth: Recognizer = {
  id: 'date-of-birth',
  type: 'DATE_OF_BIRTH',
  fineType: 'DATE_OF_BIRTH',
  description: 'Date of birth: identifies a person together with a name or postcode.',
  // every form has a 1–2-digit day or month, and a 4-digit year or three short numbers alone (`10/12/85`; with dots,
  // `1.24.13` is a version far more often than a date, so a two-digit year takes a slash or a dash)
  gate: (f) =>
    f.digits >= 4 &&
    f.maxRun <= 4 &&
    f.dots + f.dashes + f.slashes + f.spaces >= 2 &&
    hasRunIn(f.digitRuns, 1, 2) &&
    (hasRun(f.digitRuns, 4) || (f.len <= 8 && f.letters + f.dots === 0))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: new RegExp(
    `(?<![0-9A-Za-z.\\/-])(?:(?:19|20)\\d\\d-[01]\\d-[0-3]\\d|[0-3]?\\d[./-][01]?\\d[./-](?:19|20)\\d\\d|[01]?\\d\\/[0-3]?\\d\\/(?:19|20)\\d\\d|[0-3]?\\d(?:${ORDINAL}|\\.)[ -](?:${MONTHS})\\.?[ -](?:19|20)\\d\\d|(?:${MONTHS})\\.?[ -][0-3]?\\d${ORDINAL},?[ -](?:19|20)\\d\\d|[0-3]?\\d[/-][0-3]?\\d[/-]\\d\\d)(?:(?=T00:00:00(?:\\.0+)?(?:Z|[+-]00:?00)?(?![0-9A-Za-z.:+-]))|(?![0-9A-Za-z]|[.\\/-]\\d))`,
    'i',
  ),
  validate: validateDob,
  // `BDAY` is a vCard's (RFC 6350) and many contact exports' birthday property
  context: [
    'dob',
    'birth',
    'born',
    'geburt',
    'geb.',
    'nacimiento',
    'naissance',
    'birthday',
    // Italian and Dutch, and French "né le" / "née le" (born on)
    'nascita',
    'geboren',
    'geboorte',
    'né le',
    'née le',
    'd.o.b',
    { whole: 'bday' },
  ],
  requiresContext: true,
  confidence: 0.8,
  examples: {
    match: [
      '"dob":"1984-07-21"',
      'date of birth: 21.07.1984',
      'born 5-May-1980',
      'BDAY:1984-07-21',
      '"birthDate":"1984-07-21T00:00:00.000Z"',
      'Date of birth: December 10, 1985',
      'DOB: Dec. 3rd, 1962',
      'born on the 10th December 1985',
      'dob 10/12/85',
      'Geburtsdatum: 10. Dezember 1985',
      'né le 10 octobre 1985',
      'data di nascita 5 maggio 1980',
    ],
    noMatch: [
      { text: 'dob 1984-02-30', why: '30 February' },
      { text: 'created 2024-03-15', why: 'no birth keyword' },
      { text: 'birth record updated 2024-03-15T10:04:00Z', why: 'a moment, not a date kept at midnight' },
      { text: 'released December 10, 1985', why: 'no birth keyword' },
      { text: 'date of birth: February 30, 1985', why: 'no such day' },
      { text: 'dob 13/13/85', why: 'no month 13 in either order' },
      { text: 'born 10 Decemberr 1985', why: 'no month of that name' },
      { text: 'birth cohort 1.2.3', why: 'a version: no two-digit year' },
      { text: 'dob 10.12.85', why: 'a two-digit year with dots: read as a version' },
    ],
  },
};
