import { describe, expect, it } from 'vitest';
import { type Detection, jurisdictionOf, scanBuffer, summarizeDetections } from '../../../detectors/pii/index.js';

const KEY = 'breachwatch-test-fingerprint-key';

function detection(type: Detection['type'], fineType: string, fingerprint: string): Detection {
  return { type, fineType, start: 0, end: 1, validated: true, confidence: 0.9, fingerprint };
}

describe('summarizeDetections', () => {
  it('counts detections and distinct fingerprints per type', () => {
    const summary = summarizeDetections([
      detection('IBAN', 'DE_IBAN', 'a'),
      detection('IBAN', 'DE_IBAN', 'a'),
      detection('IBAN', 'GB_IBAN', 'b'),
      detection('EMAIL', 'EMAIL', 'c'),
    ]);
    expect(summary.byType.IBAN).toMatchObject({
      detections: 3,
      distinct: 2,
      category: 'financial',
      jurisdictions: ['DE', 'GB'],
    });
    expect(summary.byType.EMAIL).toMatchObject({ detections: 1, distinct: 1, category: 'contact', jurisdictions: [] });
    expect(summary).toMatchObject({
      detections: 4,
      distinct: 3,
      art9: false,
      categories: ['contact', 'financial'],
      jurisdictions: ['DE', 'GB'],
    });
  });

  it('flags Art. 9 special category data when a health identifier is present', () => {
    const summary = summarizeDetections([detection('HEALTH_ID', 'UK_NHS', 'n')]);
    expect(summary.art9).toBe(true);
    expect(summary.categories).toEqual(['special-category-art9']);
    expect(summary.jurisdictions).toEqual(['GB']);
  });

  it('gives jurisdictions only where the identifier carries one', () => {
    expect(jurisdictionOf({ type: 'NATIONAL_ID', fineType: 'ES_NIE' })).toBe('ES');
    expect(jurisdictionOf({ type: 'UK_NINO', fineType: 'UK_NINO' })).toBe('GB');
    expect(jurisdictionOf({ type: 'PHONE', fineType: 'PHONE_US' })).toBeUndefined();
    expect(jurisdictionOf({ type: 'EMAIL', fineType: 'EMAIL' })).toBeUndefined();
    // a UK postcode is British; five digits are German, American, French or Italian alike
    const postcodes = scanBuffer(Buffer.from('{"postcode":"SW1A 1AA","zip":"94103","plz":"10115"}'), {
      fingerprintKey: 'breachwatch-test-fingerprint-key',
    }).detections;
    expect(postcodes.map((d) => jurisdictionOf(d) ?? '-')).toEqual(['GB', '-', '-']);
  });

  it('summarizes a scan of a real body end to end', () => {
    const body =
      '{"first_name":"Ada","iban":"FR1420041010050500013M02606","nhs_number":"401-023-2137","email":"ada@example.org"}';
    const summary = summarizeDetections(scanBuffer(Buffer.from(body), { fingerprintKey: KEY }).detections);
    expect(Object.keys(summary.byType).sort()).toEqual(['EMAIL', 'HEALTH_ID', 'IBAN', 'PERSON_NAME']);
    expect(summary.art9).toBe(true);
    expect(summary.jurisdictions).toEqual(['FR', 'GB']);
  });
});
