import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isHexText,
  isoTimestampAt,
  joinable,
  NOT_WRAPPED,
  numberAfterCallingCode,
  WRAPPED_MAX,
  WRAPPED_MORE,
  wrappedBase64End,
  yearAfterComma,
} from '../../../detectors/pii/token-shapes.js';

describe('numberAfterCallingCode', () => {
  const follows = (code: string, number: string): boolean => {
    const bytes = Buffer.from(`${code} ${number}`, 'latin1');
    return numberAfterCallingCode(bytes, 0, code.length, code.length + 1, bytes.length);
  };

  it('takes `+` and one to three digits, then digits in dashed or dotted groups up to 16 bytes', () => {
    expect(follows('+1', '202-555-0123')).toBe(true);
    expect(follows('+353', '1.234.5678')).toBe(true);
    expect(follows('+44', '7700900123')).toBe(true);
    for (const code of ['+', '1', '+1a', '+a1', '+1234', '-1']) expect(follows(code, '202-555-0123'), code).toBe(false);
    for (const number of ['202-555-012a', '-202-555-0123', '202-555-', '202 555', '202-555-0123-4567'])
      expect(follows('+1', number), number).toBe(false);
  });
});

describe('joinable', () => {
  const joins = (token: string): boolean => joinable(Buffer.from(token, 'latin1'), 0, token.length);

  it("joins short tokens with a digit, short capitals and months' names in six languages, in any case", () => {
    for (const token of [
      '1985',
      'GB82',
      'WEST',
      'Dec',
      'Dec.',
      'december',
      'SEPTEMBER',
      'Sept',
      'may',
      'Dezember',
      'Dez.',
      'mayo',
      'octobre',
      'settembre',
      'septiembre',
    ])
      expect(joins(token), token).toBe(true);
    for (const token of ['Decem', 'Mayor', 'Lovelace', 'Ma', 'octobers', 'abcdefghi1', 'Ma.', 'December..'])
      expect(joins(token), token).toBe(false);
  });
});

describe('yearAfterComma', () => {
  /** Where the year after the text's first comma ends, as a slice of the text; undefined when none joins. */
  const year = (text: string): string | undefined => {
    const end = yearAfterComma(Buffer.from(text, 'latin1'), text.indexOf(','));
    return end < 0 ? undefined : text.slice(0, end);
  };

  it("joins a year after a month's name and a day, as US dates are written", () => {
    expect(year('December 10, 1985 at noon')).toBe('December 10, 1985');
    expect(year('Dec. 3rd, 1962')).toBe('Dec. 3rd, 1962');
    expect(year('on sept 9, 2001')).toBe('on sept 9, 2001');
    expect(year('May 31, 2099.')).toBe('May 31, 2099');
  });

  it('joins nothing else before a comma', () => {
    for (const text of [
      'items 10, 1985',
      'December 100, 1985',
      'December10, 1985',
      'December 10,1985',
      'December 10, 1885',
      'December 10, 19850',
      'December 10, 1985a',
      'December 10, 198',
      'Decem 10, 1985',
      'December 3xx, 1985',
    ])
      expect(year(text), text).toBeUndefined();
  });
});

describe('isoTimestampAt', () => {
  const at = (text: string): boolean => isoTimestampAt(Buffer.from(text, 'latin1'), 0);

  it('is a moment, not a date kept at midnight', () => {
    expect(at('2024-06-19T22:27:14.624Z')).toBe(true);
    expect(at('2024-06-19T00:00:01Z')).toBe(true);
    expect(at('1985-12-10T00:00:00Z')).toBe(false);
    expect(at('1985-12-10T00:00:00.000+00:00')).toBe(false);
    expect(at('1985-12-10 00:00:00')).toBe(false);
  });
});

