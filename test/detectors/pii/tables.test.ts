import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEngine } from '../../../detectors/pii/engine.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { FIELD_RECOGNIZERS, RECOGNIZERS } from '../../../detectors/pii/registry.js';
import { CSV_SNIFF_MAX, sniffCsv } from '../../../detectors/pii/table-headers.js';
import { found, luhn, sameWhenChunked, sqliteCustomers } from '../../support/pii-tables.js';

const KEY = 'breachwatch-test-fingerprint-key';
const engine = compileEngine(RECOGNIZERS, FIELD_RECOGNIZERS, 0.5);
const sniff = (text: string, final = true) => sniffCsv(engine, Buffer.from(text, 'latin1'), final);

describe('sniffCsv', () => {
  it('reads comma, tab, semicolon and pipe headers, quoted names, a byte-order mark and CRLF', () => {
    for (const [text, delimiter] of [
      ['first_name,card_number\nAda,1\n', 44],
      ['first_name\tcard_number\nAda\t1\n', 9],
      ['first_name;card_number\r\nAda;1\r\n', 59],
      ['"First Name"|"Card Number"\nAda|1\n', 124],
      ['\xef\xbb\xbffirst_name,card_number\nAda,1\n', 44],
    ] as const) {
      const header = sniff(text);
      expect(header, text).toMatchObject({ delimiter });
      if (typeof header !== 'object') continue;
      expect(header.columns[0]?.field?.type).toBe('PERSON_NAME');
      expect(header.columns[1]?.context).toBeDefined();
      expect(header.rowsFrom).toBe(text.indexOf('\n') + 1);
    }
  });

  it('waits for the first row, and decides once it ends or the body does', () => {
    expect(sniff('first_name,card_', false)).toBe('wait');
    expect(sniff('first_name,card_number\nAda,', false)).toBe('wait');
    expect(sniff('first_name,card_number\nAda,1', true)).toMatchObject({ delimiter: 44 });
    expect(sniff('first_name,card_number\nAda,"multi\nline"\n', false)).toMatchObject({ delimiter: 44 });
  });

  it('reads a header ruled off, as psql, the mysql client and Markdown print it, and waits for the rule', () => {
    for (const text of [
      ' first_name | card_number\n------------+------------\n Ada        | 1\n(1 row)\n',
      '+------------+-------------+\n| first_name | card_number |\n+------------+-------------+\n| Ada        | 1           |\n',
      '| first_name | card_number |\n|:-----------|------------:|\n| Ada        | 1           |\n',
    ]) {
      const header = sniff(text);
      expect(header, text).toMatchObject({ delimiter: 124 });
      if (typeof header !== 'object') continue;
      expect(header.columns.find((c) => c.field)?.field?.type).toBe('PERSON_NAME');
      expect(sniff(text.slice(0, text.indexOf('-') + 2), false), text).toBe('wait');
    }
    // a rule that is no table's: YAML's document start, a PEM block's dashes; and a line with no dash is no rule
    expect(sniff('---\nfirst_name: Ada\n')).toBeUndefined();
    expect(sniff('+ |\nfirst_name,card_number\nAda,1\n')).toBeUndefined();
    expect(sniff('-----BEGIN CERTIFICATE-----\nMIIB\n')).toBeUndefined();
  });

  it('reads everything else as text, most bodies from their first bytes', () => {
    for (const text of [
      '{"first_name":"Ada","card_number":"1"}\n{}\n',
      '2024-03-15T14:30:00Z INFO card,phone\nx,y\n',
      'first_name=Ada&card_number=1\n',
      'Hello, world\nHow, are you\n',
      'first_name,card_number\nAda,1,2\n',
      'id,sku,qty\n1,SKU-1,2\n',
      'card_number\n1\n',
      'first_name,card_number',
      `first_name,card_number\n${'x'.repeat(CSV_SNIFF_MAX)}\n`,
    ])
      expect(sniff(text), text).toBeUndefined();
    expect(sniff('{"first_name"', false)).toBeUndefined();
  });
});

