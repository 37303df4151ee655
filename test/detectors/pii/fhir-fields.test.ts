import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const fields = (text: string): string[] =>
  scanBuffer(Buffer.from(text), { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type} ${text.slice(d.start, d.end)}`);

/** A FHIR R4 Patient as a HealthLake search returns it, in a Bundle. */
const bundle = JSON.stringify(
  {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      {
        resource: {
          resourceType: 'Patient',
          name: [{ use: 'official', family: 'Lovelace', given: ['Ada', 'Augusta'] }],
          gender: 'female',
          address: [{ line: ['12 High Street', 'Flat 3'], city: 'London', postalCode: 'SW1A 1AA' }],
        },
      },
    ],
  },
  null,
  2,
);

describe('FHIR resources', () => {
  it("reads a HumanName's family and given names and an Address's lines, at their own bytes", () => {
    expect(fields(bundle)).toEqual([
      'PERSON_NAME Lovelace',
      'PERSON_NAME Ada',
      'PERSON_NAME Augusta',
      'STREET_ADDRESS 12 High Street',
      'STREET_ADDRESS Flat 3',
    ]);
    expect(fields('{"given":["Ada"],"family":"Lovelace"}')).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace']);
  });

  it('reads those keys only beside their companions: font families, address families and log lines are none', () => {
    expect(fields('{"font":{"family":"Roboto Slab","weight":400}}')).toEqual([]);
    expect(fields('{"Family":"IPv4","Address":"10.0.0.1"}')).toEqual([]);
    expect(fields('{"line":"Main Loop","file":"app.ts"}')).toEqual([]);
    // a companion in another object does not count
    expect(fields('[{"family":"Lovelace"},{"given":["Ada"]}]')).toEqual([]);
    expect(fields('{"name":{"family":"Lovelace"},"given":"x"}')).toEqual([]);
  });

  it('finds the same however the bundle is chunked', () => {
    const bytes = Buffer.from(bundle);
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    for (let cut = 1; cut < bytes.length; cut++) expect(scannedInTwo(bytes, cut), `cut at ${cut}`).toEqual(whole);
  });
});
