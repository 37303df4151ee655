import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScanner, FIELD_RECOGNIZERS, scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

describe('vCard files', () => {
  // RFC 6350 §8's example, and a vCard 3.0 card as phones and mail clients export them
  const card = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    'FN:Simon Perreault',
    'N:Perreault;Simon;;;ing. jr,M.Sc.',
    'BDAY:--0203',
    'GENDER:M',
    'LANG;PREF=1:fr',
    'EMAIL;TYPE=work:simon.perreault@viagenie.ca',
    'ADR;TYPE=work:;Suite D2-630;2875 Laurier;Quebec;QC;G1V 2M2;Canada',
    'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418-656-9254;ext=102',
    'URL;TYPE=home:http://nomis80.org',
    'END:VCARD',
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:Grace Hopper',
    'item1.ADR;type=WORK:;Hangar 3\\; rear door;1 Navy Yard\\, Building 5;Arlington;VA;22201;USA',
    'NOTE:called about https://example.org:8443/x',
    'BDAY:1986-12-09',
    'END:VCARD',
    '',
  ].join('\r\n');
  const bytes = Buffer.from(card);
  const found = (b: Buffer, options = {}) =>
    scanBuffer(b, { fingerprintKey: KEY, ...options }).detections.map(
      (d) => `${d.type} ${b.toString('latin1', d.start, d.end)}`,
    );

  it('reads FN as a name, the family and given names of N, and the street of ADR as an address, at their own bytes', () => {
    expect(found(bytes).sort()).toEqual([
      'DATE_OF_BIRTH 1986-12-09',
      'EMAIL simon.perreault@viagenie.ca',
      'PERSON_NAME Grace Hopper',
      'PERSON_NAME Perreault',
      'PERSON_NAME Simon',
      'PERSON_NAME Simon Perreault',
      'PHONE +1-418-656-9254',
      'STREET_ADDRESS 1 Navy Yard\\, Building 5',
      'STREET_ADDRESS 2875 Laurier',
    ]);
  });

  it('reads a value folded over lines (a break, then a space or a tab), at its bytes across the folds', () => {
    const folded = Buffer.from(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Maria Isabella Fernanda Antonia de los Angeles Gutierrez Villanueva Ro',
        ' driguez',
        "ADR;TYPE=HOME:;;12 St James's Squ",
        '\tare;London;;SW1Y 4JH;United Kingdom',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    expect(found(folded)).toEqual([
      'PERSON_NAME Maria Isabella Fernanda Antonia de los Angeles Gutierrez Villanueva Ro\r\n driguez',
      "STREET_ADDRESS 12 St James's Squ\r\n\tare",
    ]);
    const whole = scanBuffer(folded, { fingerprintKey: KEY }).detections;
    for (let cut = 1; cut < folded.length; cut++) {
      expect(scannedInTwo(folded, cut), `cut ${cut}`).toEqual(whole);
    }
    // a structured name's components: empty ones and missing ones give nothing, an escaped `;` stays in its component
    const names = Buffer.from('BEGIN:VCARD\r\nN:;Ada;;;\r\nN:Lovelace\r\nN:O\\;Neill;Ada\r\nEND:VCARD\r\n');
    expect(found(names)).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace', 'PERSON_NAME Ada']);
    expect(found(Buffer.from('BEGIN:VCARD\r\nN:Lovelace'))).toEqual(['PERSON_NAME Lovelace']);
    // a name folded past what a name may be (80 characters) is none
    const long = Buffer.from(`BEGIN:VCARD\r\nFN:${'Maria '.repeat(14)}\r\n Ro\r\nEND:VCARD\r\n`);
    expect(found(long)).toEqual([]);
  });

  it('reads no vCard property outside a vCard file, nor FN when names are not configured', () => {
    expect(found(Buffer.from(`notes\r\n${card}`)).filter((t) => /^(PERSON_NAME|STREET)/.test(t))).toEqual([]);
    const withoutNames = { fieldRecognizers: FIELD_RECOGNIZERS.filter((r) => r.type !== 'PERSON_NAME') };
    expect(found(bytes, withoutNames).filter((t) => t.startsWith('PERSON_NAME'))).toEqual([]);
  });

  it('finds the same however the file is chunked', () => {
    const whole = scanBuffer(bytes, { fingerprintKey: KEY })
      .detections.map((d) => `${d.type}@${d.start}`)
      .sort();
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 6 }), (cuts) => {
        const s = createScanner({ fingerprintKey: KEY });
        const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
        const ds = at.slice(1).flatMap((end, k) => s.write(bytes.subarray(at[k], end)));
        ds.push(...s.end());
        expect(ds.map((d) => `${d.type}@${d.start}`).sort()).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });
});
