import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { validateAadhaar } from '../../../detectors/pii/recognizers/in-aadhaar.js';
import { validateRrn } from '../../../detectors/pii/recognizers/kr-rrn.js';
import { validateNin } from '../../../detectors/pii/recognizers/ng-nin.js';
import { validateNric } from '../../../detectors/pii/recognizers/sg-nric.js';
import { accepts as ok, verdictOn as run } from '../../support/validators.js';

/** A position of `valid` holding a digit, and a different digit to put there. */
function digitChange(valid: string): fc.Arbitrary<string> {
  const positions = [...valid].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  return fc
    .tuple(fc.constantFrom(...positions), fc.integer({ min: 1, max: 9 }))
    .map(([i, step]) => valid.slice(0, i) + String((Number(valid[i]) + step) % 10) + valid.slice(i + 1));
}

describe('KR RRN / FRN', () => {
  it('validates resident numbers by their check digit', () => {
    // the Presidio test values, and made-up ones
    for (const v of ['9601211021413', '050912-2000019', '850315-1234566', '9207072084211'])
      expect(run(validateRrn, v)).toEqual({ normalized: v.replace('-', ''), validated: true });
  });

  it('validates foreigner numbers by their own check digit and names them KR_FRN', () => {
    for (const v of ['911124-5678906', '0509126000012', '881201-5342115', '0304197123455'])
      expect(run(validateRrn, v)).toEqual({ fineType: 'KR_FRN', normalized: v.replace('-', ''), validated: true });
  });

  it('keeps numbers without a valid check digit (issued since October 2020) as unvalidated, as Presidio does', () => {
    expect(run(validateRrn, '911124-5678901')).toEqual({
      fineType: 'KR_FRN',
      normalized: '9111245678901',
      validated: false,
    });
    expect(run(validateRrn, '000505-3637892')).toEqual({ normalized: '0005053637892', validated: false });
    // a region code above 95 is not validated either
    expect(run(validateRrn, '850315-1964560')).toMatchObject({ validated: false });
  });

  it('rejects a date that is not real in the century G gives', () => {
    expect(ok(validateRrn, '001332-1234567')).toBe(false);
    expect(ok(validateRrn, '000229-1234567')).toBe(false); // 1900 is no leap year
    expect(ok(validateRrn, '000229-3234567')).toBe(true); // 2000 is
  });

  it('accepts 1800s numbers (G 9 or 0) only with their check digit', () => {
    expect(run(validateRrn, '990101-9123456')).toEqual({ normalized: '9901019123456', validated: true });
    expect(ok(validateRrn, '990101-9123457')).toBe(false);
    expect(ok(validateRrn, '960303-0021413')).toBe(false);
  });

  it('no longer validates a pre-2020 number with one digit of its serial or check changed', () => {
    // the weights of HIJKL (9 2 3 4 5) are prime to 11, so one changed digit moves s mod 11; only remainders 0 and
    // 10 share a check digit (1 for residents, 3 for foreigners), so the guarantee holds for the other check digits
    fc.assert(
      fc.property(
        fc.constantFrom('850315-1234566', '881201-5342115'),
        fc.integer({ min: 8, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (valid, i, step) => {
          const changed = valid.slice(0, i) + String((Number(valid[i]) + step) % 10) + valid.slice(i + 1);
          const verdict = run(validateRrn, changed);
          expect(verdict === false || verdict.validated === false).toBe(true);
        },
      ),
    );
  });
});

describe('IN Aadhaar', () => {
  it('validates the Presidio test values and made-up ones, in every form', () => {
    for (const v of [
      '399876543211',
      '3123 4567 8909',
      '3998-7654-3211',
      '400123456787',
      '2345 6789 0124',
      '528374619029',
    ])
      expect(ok(validateAadhaar, v), v).toBe(true);
  });

  it('asks a keyword for the bare and dashed forms only', () => {
    expect(run(validateAadhaar, '2345 6789 0124')).toEqual({ normalized: '234567890124', requiresContext: false });
    expect(run(validateAadhaar, '2345-6789-0124')).toMatchObject({ requiresContext: true });
    expect(run(validateAadhaar, '234567890124')).toMatchObject({ requiresContext: true });
  });

  it('rejects palindromes even when Verhoeff passes', () => {
    expect(ok(validateAadhaar, '200028820002')).toBe(false);
  });

  it('rejects any single changed digit (Verhoeff)', () => {
    fc.assert(
      fc.property(fc.constantFrom('399876543211', '2345 6789 0124', '3141-5926-5351').chain(digitChange), (changed) => {
        expect(ok(validateAadhaar, changed)).toBe(false);
      }),
    );
  });
});

describe('NG NIN', () => {
  it('validates the Presidio test values and made-up ones', () => {
    for (const v of ['98765432102', '12345678902', '55512345672', '01234567895', '27182818288', '16180339887'])
      expect(run(validateNin, v), v).toEqual({ normalized: v });
    expect(ok(validateNin, '12345678901')).toBe(false);
  });

  it('rejects any single changed digit (Verhoeff)', () => {
    fc.assert(
      fc.property(fc.constantFrom('98765432102', '01234567895', '27182818288').chain(digitChange), (changed) => {
        expect(ok(validateNin, changed)).toBe(false);
      }),
    );
  });
});

describe('SG NRIC / FIN', () => {
  it('validates every prefix with its own table and offset', () => {
    for (const v of [
      'S2740116C',
      'S9108268C',
      'T7572225C',
      'S8431907D',
      'T0312458J',
      'F2249871K',
      'G6710234M',
      'M4417720R',
    ])
      expect(run(validateNric, v), v).toEqual({ normalized: v, requiresContext: false });
  });

  it('tells the M table from the F/G one at remainder 8', () => {
    expect(ok(validateNric, 'M0000008J')).toBe(true);
    expect(ok(validateNric, 'M0000008M')).toBe(false);
    expect(ok(validateNric, 'F0000004M')).toBe(true);
    expect(ok(validateNric, 'F0000004J')).toBe(false);
  });

  it('reads lower case, which then needs a keyword', () => {
    expect(run(validateNric, 's8431907d')).toEqual({ normalized: 'S8431907D', requiresContext: true });
  });

  it('rejects the check letter of a number with any single digit changed (weights 2 7 6 5 4 3 2, prime to 11)', () => {
    // distinct weights are not needed: each weight is non-zero mod 11, so one changed digit moves the remainder
    fc.assert(
      fc.property(fc.constantFrom('S8431907D', 'T0312458J', 'G6710234M', 'M4417720R').chain(digitChange), (changed) => {
        expect(ok(validateNric, changed)).toBe(false);
      }),
    );
  });
});

describe('a value valid in two countries', () => {
  it('is reported once, as the country whose keyword is near, even with every confidence kept', () => {
    // 13 digits that are a valid ZA ID and, as a date plus an unchecked serial, a KR FRN shape too
    const text = Buffer.from('RSA ID: 8001015009087');
    const found = scanBuffer(text, { fingerprintKey: 'breachwatch-test-fingerprint-key', minConfidence: 0 }).detections;
    const ids = found.filter((d) => d.type === 'NATIONAL_ID');
    expect(ids.map((d) => d.fineType)).toEqual(['ZA_ID']);
  });
});

describe('a value valid in two countries, without context', () => {
  it('is reported once, as the country whose check confirmed it', () => {
    // a valid ZA ID (Luhn) that is also a KR FRN shape whose check digit fails (numbers since 2020 carry none)
    const found = scanBuffer(Buffer.from('8001015009087'), {
      fingerprintKey: 'breachwatch-test-fingerprint-key',
      minConfidence: 0,
    }).detections.filter((d) => d.type === 'NATIONAL_ID');
    expect(found.map((d) => [d.fineType, d.validated])).toEqual([['ZA_ID', true]]);
  });
});
