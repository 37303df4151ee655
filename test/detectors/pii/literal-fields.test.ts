import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Name and street detections in `text`, as `TYPE value`, checked to sit at their own bytes. */
function fields(text: string): string[] {
  const bytes = Buffer.from(text, 'latin1');
  return scanBuffer(bytes, { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}`);
}

const ADA = ['PERSON_NAME Ada', 'PERSON_NAME Lovelace', 'STREET_ADDRESS 12 High Street'];

describe('records printed into logs', () => {
  it("reads a Python dict's fields, either quote around the value, an escaped apostrophe undone", () => {
    expect(fields("INFO created {'first_name': 'Ada', 'last_name': \"Lovelace\", 'street': '12 High Street'}")).toEqual(
      ADA,
    );
    expect(fields("{'last_name': 'O\\'Neill'}")).toEqual(["PERSON_NAME O\\'Neill"]);
  });

  it('reads a Ruby hash as Rails logs parameters: string keys, symbol keys, with or without spaces', () => {
    expect(
      fields('Parameters: {"user"=>{"first_name"=>"Ada", "last_name" => "Lovelace", :street=>\'12 High Street\'}}'),
    ).toEqual(ADA);
  });

  it("reads PHP's print_r, a bracketed key and the rest of its line", () => {
    expect(
      fields('Array\n(\n    [first_name] => Ada\n    [last_name] => Lovelace\r\n    [street] => 12 High Street\n)\n'),
    ).toEqual(ADA);
  });

  it('reads a record as Java, Kotlin and Lombok print one, a value running to the next key or the bracket', () => {
    expect(fields('saving User(id=42, firstName=Ada, lastName=Lovelace, street=12 High Street)')).toEqual(ADA);
    expect(fields('{first_name=Ada, last_name=Lovelace, street=12 High Street}')).toEqual(ADA);
    // a comma inside a value, not before a key, is the value's
    expect(fields('User(street=12 High Street, London, id=7)')).toEqual(['STREET_ADDRESS 12 High Street, London']);
  });

  it("reads Go's printed structs and maps, a value running to the bracket, the line's end or the next `Key:`", () => {
    expect(fields('user: {ID:7 FirstName:Ada LastName:Lovelace Street:12 High Street}')).toEqual(ADA);
    expect(fields('map[first_name:Ada last_name:Lovelace street:12 High Street]')).toEqual(ADA);
    expect(fields('saved FirstName:Ada\n')).toEqual(['PERSON_NAME Ada']);
    // a key glued to a word, and a time, a URL or a credential pair, are no keys
    for (const text of [
      'x.FirstName:Ada',
      'at 12:30 https://example.org/FirstName:Ada',
      'user:pass FirstName;Ada',
      '{FirstName:Ada :x}',
    ])
      expect(fields(text), text).toEqual([]);
  });

  it('reads no key that is quoted on one side only, no field a key does not name, no value left unquoted', () => {
    for (const text of [
      "{first_name': 'Ada'}",
      '{"first_name=>"Ada"}',
      'first_name"=>"Ada"',
      '{"product"=>"Ada Lovelace"}',
      "{'product': 'Ada Lovelace'}",
      '{"first_name"=>Ada}',
      '(first_name] => Ada',
      `[first_name] => ${'Ada '.repeat(70)}`,
    ])
      expect(fields(text), text).toEqual([]);
  });

  it('finds the same however the log is chunked', () => {
    const log = Buffer.from(
      `${'x'.repeat(100)}\n{'first_name': 'Ada'} {"last_name"=>"Lovelace"}\n    [street] => 12 High Street\nUser(firstName=Ada)\n{LastName:Lovelace}\n`,
      'latin1',
    );
    const whole = scanBuffer(log, { fingerprintKey: KEY }).detections;
    expect(whole).toHaveLength(5);
    for (let cut = 1; cut < log.length; cut += 3) expect(scannedInTwo(log, cut), `cut ${cut}`).toEqual(whole);
  });
});
