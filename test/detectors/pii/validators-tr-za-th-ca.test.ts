import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSin } from '../../../detectors/pii/recognizers/ca-sin.js';
import { validateTnin } from '../../../detectors/pii/recognizers/th-tnin.js';
import { validateTckn } from '../../../detectors/pii/recognizers/tr-tckn.js';
import { validateZaId } from '../../../detectors/pii/recognizers/za-id.js';
import { completions, digits, every, accepts as ok, oneDigitChanges } from '../../support/validators.js';

describe('TR T.C. Kimlik No', () => {
  it('accepts known-valid numbers', () => {
    // our examples, and Presidio's test values
    for (const v of ['12345678950', '42718306562', '31415926562', '10000000146', '76543210794'])
      expect(ok(validateTckn, v)).toBe(true);
  });

  it('rejects a first digit 0 even when both checks pass', () => {
    expect(ok(validateTckn, '02345678982')).toBe(false);
  });

  it('has exactly one pair of check digits, and any single changed digit fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), digits(8), (first, rest) => {
        const valid = completions(validateTckn, `${first}${rest}`, 2);
        expect(valid).toHaveLength(1);
        for (const changed of oneDigitChanges(valid[0] as string, every(11)))
          expect(ok(validateTckn, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ZA identity number', () => {
  it('accepts known-valid numbers', () => {
    for (const v of ['8507145123085', '0402295123085', '6308158232182', '9111300009285', '8001015009087'])
      expect(ok(validateZaId, v)).toBe(true);
  });

  it('reads the century either way, and rejects dates real in neither', () => {
    // 29 February 2000 (not 1900) and 1904/2004 both count; 1999/2099 and 1900/2100 have none
    expect(completions(validateZaId, '000229512308', 1)).toHaveLength(1);
    expect(completions(validateZaId, '990229512308', 1)).toHaveLength(0);
    expect(completions(validateZaId, '851314512308', 1)).toHaveLength(0);
    expect(completions(validateZaId, '850732512308', 1)).toHaveLength(0);
  });

  it('rejects a citizenship digit other than 0, 1 or 2', () => {
    for (const c of '3456789') expect(completions(validateZaId, `8507145123${c}8`, 1)).toHaveLength(0);
  });

  it('rejects a twelfth digit other than 8 or 9', () => {
    for (const a of '01234567') expect(completions(validateZaId, `85071451230${a}`, 1)).toHaveLength(0);
    expect(completions(validateZaId, '850714512308', 1)).toHaveLength(1);
  });

  it('has exactly one Luhn digit, and any single changed digit fails', () => {
    const birth = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));
    fc.assert(
      fc.property(birth, digits(4), fc.integer({ min: 0, max: 2 }), fc.constantFrom('8', '9'), (date, seq, c, a) => {
        const valid = completions(validateZaId, `${date}${seq}${c}${a}`, 1);
        expect(valid).toHaveLength(1);
        for (const changed of oneDigitChanges(valid[0] as string, every(13)))
          expect(ok(validateZaId, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('TH national ID number', () => {
  it('accepts known-valid numbers', () => {
    // our examples, and Presidio's test values (22 and 58 are provinces too)
    for (const v of [
      '1100203456782',
      '3101400123457',
      '5101900234564',
      '1234567890121',
      '1220000000007',
      '1580000000004',
    ])
      expect(ok(validateTnin, v)).toBe(true);
  });

  it('rejects category 0 or 9, a second digit 0 and province codes that do not exist', () => {
    for (const prefix of ['010020345678', '910020345678', '103020345678', '128020345678', '199020345678'])
      expect(completions(validateTnin, prefix, 1)).toHaveLength(0);
  });

  // The mod-11 sum weighs d3 by 11, and remainders 0 and 10 give the same check digit 1, so only a changed
  // check digit is guaranteed to fail.
  it('has exactly one check digit, and changing it fails', () => {
    const prefix = fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 10, max: 99 }), digits(9))
      .filter(([, p]) => ![28, 29, 59, 68, 69, 78, 79, 87, 88, 89, 97, 98, 99].includes(p))
      .map(([c, p, rest]) => `${c}${p}${rest}`);
    fc.assert(
      fc.property(prefix, (twelve) => {
        const valid = completions(validateTnin, twelve, 1);
        expect(valid).toHaveLength(1);
        for (const changed of oneDigitChanges(valid[0] as string, [12])) expect(ok(validateTnin, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('CA Social Insurance Number', () => {
  it('accepts known-valid numbers, bare or grouped', () => {
    // our examples, and Presidio's test values
    for (const v of ['716234083', '716 234 083', '519-374-029', '435 418 165', '731-530-150'])
      expect(ok(validateSin, v)).toBe(true);
  });

  it('rejects a first digit 0 or 8 even when Luhn passes', () => {
    expect(ok(validateSin, '816234082')).toBe(false);
    expect(ok(validateSin, '016234080')).toBe(false);
  });

  it('has exactly one Luhn digit, and any single changed digit fails', () => {
    const first = fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 9);
    fc.assert(
      fc.property(first, digits(7), (f, rest) => {
        const valid = completions(validateSin, `${f}${rest}`, 1);
        expect(valid).toHaveLength(1);
        for (const changed of oneDigitChanges(valid[0] as string, every(9)))
          expect(ok(validateSin, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
