import { isDate } from '../checksums.js';
import { Gate, hasRun, hasRunIn, type Recognizer, type Verdict } from '../types.js';

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

/**
 * Accepts real calendar dates (ISO, D/M/Y, M/D/Y, D.M.Y, D-Mon-Y) with a four-digit year 1900–2099; an ISO date may
 * carry a midnight time (`1984-07-21T00:00:00Z`), as a date-time type serializes a birth date.
 */
export function validateDob(m: RegExpExecArray): Verdict {
  const text = m[0];
  const parts = text.split(/[-./ ]/);
  if (parts.length !== 3) return false;
  const [a = '', b = '', c = ''] = parts;
  const month = /[a-z]/i.test(b) ? MONTHS.split('|').indexOf(b.slice(0, 3).toLowerCase()) + 1 : Number(b);
  const ok =
    a.length === 4
      ? isDate(Number(a), month, Number(c))
      : isDate(Number(c), month, Number(a)) || isDate(Number(c), Number(a), month);
  return ok ? { normalized: text } : false;
}

/** Date of birth: a date next to a birth keyword or in a `dob`/`birthdate` field; other dates never count. */
export const dateOfBirth: Recognizer = {
  id: 'date-of-birth',
  type: 'DATE_OF_BIRTH',
  fineType: 'DATE_OF_BIRTH',
  description: 'Date of birth: identifies a person together with a name or postcode.',
  // every form has a 4-digit year and a 1–2-digit day or month
  gate: (f) =>
    f.digits >= 4 &&
    f.maxRun <= 4 &&
    f.dots + f.dashes + f.slashes + f.spaces >= 2 &&
    hasRun(f.digitRuns, 4) &&
    hasRunIn(f.digitRuns, 1, 2)
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: new RegExp(
    `(?<![0-9A-Za-z.\\/-])(?:(?:19|20)\\d\\d-[01]\\d-[0-3]\\d|[0-3]?\\d[./-][01]?\\d[./-](?:19|20)\\d\\d|[01]?\\d\\/[0-3]?\\d\\/(?:19|20)\\d\\d|[0-3]?\\d[ -](?:${MONTHS})[a-z]*[ -](?:19|20)\\d\\d)(?:(?=T00:00:00(?:\\.0+)?(?:Z|[+-]00:?00)?(?![0-9A-Za-z.:+-]))|(?![0-9A-Za-z]|[.\\/-]\\d))`,
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
    ],
    noMatch: [
      { text: 'dob 1984-02-30', why: '30 February' },
      { text: 'created 2024-03-15', why: 'no birth keyword' },
      { text: 'birth record updated 2024-03-15T10:04:00Z', why: 'a moment, not a date kept at midnight' },
    ],
  },
};
