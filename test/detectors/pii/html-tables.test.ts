import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlTables } from '../../../detectors/pii/html-tables.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { sqliteCustomers } from '../../support/pii-tables.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const found = (page: Buffer, maxDepth?: number): string[] =>
  scanBuffer(page, { fingerprintKey: KEY, maxDepth }).detections.map(
    (d) => `${d.type} ${page.toString('utf8', d.start, d.end)}`,
  );

/** A customers table as `pandas.DataFrame.to_html` writes one (its index column, `<thead>`, `<tbody>`), in a mail. */
const report = Buffer.from(
  [
    '<html><body><p>Weekly export, see below.</p>',
    '<table border="1" class="dataframe">',
    '  <thead>',
    '    <tr style="text-align: right;"><th></th><th>first_name</th><th>Last Name</th><th>card_number</th><th>contact</th></tr>',
    '  </thead>',
    '  <tbody>',
    '    <tr><th>0</th><td><b>Ada</b></td><td>O&#39;Neill</td><td>4111111111111111</td><td>ada@example.com</td></tr>',
    '    <tr><th>1</th><td>Grace</td><td>Hopper<td>5500005555555559<td>grace@example.org</tr>',
    '  </tbody>',
    '</table>',
    '<table><tr><th>sku</th><th>qty</th></tr><tr><td>SKU-1</td><td>4111111111111111</td></tr></table>',
    '</body></html>',
  ].join('\n'),
);

describe('htmlTables', () => {
  it('reads each table as CSV: header cells, nested tags, closing tags left out, an index column', () => {
    const [customers, stock] = htmlTables(report.toString('latin1'));
    expect(customers?.csv.split('\n').slice(0, 3)).toEqual([
      ',first_name,Last Name,card_number,contact',
      '0,Ada,O&#39;Neill,4111111111111111,ada@example.com',
      '1,Grace,Hopper,5500005555555559,grace@example.org',
    ]);
    expect(stock?.csv).toBe('sku,qty\nSKU-1,4111111111111111\n');
    // a cell's text is placed at its content in the page
    const cell = customers?.cells[1];
    expect(report.toString('latin1', cell?.start, cell?.end)).toBe('<b>Ada</b>');
  });

  it('reads rows outside any table as one, and no table of a single row; quotes a cell holding a comma', () => {
    expect(htmlTables('<TR><TH>name</TH></TR>\n<TR><TD>a, "b"</TD></TR>')[0]?.csv).toBe('name\n"a, ""b"""\n');
    expect(htmlTables('<table><tr><th>first_name</th></tr></table>')).toEqual([]);
    expect(htmlTables('<p>no table</p>')).toEqual([]);
  });

  it('reads a table of two cells a row on its side too: its first column the header, labels without colons', () => {
    const details = '<table><tr><th>First name:</th><td>Ada</td></tr><tr><th>City</th><td>London</td></tr></table>';
    expect(htmlTables(details).map((t) => t.csv)).toEqual([
      'First name,Ada\nCity,London\n',
      'First name,City\nAda,London\n',
    ]);
    const [, sideways] = htmlTables(details);
    expect(sideways?.cells.map((c) => details.slice(c.start, c.end))).toEqual(['Ada', 'London']);
    expect(
      htmlTables('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>1</td><td>2</td></tr></table>'),
    ).toHaveLength(1);
  });

  it('never throws, and places every cell inside the page', () => {
    const tag = fc.constantFrom(
      '<table>',
      '</table>',
      '<tr>',
      '</tr>',
      '<td>',
      '</td>',
      '<th x="1">',
      '<b>',
      'Ada',
      ',',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, fc.string({ maxLength: 4 })), { maxLength: 40 }), (parts) => {
        const page = parts.join('');
        for (const t of htmlTables(page))
          for (const c of t.cells) expect(0 <= c.start && c.start <= c.end && c.end <= page.length).toBe(true);
      }),
    );
  });
});

describe('scanning an HTML table', () => {
  it('reads its columns by their headers, reports each value once at its cell, and a column no header names as text', () => {
    expect(found(report)).toEqual([
      'EMAIL ada@example.com',
      'EMAIL grace@example.org',
      'PERSON_NAME <b>Ada</b>',
      'PERSON_NAME O&#39;Neill',
      'CREDIT_CARD 4111111111111111',
      'PERSON_NAME Grace',
      'PERSON_NAME Hopper',
      'CREDIT_CARD 5500005555555559',
    ]);
    // with no depth left for the table's CSV, the page is read as text alone
    expect(found(report, 0)).toEqual(['EMAIL ada@example.com', 'EMAIL grace@example.org']);
  });

  it("reads an order confirmation's labels beside their values, and a two-column list as before", () => {
    const confirmation = Buffer.from(
      '<table><tr><td>First name</td><td>Ada</td></tr><tr><td>Last name:</td><td>Lovelace</td></tr>' +
        '<tr><td>Address</td><td>12 High Street</td></tr><tr><td>Email</td><td>ada@example.org</td></tr></table>',
    );
    expect(found(confirmation).sort()).toEqual([
      'EMAIL ada@example.org',
      'PERSON_NAME Ada',
      'PERSON_NAME Lovelace',
      'STREET_ADDRESS 12 High Street',
    ]);
    const list = Buffer.from(
      '<table><tr><th>Name</th><th>Email</th></tr><tr><td>Ada Lovelace</td><td>ada@example.org</td></tr>' +
        '<tr><td>Grace Hopper</td><td>grace@example.org</td></tr></table>',
    );
    expect(found(list).sort()).toEqual([
      'EMAIL ada@example.org',
      'EMAIL grace@example.org',
      'PERSON_NAME Ada Lovelace',
      'PERSON_NAME Grace Hopper',
    ]);
  });

  it('reads what sqlite3 prints in its HTML mode, streamed or whole', async () => {
    const page = readFileSync(new URL('../../fixtures/pii/customers.sqlite-html.html', import.meta.url));
    expect(found(page).sort()).toEqual(sqliteCustomers('O&#39;Neill').sort());
    const whole = scanBuffer(page, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    for (const cuts of [[1], [30, 200], [page.length >> 1]])
      expect(await streamedKeys(page, cuts, { fingerprintKey: KEY })).toEqual(whole);
  });
});