describe('scanning a table', () => {
  it('reads each column by its header: names, cards, SSNs, addresses and birth dates far from their headers', () => {
    const csv =
      'id,first_name,last_name,email,phone,card_number,iban,ssn,street_address,dob\r\n' +
      '1,Jane,Doe,jane.doe@example.com,4155550132,4111111111111111,GB82WEST12345698765432,536-22-1234,"12 High Street, London",1985-03-12\r\n' +
      '2,John,Roe,john.roe@example.com,2025550188,5500005555555559,DE89370400440532013000,536-22-4321,"1 Main St, Springfield",1990-11-02';
    expect(found(csv)).toEqual([
      'PERSON_NAME Jane',
      'PERSON_NAME Doe',
      'EMAIL jane.doe@example.com',
      'PHONE 4155550132',
      'CREDIT_CARD 4111111111111111',
      'IBAN GB82WEST12345698765432',
      'US_SSN 536-22-1234',
      'STREET_ADDRESS 12 High Street, London',
      'DATE_OF_BIRTH 1985-03-12',
      'PERSON_NAME John',
      'PERSON_NAME Roe',
      'EMAIL john.roe@example.com',
      'PHONE 2025550188',
      'CREDIT_CARD 5500005555555559',
      'IBAN DE89370400440532013000',
      'US_SSN 536-22-4321',
      'STREET_ADDRESS 1 Main St, Springfield',
      'DATE_OF_BIRTH 1990-11-02',
    ]);
  });

  it('gives a column context to its own cells only: a card-shaped number under order_ref is no card', () => {
    const rows = Array.from({ length: 4 }, (_, i) => `${luhn('4', 16, i)},sent,${luhn('5', 16, i + 9)}`);
    const csv = `order_ref,status,card_number\n${rows.join('\n')}\n`;
    const cards = found(csv).filter((d) => d.startsWith('CREDIT_CARD'));
    // the first row is within the header's own context window; the rows below it are not
    expect(cards).toContain(`CREDIT_CARD ${luhn('5', 16, 12)}`);
    expect(cards).not.toContain(`CREDIT_CARD ${luhn('4', 16, 3)}`);
    expect(found(csv.replace('card_number', 'shipment'))).not.toContain(`CREDIT_CARD ${luhn('5', 16, 12)}`);
  });

  it('never reads the header line as a row: a column named like a name is no name', () => {
    expect(found('id,surname\n1,Lovelace\n')).toEqual(['PERSON_NAME Lovelace']);
    expect(found('\xef\xbb\xbfnom;prenom;email\nMuller;Zoe;zoe@example.org\n')).toEqual([
      'PERSON_NAME Muller',
      'PERSON_NAME Zoe',
      'EMAIL zoe@example.org',
    ]);
  });

  it("reads a bare `name` column as people's names when another column is personal, in exports and dumps", () => {
    expect(found('Name,Email,Phone\nAda Lovelace,ada@example.org,x\nAcme Inc,b@example.org,x\n')).toEqual([
      'PERSON_NAME Ada Lovelace',
      'EMAIL ada@example.org',
      'EMAIL b@example.org',
    ]);
    expect(found('id,name,street\n1,Ada Lovelace,12 High Street\n')).toEqual([
      'PERSON_NAME Ada Lovelace',
      'STREET_ADDRESS 12 High Street',
    ]);
    expect(found("INSERT INTO users (id, name, dob) VALUES (1, 'Ada Lovelace', 'x');\n")).toEqual([
      'PERSON_NAME Ada Lovelace',
    ]);
    expect(found('COPY public.users (id, name, email) FROM stdin;\n1\tAda Lovelace\tx\n\\.\n')).toEqual([
      'PERSON_NAME Ada Lovelace',
    ]);
    // products, and a name beside nothing personal
    expect(found('id,name,price\n1,Blue Widget,7\n')).toEqual([]);
    expect(found('id,name,card_number_ref\n1,Blue Widget,7\n')).toEqual([]);
    // a configuration that names `name` a field of its own keeps it
    const own = { ...(FIELD_RECOGNIZERS[0] as (typeof FIELD_RECOGNIZERS)[number]), fields: ['name'], value: /^.+$/ };
    const csv = Buffer.from('name,email\nBlue Widget 7,x\n', 'latin1');
    const custom = scanBuffer(csv, { fingerprintKey: KEY, fieldRecognizers: [...FIELD_RECOGNIZERS, own] });
    expect(custom.detections.map((d) => csv.toString('latin1', d.start, d.end))).toEqual(['Blue Widget 7']);
  });

  it('reads UTF-8 column names, as a spreadsheet in French, German or Polish exports them', () => {
    const csv = Buffer.from('prénom,Straße,hasło\nZoë,Hauptstraße 5,Zielony-Ogród-77\n', 'utf8');
    const types = scanBuffer(csv, { fingerprintKey: KEY }).detections.map(
      (d) => `${d.type} ${csv.toString('utf8', d.start, d.end)}`,
    );
    expect(types).toEqual(['PERSON_NAME Zoë', 'STREET_ADDRESS Hauptstraße 5', 'CREDENTIAL Zielony-Ogród-77']);
  });

  it('keeps columns aligned past quoted cells holding delimiters, doubled quotes and newlines', () => {
    const card = luhn('4', 16, 5);
    const csv = `note,first_name,card_number\n"a, b",Ada,1\n"line one\nline, ""two""\nthree",Grace,${card}\n`;
    expect(found(csv)).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Grace', `CREDIT_CARD ${card}`]);
  });

  it('reads a gzip-compressed export and reports it at the range of the whole body', () => {
    const rows = ['Ada', 'Grace', 'Edsger'].map((name, i) => `${name},${luhn('4', 16, i)}`);
    const body = gzipSync(`first_name,card_number\n${rows.join('\n')}\n`);
    const { detections } = scanBuffer(body, { fingerprintKey: KEY, contentEncoding: 'gzip' });
    expect(detections.map((d) => `${d.type} ${d.start}-${d.end}`).sort()).toEqual([
      ...rows.map(() => `CREDIT_CARD 0-${body.length}`),
      ...rows.map(() => `PERSON_NAME 0-${body.length}`),
    ]);
  });

  it('reads columns up to 64 KiB into a quoted cell that never closes (a stray quote), then plain text', () => {
    const [first, inQuotes, late] = [1, 2, 3].map((i) => luhn('4', 16, i));
    const csv = `first_name,card_number\nAda,${first}\nGrace,"${'x'.repeat(50)} ${inQuotes} ${'x'.repeat(70 * 1024)} ${late}\n`;
    expect(found(csv)).toEqual([
      'PERSON_NAME Ada',
      `CREDIT_CARD ${first}`,
      'PERSON_NAME Grace',
      `CREDIT_CARD ${inQuotes}`,
    ]);
  });

  const cell = fc.oneof(
    fc.constantFrom('Ada', 'Grace Hopper', "O'Neill", '12 High Street', 'x', '', '4155550132', '536-22-1234'),
    fc.nat(40).map((i) => luhn(i % 2 ? '4' : '5', 16, i)),
    fc.string({ maxLength: 10 }).map((s) => `"${s.replace(/"/g, '""')}, ${s}\n"`),
    // anything at all: stray quotes, delimiters and newlines where no writer would put them
    fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  const table = fc
    .tuple(
      fc.shuffledSubarray(['first_name', 'card_number', 'notes', 'order_ref', 'phone', 'street'], { minLength: 2 }),
      fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([names, rows, eol]) =>
      Buffer.from([names.join(','), ...rows.map((r) => r.slice(0, names.length).join(','))].join(eol) + eol, 'latin1'),
    );

  it('reads query results as sqlite3 prints them in its table and Markdown modes (the mysql client layout)', () => {
    const expected = sqliteCustomers("O'Neill");
    for (const name of ['customers.sqlite-table.txt', 'customers.sqlite-markdown.md']) {
      const text = readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url), 'latin1');
      expect(found(text), name).toEqual(expected);
      const bytes = Buffer.from(text, 'latin1');
      for (let cut = 1; cut < text.indexOf('Ada'); cut += 7) sameWhenChunked(bytes, [cut]);
    }
  });

  it('reports the same detections however a table is chunked, whatever its cells hold', () => {
    fc.assert(fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), sameWhenChunked), { numRuns: 300 });
  });
});
