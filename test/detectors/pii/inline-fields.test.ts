import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Field detections in `text`: type and the value's text. */
function fields(text: string): string[] {
  const bytes = Buffer.from(text, 'latin1');
  return scanBuffer(bytes, { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type} ${text.slice(d.start, d.end)}`);
}

describe('fields written key: "value" inside a line', () => {
  it('reads GraphQL arguments, in the JSON string a request carries its query in, at their own bytes', () => {
    const query =
      'mutation { createUser(input: {firstName: "Ada", lastName:"Lovelace", street: "12 High St"}) { id } }';
    const request = JSON.stringify({ query, variables: {} });
    expect(fields(query)).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace', 'STREET_ADDRESS 12 High St']);
    expect(fields(request)).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace', 'STREET_ADDRESS 12 High St']);
  });

  it('reads JavaScript object literals and YAML flow mappings, with either quote, as the same values', () => {
    const fingerprints = (text: string): string[] =>
      scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections.map((d) => d.fingerprint);
    const plain = fingerprints('{"first_name":"Zoë"}');
    expect(fingerprints("const user = {first_name: 'Zoë'};")).toEqual(plain);
    expect(fingerprints('- {first_name: "Zo\\u00eb", plan: pro}')).toEqual(plain);
    expect(fingerprints(JSON.stringify({ query: '{ u(first_name: "Zo\\u00eb") }' }))).toEqual(plain);
    expect(fields('{first_name:\'Ada\'}\nlast_name:"Lovelace"')).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace']);
    // a quote escaped inside the value does not end it
    expect(fields('{street: "12 \\"High\\" Street"}')).toEqual([]);
    expect(fields("{last_name: 'O\\'Neill'}")).toEqual(["PERSON_NAME O\\'Neill"]);
  });

  it('reads no unquoted value, no value left open, and no key that names no field', () => {
    expect(fields('{first_name: Ada}')).toEqual([]);
    expect(fields('{first_name: "Ada')).toEqual([]);
    expect(fields(`{first_name: "${'A'.repeat(300)}"}`)).toEqual([]);
    expect(fields('Note: "Ada Lovelace" signed')).toEqual([]);
    expect(fields('{"m":"{first_name: \\\\"Ada\\\\"}"}')).toEqual([]);
  });

  it('finds the same however the body is chunked', () => {
    const bytes = Buffer.from(JSON.stringify({ query: '{ user(input: {firstName: "Ada", street: "12 High St"}) }' }));
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    expect(whole).toHaveLength(2);
    for (let cut = 1; cut < bytes.length; cut++) expect(scannedInTwo(bytes, cut), `cut at ${cut}`).toEqual(whole);
  });
});
