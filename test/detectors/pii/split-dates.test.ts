import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Birth dates in `text`: value and fingerprint. */
function births(text: string): [string, string][] {
  return scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'DATE_OF_BIRTH')
    .map((d) => [text.slice(d.start, d.end), d.fingerprint]);
}

/** The fingerprint of 10 December 1985 written whole, as an ISO date. */
const [[, ISO]] = births('{"dob":"1985-12-10"}') as [[string, string]];

describe('birth dates split into parts', () => {
  it('reads a JSON object of day, month and year under a birth key as one date, in any order, quoted or not', () => {
    expect(births('{"individual":{"dob":{"day":10,"month":12,"year":1985}}}')).toEqual([
      ['{"day":10,"month":12,"year":1985}', ISO],
    ]);
    expect(births('{"birthDate": { "year": "1985", "month": "12", "day": "10" }}')).toEqual([
      ['{ "year": "1985", "month": "12", "day": "10" }', ISO],
    ]);
    // Google's People API: a list of birthdays, each date wrapped
    expect(births('{"birthdays": [{"date": {"year": 1985, "month": 12, "day": 10}}]}')).toEqual([
      ['{"year": 1985, "month": 12, "day": 10}', ISO],
    ]);
  });

  it("reads a form's parts under the same birth key on its line, at the year, brackets plain or encoded", () => {
    const stripe = 'individual[dob][day]=10&individual[dob][month]=12&individual[dob][year]=1985&x=1';
    expect(births(stripe)).toEqual([['1985', ISO]]);
    const encoded = 'dob%5Byear%5D=1985&dob%5Bmonth%5D=12&dob%5Bday%5D=10';
    expect(births(encoded)).toEqual([['1985', ISO]]);
  });

  it('reads no date missing a part, no day that is none, no other key, no parts of another key or line', () => {
    for (const text of [
      '{"dob":{"month":12,"year":1985}}',
      '{"dob":{"day":30,"month":2,"year":1985}}',
      '{"dob":{"day":10,"month":12,"year":1885}}',
      '{"expiry":{"day":10,"month":12,"year":1985}}',
      '{"dob":{"day":10,"month":12,"year":1985,"meta":{"x":1}}}',
      '{"birthdays": [{"when": {"year": 1985, "month": 12, "day": 10}}]}',
      'card[exp][day]=10&card[exp][month]=12&card[exp][year]=1985',
      'a[dob][day]=10&b[dob][month]=12&b[dob][year]=1985',
      'dob[day]=10\ndob[month]=12&dob[year]=1985',
      'dob[day]=10&dob[month]=123&dob[year]=1985',
      'xdob[day]=10&dob[month]=12&dob[year]=1985',
      // parts further apart than a record is read (the bytes in view however the body is chunked)
      `{"dob":{"day":10,${' '.repeat(400)}"month":12,"year":1985}}`,
      `dob[day]=10&${'x=1&'.repeat(120)}dob[month]=12&dob[year]=1985`,
    ])
      expect(births(text), text).toEqual([]);
  });

  it('finds the same however the body is chunked', () => {
    const body = Buffer.from(
      `${'y'.repeat(200)}\nindividual[dob][day]=10&individual[dob][month]=12&individual[dob][year]=1985\n{"dob":{"day":10,"month":12,"year":1985}}\n`,
      'latin1',
    );
    const whole = scanBuffer(body, { fingerprintKey: KEY }).detections;
    expect(whole).toHaveLength(2);
    for (let cut = 1; cut < body.length; cut += 3) expect(scannedInTwo(body, cut), `cut ${cut}`).toEqual(whole);
  });
});
