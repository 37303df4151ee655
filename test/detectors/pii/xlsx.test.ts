import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { dateStyles, usesDate1904, worksheetAsCsv } from '../../../detectors/pii/xlsx.js';
import { zipOf } from '../../support/zip-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Cell styles as Excel writes them: 0 General, 1 built-in date (14), 2 custom date, 3 time (20), 4 custom elapsed time, 5 a number with a quoted "d". */
const STYLES_XML =
  '<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>' +
  '<numFmt formatCode="[h]:mm:ss" numFmtId="165"/><numFmt numFmtId="166" formatCode="0&quot; days&quot;"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" applyNumberFormat="1"></xf><xf numFmtId="20"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>' +
  '</styleSheet>';

const row = (cells: string): string => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
const cell = (ref: string, serial: string, style: number, type = ''): string =>
  `<c r="${ref}" s="${style}"${type}><v>${serial}</v></c>`;

describe('dateStyles', () => {
  it('marks built-in and custom date formats, not times, numbers or quoted text', () => {
    expect(dateStyles(STYLES_XML)).toEqual([false, true, true, false, false, false]);
  });

  it('never throws on mangled styles', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (xml) => void dateStyles(`<cellXfs>${xml}</cellXfs>${xml}`)));
  });
});

describe('worksheetAsCsv with date styles', () => {
  const parts = { shared: [], dateStyles: dateStyles(STYLES_XML), date1904: false };

  it('writes a date-styled serial number as the ISO date Excel shows, the time of day dropped', () => {
    const csv = worksheetAsCsv(
      row(cell('A1', '31120', 1) + cell('B1', '31120.75', 2) + cell('C1', '1', 1) + cell('D1', '59', 1)),
      parts,
    );
    expect(csv).toBe('1985-03-14,1985-03-14,1900-01-01,1900-02-28');
    // 29 February 1900 never was, though Excel counts it: from serial 61 on the calendar is one day behind
    expect(worksheetAsCsv(row(cell('A1', '61', 1) + cell('B1', '2958465', 1)), parts)).toBe('1900-03-01,9999-12-31');
  });

  it('leaves numbers in other styles, text cells and serials out of range as they are', () => {
    const cells =
      cell('A1', '31120', 0) +
      cell('B1', '0.5', 3) +
      cell('C1', '31120', 4) +
      cell('D1', '31120', 5) +
      cell('E1', '31120', 1, ' t="str"') +
      cell('F1', '0', 1) +
      cell('G1', '2958466', 1) +
      cell('H1', 'x', 1) +
      cell('I1', '31120', 9);
    expect(worksheetAsCsv(row(cells), parts)).toBe('31120,0.5,31120,31120,31120,0,2958466,x,31120');
  });

  it('counts from 1904 in a workbook that says so', () => {
    expect(usesDate1904('<workbook><workbookPr date1904="1" defaultThemeVersion="1"/></workbook>')).toBe(true);
    expect(usesDate1904('<workbook><workbookPr defaultThemeVersion="1"/></workbook>')).toBe(false);
    expect(worksheetAsCsv(row(cell('A1', '29658', 1)), { ...parts, date1904: true })).toBe('1985-03-14');
  });
});

describe('a workbook with a birth date column', () => {
  const sheet =
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>first_name</t></is></c>' +
    '<c r="B1" t="inlineStr"><is><t>date_of_birth</t></is></c><c r="C1" t="inlineStr"><is><t>amount</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Ada</t></is></c><c r="B2" s="1"><v>31120</v></c><c r="C2"><v>31120</v></c></row>' +
    '<row r="3"><c r="A3" t="inlineStr"><is><t>Grace</t></is></c><c r="B3" s="2"><v>2533</v></c><c r="C3" s="3"><v>0.25</v></c></row>' +
    '</sheetData></worksheet>';
  const types = (entries: { name: string; data: Buffer; deflate?: boolean }[]): string[] =>
    scanBuffer(zipOf(entries), { fingerprintKey: KEY })
      .detections.map((d) => d.type)
      .sort();

  it('reports each birth date, which it could not while the cells were serial numbers', () => {
    const withStyles = [
      { name: 'xl/styles.xml', data: Buffer.from(STYLES_XML), deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet), deflate: true },
    ];
    expect(types(withStyles)).toEqual(['DATE_OF_BIRTH', 'DATE_OF_BIRTH', 'PERSON_NAME', 'PERSON_NAME']);
    expect(types(withStyles.slice(1))).toEqual(['PERSON_NAME', 'PERSON_NAME']);
  });
});
