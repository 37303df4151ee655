import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';

const KEY = 'breachwatch-test-fingerprint-key';
const phones = (text: string, phoneRegions?: readonly ('PH' | 'TR' | 'US')[]): string[] =>
  scanBuffer(Buffer.from(text), { fingerprintKey: KEY, minConfidence: 0, ...(phoneRegions ? { phoneRegions } : {}) })
    .detections.filter((d) => d.type === 'PHONE')
    .map((d) => d.fineType);

describe('phoneRegions', () => {
  it('reads national numbers in the configured region, as a deployment with a default region would', () => {
    // Prepare / Act / Assess: a PH mobile in national format, with its trunk prefix
    expect(phones('0917 123 4567', ['PH'])).toEqual(['PHONE_PH']);
    expect(phones('05321234567', ['TR'])).toEqual(['PHONE_TR']);
  });

  it('does not read a number valid only in another region', () => {
    // valid in the US (NANP), not in PH or TR
    expect(phones('12345678901', ['PH'])).toEqual([]);
    expect(phones('6123456789', ['TR'])).toEqual([]);
    expect(phones('6123456789')).toEqual(['PHONE_US']);
  });

  it('requires the national prefix where the region usually writes it (libphonenumber VALID leniency)', () => {
    expect(phones('9171234567', ['PH'])).toEqual([]);
    expect(phones('09171234567', ['PH'])).toEqual(['PHONE_PH']);
    // TR writes its trunk 0 optionally
    expect(phones('5321234567', ['TR'])).toEqual(['PHONE_TR']);
  });

  it('reads a national number valid in several regions as the one whose grouping it is written in', () => {
    // 0612345678 is valid in Germany (an 06 area code) and in France (a mobile): the pairs are French
    expect(phones('tel 06 12 34 56 78')).toEqual(['PHONE_FR']);
    expect(phones('tel 06.12.34.56.78')).toEqual(['PHONE_FR']);
    expect(phones('tel 020 7946 0018')).toEqual(['PHONE_GB']);
    // written without groups, or in a grouping no region uses, the first region that validates it stays
    expect(phones('tel 0612345678')).toEqual(['PHONE_DE']);
    expect(phones('tel 061 234 5678')).toEqual(['PHONE_DE']);
  });

  it('reads the ranges Ofcom keeps for drama as British, though libphonenumber marks them invalid', () => {
    // the numbers test data and breach drills plant: 07700 900xxx (mobile) and 01632 960xxx (no area)
    expect(phones('+44 7700 900123')).toEqual(['PHONE_GB']);
    expect(phones('tel 07700 900123')).toEqual(['PHONE_GB']);
    expect(phones('tel 01632 960999')).toEqual(['PHONE_GB']);
    expect(phones('+441632960001')).toEqual(['PHONE_GB']);
    // next to them, numbers no region allocates stay unread
    expect(phones('+44 7700 901123')).toEqual([]);
    expect(phones('+44 1632 961123')).toEqual([]);
    expect(phones('+1 7700 900123')).toEqual([]);
  });

  it('reads international numbers whatever the region', () => {
    expect(phones('+44 20 7946 0958', ['PH'])).toEqual(['PHONE_GB']);
  });
});
