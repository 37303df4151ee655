import { describe, expect, it } from 'vitest';
import { type PdfObject, pdfObjects } from '../../../detectors/pii/pdf.js';
import { parseCMap, pdfFont } from '../../../detectors/pii/pdf-fonts.js';
import { toUnicode } from '../../support/pdf-writer.js';

describe('parseCMap', () => {
  it('reads bfchar and bfrange targets, ligatures and ranges as arrays', () => {
    const text = `${toUnicode(
      [
        [3, ' '],
        [0x1f, 'fi'],
      ],
      [[0x24, 0x26, 'A']],
    )}\n1 beginbfrange <0030> <0031> [<0061> <00E9>] endbfrange`;
    const { codeBytes, map } = parseCMap(text);
    expect(codeBytes).toBe(2);
    expect([3, 0x1f, 0x24, 0x25, 0x26, 0x30, 0x31].map((c) => map.get(c))).toEqual([
      ' ',
      'fi',
      'A',
      'B',
      'C',
      'a',
      'é',
    ]);
  });

  it('reads one-byte code spaces, and caps a range at 256 codes', () => {
    const { codeBytes, map } = parseCMap(
      '1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <FFFF> <0041> endbfrange',
    );
    expect(codeBytes).toBe(1);
    expect(map.size).toBe(256);
    expect(map.get(1)).toBe('B');
  });
});

describe('pdfFont', () => {
  const objects = (text: string): Map<number, PdfObject> => pdfObjects(text);
  const noStream = (): undefined => undefined;

  it("reads a CID font's widths from its descendant: lists from a code on, one width for a range, the default", () => {
    const text = [
      '1 0 obj << /Type /Font /Subtype /Type0 /DescendantFonts 2 0 R >> endobj',
      '2 0 obj [3 0 R] endobj',
      '3 0 obj << /Subtype /CIDFontType2 /DW 900 /W 4 0 R >> endobj',
      '4 0 obj [3 [250 300] 16 18 556] endobj',
    ].join('\n');
    const font = pdfFont(objects(text), 1, noStream);
    expect(font.twoByte).toBe(true);
    expect([3, 4, 16, 18, 19].map((c) => font.widths.get(c) ?? font.defaultWidth)).toEqual([250, 300, 556, 556, 900]);
  });

  it("reads a simple font's widths from its first code, and assumes half the size for a font that lists none", () => {
    const font = pdfFont(
      objects('1 0 obj << /Subtype /TrueType /FirstChar 32 /Widths [278 0 355] >> endobj'),
      1,
      noStream,
    );
    expect(font.twoByte).toBe(false);
    expect([32, 34].map((c) => font.widths.get(c))).toEqual([278, 355]);
    expect(
      pdfFont(objects('1 0 obj << /Subtype /Type1 /BaseFont /Helvetica >> endobj'), 1, noStream).defaultWidth,
    ).toBe(500);
  });
});