describe('isHexText', () => {
  it('accepts hex whose every byte is printable text, in either case', () => {
    const hex = Buffer.from('ada@example.org\tok\r\n').toString('hex');
    expect(isHexText(Buffer.from(hex), 0, hex.length)).toBe(true);
    expect(isHexText(Buffer.from(hex.toUpperCase()), 0, hex.length)).toBe(true);
  });

  it('rejects odd lengths, non-hex bytes, and hex of any byte that is not printable', () => {
    for (const text of ['616', '61x2', '6100', '61ff', '7f41'])
      expect(isHexText(Buffer.from(text), 0, text.length), text).toBe(false);
  });

  it('rejects nearly every random hex id', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 32 }), (bytes) => {
        const hex = Buffer.from(bytes).toString('hex');
        const printable = [...bytes].every((b) => (b >= 32 && b <= 126) || b === 9 || b === 10 || b === 13);
        expect(isHexText(Buffer.from(hex), 0, hex.length)).toBe(printable);
      }),
    );
  });
});

describe('wrappedBase64End', () => {
  /** `bytes` as base64 wrapped at `width`, with `eol` line ends (and one after the last line). */
  const wrap = (bytes: Buffer, width: number, eol = '\n'): Buffer =>
    Buffer.from(
      `${bytes
        .toString('base64')
        .replace(new RegExp(`.{${width}}`, 'g'), `$&${eol}`)
        .replace(/\s*$/, '')}${eol}`,
    );
  const firstLine = (text: Buffer): number => text.indexOf('\n') - (text[text.indexOf('\n') - 1] === 13 ? 1 : 0);

  it('ends a block after its closing line, at widths 64 and 76, with LF or CRLF', () => {
    const data = Buffer.from('id,email\n1,ada@example.org\n2,grace@example.org\n'.repeat(5));
    for (const [width, eol] of [
      [76, '\n'],
      [64, '\r\n'],
    ] as const) {
      const text = Buffer.concat([wrap(data, width, eol), Buffer.from('next line\n')]);
      const end = wrappedBase64End(text, 0, firstLine(text), text.length, true);
      expect(Buffer.from(text.toString('latin1', 0, end), 'base64')).toEqual(data);
      expect(text.toString('latin1', end, end + eol.length + 4)).toBe(`${eol}next`);
    }
  });

  it('needs a second line of base64, a width that is a multiple of 4, and a line start', () => {
    const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx';
    const text = (body: string): Buffer => Buffer.from(body);
    expect(wrappedBase64End(text(`${line}\nplain text\n`), 0, line.length, 99, true)).toBe(NOT_WRAPPED);
    expect(wrappedBase64End(text(`${line}x\n${line}\n`), 0, line.length + 1, 200, true)).toBe(NOT_WRAPPED);
    expect(wrappedBase64End(text(`a ${line}\n${line}\n`), 2, 2 + line.length, 200, true)).toBe(NOT_WRAPPED);
    // a shorter or padded line closes the block: the next block starts after it
    for (const closing of ['QUI=', 'QUJD', `${line.slice(2)}==`])
      expect(
        wrappedBase64End(text(`${line}\n${line}\n${closing}\n${line}\n${line}\n`), 0, line.length, 400, true),
      ).toBe(2 * line.length + 2 + closing.length);
  });

  it('waits while the block runs to the end of the bytes in view, and ends there at the input end', () => {
    const text = wrap(Buffer.alloc(300, 'a'), 76);
    const cut = 200;
    expect(wrappedBase64End(text, 0, 76, cut, false)).toBe(WRAPPED_MORE);
    expect(wrappedBase64End(text, 0, 76, cut, true)).toBeGreaterThan(76);
  });

  it('cuts a long block at a line end once it holds WRAPPED_MAX bytes', () => {
    const text = wrap(Buffer.alloc(WRAPPED_MAX, 'a'), 76);
    const end = wrappedBase64End(text, 0, 76, text.length, true);
    expect(end).toBeGreaterThanOrEqual(WRAPPED_MAX);
    expect(end).toBeLessThan(WRAPPED_MAX + 78);
    expect(text[end]).toBe(10);
  });
});
