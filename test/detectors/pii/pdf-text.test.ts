import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PdfFont, parseCMap } from '../../../detectors/pii/pdf-fonts.js';
import { ascii85Decode, asciiHexDecode, drawnText, literalEnd } from '../../../detectors/pii/pdf-text.js';
import { ascii85, toUnicode } from '../../support/pdf-writer.js';

/** A simple font without listed widths (each glyph half the size wide). */
const simple: PdfFont = { cmap: undefined, twoByte: false, widths: new Map(), defaultWidth: 500 };
const draw = (content: string, font: PdfFont = simple): string => drawnText(Buffer.from(content, 'latin1'), () => font);

describe('drawnText', () => {
  it('joins the kerned pieces of a line, and separates words by the gap between them', () => {
    // each glyph is 0.5 × 10 = 5 units wide: "41" ends at 60, where "11" starts
    const content = 'BT /F1 10 Tf 1 0 0 1 50 700 Tm (41) Tj 10 0 Td (11) Tj 1 0 0 1 90 700 Tm (1111) Tj ET';
    expect(draw(content)).toBe('4111 1111');
  });

  it('reads a kerning array: small steps join, a word space (-333) separates', () => {
    expect(draw('BT /F1 12 Tf [(Card) -333 (num) 15 (ber:) -250 (4111)] TJ ET')).toBe('Card number: 4111');
  });

  it('starts a new line where the text moves down, by Td, T* or the quote operators', () => {
    const content = 'BT /F1 10 Tf 14 TL 50 700 Td (IBAN) Tj 0 -14 Td (DE89) Tj T* (3704) Tj (0044) \' 2 0 (0532) " ET';
    expect(draw(content)).toBe('IBAN\nDE89\n3704\n0044\n0532');
  });

  it('undoes literal string escapes: parentheses, octal, a backslash, a line continuation', () => {
    expect(draw('BT /F1 10 Tf (Ada \\(admin\\) \\101da\\\\ lo\\\nve\\154ace) Tj ET')).toBe(
      'Ada (admin) Ada\\ lovelace',
    );
  });

  it('decodes two-byte codes through the font map, and places them by the listed widths', () => {
    const cmap = parseCMap(toUnicode([[3, ' ']], [[0x13, 0x1c, '0']]));
    // "41" then "1": the first piece is 2 × 556/1000 × 10 = 11.12 wide, the second starts there
    const font: PdfFont = { cmap, twoByte: true, widths: new Map([[0x17, 556]]), defaultWidth: 556 };
    expect(draw('BT /F4 10 Tf 1 0 0 1 0 0 Tm <00170014> Tj 11.12 0 Td <0014> Tj ET', font)).toBe('411');
    // a two-byte font without a map shows nothing rather than garbage
    expect(draw('BT /F4 10 Tf <00170014> Tj ET', { ...font, cmap: undefined })).toBe('');
  });

  it('skips inline image data, marked-content properties and comments', () => {
    const content = [
      'BT /F1 10 Tf (Ada) Tj ET',
      '/Span <</ActualText (4111 1111 1111 1111)>> BDC EMC',
      '% (5555 5555 5555 4444) Tj',
      'BI /W 4 /H 4 /BPC 8 /CS /G ID \x00(4111111111111111) Tj\xff EI',
      'BT /F1 10 Tf 1 0 0 1 0 -20 Tm (Lovelace) Tj ET',
    ].join('\n');
    expect(draw(content)).toBe('Ada\nLovelace');
  });

  it('never throws on arbitrary operators and operands', () => {
    const token = fc.constantFrom(
      'BT',
      'ET',
      'Tj',
      'TJ',
      "'",
      '"',
      'Td',
      'TD',
      'Tm',
      'T*',
      'Tf',
      '(',
      ')',
      '<',
      '>',
      '[',
      ']',
      '<<',
      '>>',
      '/F1',
      '12',
      '-333',
      'ID',
      'EI',
      '\\',
      '%',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 60 }), (tokens) => {
        expect(typeof draw(tokens.join(' '))).toBe('string');
      }),
    );
  });
});

describe('literalEnd', () => {
  it('balances nested parentheses and skips escaped ones', () => {
    const text = '(a (b) \\) c) rest';
    expect(text.slice(0, literalEnd(text, 0))).toBe('(a (b) \\) c)');
    expect(literalEnd('(open', 0)).toBe(5);
  });
});

describe('stream filters', () => {
  it('undoes ASCII base-85: the reference example, z for four zero bytes, a short last group', () => {
    expect(ascii85Decode(Buffer.from('9jqo^BlbD-BleB1DJ+*+F(f,q~>')).toString()).toBe('Man is distinguished');
    expect([...ascii85Decode(Buffer.from('z ~>'))]).toEqual([0, 0, 0, 0]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...ascii85Decode(Buffer.from(ascii85(Buffer.from(bytes))))]).toEqual([...bytes]);
      }),
    );
  });

  it('undoes ASCII hex up to its end mark, white space ignored, an odd digit padded', () => {
    expect(asciiHexDecode(Buffer.from('41 42\n43 4>ignored')).toString('latin1')).toBe('ABC@');
  });
});
