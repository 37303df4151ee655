import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMedicare } from '../../../detectors/pii/recognizers/au-medicare.js';
import { validateTfn } from '../../../detectors/pii/recognizers/au-tfn.js';
import { itIdentityCard } from '../../../detectors/pii/recognizers/it-identity-card.js';
import { validateKrDrivingLicence } from '../../../detectors/pii/recognizers/kr-driving-licence.js';
import {
  completions,
  digits,
  every,
  accepts as ok,
  oneDigitChanges,
  verdictOn as run,
  type Validator,
} from '../../support/validators.js';

describe('AU Tax File Number', () => {
  it('accepts known-valid 9- and 8-digit numbers, spaced or bare', () => {
    // python-stdnum's and the ATO-algorithm articles' 123 456 782, our examples, and made-up ones
    for (const v of ['123 456 782', '472 819 353', '864027516', '315902648', '718246303'])
      expect(run(validateTfn, v)).toEqual({ normalized: v.replace(/ /g, '') });
    for (const v of ['37194621', '58201374', '60428150']) expect(run(validateTfn, v)).toEqual({ normalized: v });
  });

  it("rejects Presidio's failing-checksum value and repeated-digit placeholders", () => {
    for (const v of ['824 753 557', '824753557', '11111111', '99999999', '000000000'])
      expect(ok(validateTfn, v)).toBe(false);
  });

  it('has at most one check digit, and any single changed digit fails (11 is prime to every weight)', () => {
    fc.assert(
      fc.property(fc.constantFrom(8, 9), digits(8), (length, body) => {
        const valid = completions(validateTfn, body.slice(0, length - 1), 1);
        expect(valid.length).toBeLessThanOrEqual(1);
        for (const v of valid)
          for (const changed of oneDigitChanges(v, every(length))) expect(ok(validateTfn, changed)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('AU Medicare card number', () => {
  it('accepts known-valid numbers, spaced 4-5-1 or bare', () => {
    for (const v of ['2950 37813 1', '4172860552', '5731094294', '6308421771', '3141592631'])
      expect(run(validateMedicare, v)).toEqual({ normalized: v.replace(/ /g, '') });
  });

  it('has exactly one check digit; any changed digit among the first nine fails, the issue number is free', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), digits(7), fc.integer({ min: 0, max: 9 }), (first, rest, issue) => {
        // one check digit, with each of the ten issue numbers
        const all = completions(validateMedicare, `${first}${rest}`, 2);
        expect(all).toHaveLength(10);
        expect(new Set(all.map((v) => v[8])).size).toBe(1);
        const valid = (all[0] as string).slice(0, 9) + String(issue);
        for (const changed of oneDigitChanges(valid, every(9))) expect(ok(validateMedicare, changed)).toBe(false);
        for (const changed of oneDigitChanges(valid, [9])) expect(ok(validateMedicare, changed)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('KR driving licence', () => {
  it("accepts Presidio's test values and made-up ones, never as validated (the check digits are not published)", () => {
    for (const v of ['112212345612', '28 22 123456 12', '13-19-482715-31', '251704839210'])
      expect(run(validateKrDrivingLicence, v)).toEqual({ normalized: v.replace(/[ -]/g, ''), validated: false });
  });

  it('accepts region codes 11–26 and 28 only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), digits(10), (region, rest) => {
        const code = String(region).padStart(2, '0');
        expect(ok(validateKrDrivingLicence, code + rest)).toBe((region >= 11 && region <= 26) || region === 28);
      }),
    );
  });
});

describe('IT identity card', () => {
  it('normalizes every shape to upper case without the space, never as validated (no check character)', () => {
    const validate = itIdentityCard.validate as Validator;
    for (const [v, normalized] of [
      ['ca48213kd', 'CA48213KD'],
      ['AU 4827153', 'AU4827153'],
      ['1234567ab', '1234567AB'],
    ] as const)
      expect(run(validate, v)).toEqual({ normalized, validated: false });
  });
});
