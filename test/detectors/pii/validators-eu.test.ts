import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSvnr } from '../../../detectors/pii/recognizers/at-svnr.js';
import { beNationalNumber, validateBeNationalNumber } from '../../../detectors/pii/recognizers/be-national-number.js';
import { validateOib } from '../../../detectors/pii/recognizers/hr-oib.js';
import { validateIban } from '../../../detectors/pii/recognizers/iban.js';
import { validatePpsn } from '../../../detectors/pii/recognizers/ie-ppsn.js';
import { validateCnp } from '../../../detectors/pii/recognizers/ro-cnp.js';
import { completions, digits, every, accepts as ok, oneDigitChanges, verdictOn } from '../../support/validators.js';

const two = (n: number) => String(n).padStart(2, '0');
/** Day, month and two-digit year of a date real in every century (day ≤ 28). */
const date = fc.tuple(
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 0, max: 99 }),
);

describe('BE national register number', () => {
  it("accepts python-stdnum's examples, national and BIS, bare or written YY.MM.DD-SSS.CC", () => {
    for (const v of ['85073003328', '17073003384', '98472899765', '01490700185', '90021412303', '05062001744'])
      expect(ok(validateBeNationalNumber, v)).toBe(true);
    const dotted = new RegExp(beNationalNumber.pattern.source).exec('85.07.30-033.28');
    expect(dotted && validateBeNationalNumber(dotted)).toEqual({ normalized: '85073003328' });
  });

  it("rejects python-stdnum's failing example", () => {
    expect(ok(validateBeNationalNumber, '12345678901')).toBe(false);
  });

  it('has one check number per century, and only 2000 has a 29 February in year 00', () => {
    expect(completions(validateBeNationalNumber, '850730033', 2)).toHaveLength(2);
    expect(completions(validateBeNationalNumber, '000229001', 2)).toHaveLength(1);
  });

  it('takes month and day 0 for an unknown date, and BIS months +20 / +40', () => {
    for (const body of ['850000001', '850045998', '850700123', '852700123', '854700123', '852000123', '854012123'])
      expect(completions(validateBeNationalNumber, body, 2), body).toHaveLength(2);
    for (const body of ['851300123', '853300123', '855300123', '853900123', '850732123', '850229123'])
      expect(completions(validateBeNationalNumber, body, 2), body).toHaveLength(0);
  });

  // The two centuries' checks differ by 2·10⁹ mod 97 = 68 ≡ 6·10⁷: a year digit changed by 6 can read as the
  // other century. Every other single change fails.
  it('fails any single changed digit, except the second year digit changed by 6', () => {
    fc.assert(
      fc.property(date, digits(3), ([d, m, y], serial) => {
        for (const valid of completions(validateBeNationalNumber, `${two(y)}${two(m)}${two(d)}${serial}`, 2))
          for (const changed of oneDigitChanges(valid, every(11)))
            if (Math.abs(Number(changed[1]) - Number(valid[1])) !== 6)
              expect(ok(validateBeNationalNumber, changed), changed).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('IBAN', () => {
  it('reads a country code in any case as the same IBAN, and one not in capitals only beside a context word', () => {
    const upper = verdictOn(validateIban, 'DE89370400440532013000');
    expect(upper).toEqual({ fineType: 'DE_IBAN', normalized: 'DE89370400440532013000', trimTo: 22 });
    for (const text of ['de89370400440532013000', 'De89370400440532013000', 'dE89370400440532013000'])
      expect(verdictOn(validateIban, text), text).toEqual({ ...upper, requiresContext: true });
    expect(ok(validateIban, 'de89370400440532013001')).toBe(false);
  });
});

describe('HR OIB', () => {
  it("accepts python-stdnum's example and rejects its changed check digit", () => {
    expect(ok(validateOib, '33392005961')).toBe(true);
    expect(ok(validateOib, '69435151530')).toBe(true);
    expect(ok(validateOib, '33392005962')).toBe(false);
  });

  it('has exactly one check digit, and any single changed digit fails (ISO 7064 MOD 11,10)', () => {
    fc.assert(
      fc.property(digits(10), (ten) => {
        const valid = completions(validateOib, ten, 1);
        expect(valid).toHaveLength(1);
        for (const changed of oneDigitChanges(valid[0] as string, every(11)))
          expect(ok(validateOib, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RO CNP', () => {
  it("accepts python-stdnum's example and our fakes, residents' S 7–9 and county 70 too", () => {
    for (const v of ['1630615123457', '2850312400014', '5031203700125', '7031203700014'])
      expect(ok(validateCnp, v)).toBe(true);
  });

  it("rejects python-stdnum's failing examples: first digit 0, 22nd month, county 99, check digit", () => {
    for (const v of ['0800101221142', '1632215123457', '1630615993454', '1630615123458'])
      expect(ok(validateCnp, v)).toBe(false);
  });

  it('reads the century from S: 29 February 1900 is no date, 2000 is', () => {
    expect(completions(validateCnp, '100022912345', 1)).toHaveLength(0);
    expect(completions(validateCnp, '500022912345', 1)).toHaveLength(1);
  });

  it('accepts counties 01–48, 51, 52 and 70 only', () => {
    const counties = Array.from({ length: 100 }, (_, j) => two(j)).filter(
      (jj) => completions(validateCnp, `1630615${jj}123`, 1).length === 1,
    );
    expect(counties).toEqual([...Array.from({ length: 48 }, (_, j) => two(j + 1)), '51', '52', '70']);
  });

  // Remainders 1 and 10 both give check digit 1, so only a number whose check digit is not 1 is guaranteed.
  it('has exactly one check digit, and any single changed digit fails when it is not 1', () => {
    const county = fc.constantFrom('01', '12', '40', '46', '47', '51', '52', '70');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), date, county, digits(3), (s, [d, m, y], jj, serial) => {
        const valid = completions(validateCnp, `${s}${two(y)}${two(m)}${two(d)}${jj}${serial}`, 1);
        expect(valid).toHaveLength(1);
        const v = valid[0] as string;
        if (v.endsWith('1')) return;
        for (const changed of oneDigitChanges(v, every(13))) expect(ok(validateCnp, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('IE PPS number', () => {
  it("accepts python-stdnum's examples, old and 2013 formats, and our fake", () => {
    for (const v of ['6433435F', '6433435FT', '6433435FW', '6433435OA', '6433435IH', '1234567FA'])
      expect(ok(validatePpsn, v)).toBe(true);
  });

  it("rejects python-stdnum's failing examples", () => {
    expect(ok(validatePpsn, '6433435E')).toBe(false);
    expect(ok(validatePpsn, '6433435VH')).toBe(false);
  });

  it('asks a keyword for the one-letter form and for lower case only', () => {
    expect(verdictOn(validatePpsn, '6433435OA')).toEqual({ normalized: '6433435OA', requiresContext: false });
    expect(verdictOn(validatePpsn, '6433435F')).toEqual({ normalized: '6433435F', requiresContext: true });
    expect(verdictOn(validatePpsn, '6433435oa')).toEqual({ normalized: '6433435OA', requiresContext: true });
  });

  // Weights 8…2 and 9 are prime to 23 and no weight·change reaches 23: every single change moves the remainder.
  it('has exactly one check letter, and any changed digit or second letter fails', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVW';
    fc.assert(
      fc.property(digits(7), fc.constantFrom('', 'A', 'B', 'H', 'W'), (seven, second) => {
        const valid = [...letters].map((l) => seven + l + second).filter((v) => ok(validatePpsn, v));
        expect(valid).toHaveLength(1);
        const v = valid[0] as string;
        for (const changed of oneDigitChanges(v, every(7))) expect(ok(validatePpsn, changed)).toBe(false);
        for (const other of second === '' ? [] : ['A', 'B', 'H'].filter((l) => l !== second))
          expect(ok(validatePpsn, v.slice(0, 8) + other)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('AT social insurance number', () => {
  it("accepts python-stdnum's example, bare or spaced, and our fakes, and rejects its failing one", () => {
    for (const v of ['1237010180', '1237 010180', '4511150762', '2418290200']) expect(ok(validateSvnr, v)).toBe(true);
    expect(verdictOn(validateSvnr, '1237 010180')).toEqual({ normalized: '1237010180' });
    expect(ok(validateSvnr, '2237010180')).toBe(false);
  });

  it('takes the pseudo-months 13–15 for an unknown date, and no other month over 12', () => {
    // two serials: a remainder of 10 (no check digit) cannot hit both, as serial 1 weighs 9
    const months = Array.from({ length: 100 }, (_, j) => two(j)).filter((mm) =>
      ['731', '732'].some((serial) => [...'0123456789'].some((c) => ok(validateSvnr, `${serial}${c}01${mm}65`))),
    );
    expect(months).toEqual([...Array.from({ length: 15 }, (_, j) => two(j + 1))]);
  });

  it('rejects a day past the end of its month', () => {
    expect([...'0123456789'].filter((c) => ok(validateSvnr, `123${c}310280`))).toEqual([]);
    expect([...'0123456789'].filter((c) => ok(validateSvnr, `123${c}320165`))).toEqual([]);
  });

  // Weights 3,7,9,5,8,4,2,1,6 are prime to 11: every single change moves the remainder (10 is never issued).
  it('has at most one check digit, and any single changed digit fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), date, (serial, [d, m, y]) => {
        const dob = `${two(d)}${two(m)}${two(y)}`;
        const valid = [...'0123456789'].map((c) => `${serial}${c}${dob}`).filter((v) => ok(validateSvnr, v));
        expect(valid.length).toBeLessThanOrEqual(1);
        for (const v of valid)
          for (const changed of oneDigitChanges(v, every(10))) expect(ok(validateSvnr, changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
