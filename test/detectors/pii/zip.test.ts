import { readFileSync } from 'node:fs';
import { deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitKind, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { worksheetAsCsv } from '../../../detectors/pii/xlsx.js';
import { zipEntries } from '../../../detectors/pii/zip.js';
import { hexLines } from '../../support/streamed.js';
import { zipOf } from '../../support/zip-writer.js';
import { zstdFrame } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const real = readFileSync(new URL('../../fixtures/pii/customers-export.zip', import.meta.url));
const workbook = readFileSync(new URL('../../fixtures/pii/customers-export.xlsx', import.meta.url));
const csv = Buffer.from('first_name,card_number\nAda,4111111111111111\nGrace,5500005555555559\n');

const scan = (zip: Buffer, maxDecodedBytes?: number) => scanBuffer(zip, { fingerprintKey: KEY, maxDecodedBytes });
const types = (zip: Buffer): string[] => scan(zip).detections.map((d) => d.type);

describe('zipEntries', () => {
  it('lists the files of an archive made by Info-ZIP, directories left out', () => {
    const entries = zipEntries(real);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['export/customers.csv', 8],
      ['export/README.txt', 0],
    ]);
    const readme = entries[1];
    expect(real.toString('latin1', readme?.start, readme?.end)).toBe('Quarterly export. Contact: ops@example.com\n');
  });

  it('walks local headers when the central directory is missing (a capture cut short)', () => {
    const zip = zipOf(
      [
        { name: 'a.csv', data: csv, deflate: true },
        { name: 'b.txt', data: Buffer.from('x') },
      ],
      false,
    );
    expect(zipEntries(zip).map((e) => e.name)).toEqual(['a.csv', 'b.txt']);
  });
});

describe('scanning a ZIP archive', () => {
  it('reads a zipped CSV export by column, and a stored file at its own offsets', () => {
    const { detections } = scan(real);
    const [csvEntry, readme] = zipEntries(real);
    const inCsv = detections.filter((d) => d.start === csvEntry?.start && d.end === csvEntry?.end);
    expect(inCsv.map((d) => d.type).sort()).toEqual(
      ['CREDIT_CARD', 'CREDIT_CARD', 'CREDIT_CARD', 'DATE_OF_BIRTH', 'DATE_OF_BIRTH', 'DATE_OF_BIRTH']
        .concat(['EMAIL', 'EMAIL', 'EMAIL'], Array(6).fill('PERSON_NAME'))
        .sort(),
    );
    const email = detections.find((d) => d.start >= (readme?.start ?? 0));
    expect(real.toString('latin1', email?.start, email?.end)).toBe('ops@example.com');
  });

  it('reads entries whose sizes follow their data, and archives without a central directory', () => {
    const described = zipOf([{ name: 'a.csv', data: csv, deflate: true, flags: 8 }]);
    expect(types(described).sort()).toEqual(['CREDIT_CARD', 'CREDIT_CARD', 'PERSON_NAME', 'PERSON_NAME']);
    expect(types(zipOf([{ name: 'a.csv', data: csv, deflate: true }], false))).toHaveLength(4);
  });

  it('reads an entry Zstandard, bzip2 or xz compressed (methods 93, 12 and 95, as 7-Zip and WinZip write them)', () => {
    const zip = zipOf([{ name: 'a.csv', data: zstdFrame(csv, 40), method: 93 }]);
    expect(types(zip).sort()).toEqual(['CREDIT_CARD', 'CREDIT_CARD', 'PERSON_NAME', 'PERSON_NAME']);
    const bz2 = readFileSync(new URL('../../fixtures/pii/customers.csv.bz2', import.meta.url));
    const bzipped = scan(zipOf([{ name: 'customers.csv', data: bz2, method: 12 }]));
    expect(bzipped.detections.filter((d) => d.type === 'EMAIL')).toHaveLength(3);
    expect(bzipped.limits).toEqual([]);
    const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
    const xzipped = scan(zipOf([{ name: 'customers-80.csv', data: fixture('customers-80.csv.xz'), method: 95 }]));
    const stored = scan(zipOf([{ name: 'customers-80.csv', data: fixture('customers-80.csv') }]));
    // the header line and 79 customers
    expect(xzipped.detections.filter((d) => d.type === 'EMAIL')).toHaveLength(79);
    expect(xzipped.detections.map((d) => d.fingerprint).sort()).toEqual(
      stored.detections.map((d) => d.fingerprint).sort(),
    );
    expect(xzipped.limits).toEqual([]);
  });

  it('reports encrypted entries and other compression methods as unreadable, and reads the rest', () => {
    const zip = zipOf([
      { name: 'secret.csv', data: csv, flags: 1 },
      { name: 'b.lzma', data: csv, method: 14 },
      { name: 'c.csv', data: csv },
    ]);
    const report = scan(zip);
    expect(report.limits.map((l) => l.kind)).toEqual([LimitKind.UNREADABLE, LimitKind.UNREADABLE]);
    expect(report.detections).toHaveLength(4);
  });

  it('reports a decompression bomb instead of inflating it past the cap', () => {
    const bomb = zipOf([{ name: 'zeros.bin', data: Buffer.alloc(32 * 1024 * 1024), deflate: true }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(scan(bomb, 1024 * 1024).limits.map((l) => l.kind)).toEqual([LimitKind.BOMB]);
  });

  it('shares the decoded-size budget with what its entries hold, and reads stored entries past it', () => {
    const text = (n: number): Buffer => Buffer.concat([Buffer.from(`mail: user${n}@example.com\n`), hexLines(400)]);
    const found = (zip: Buffer): number => scan(zip, 1024 * 1024).detections.length;
    // stored gzip files: each is inflated by the scan of its entry, from the one budget; the third is read as far as
    // it goes (its address is at its head), the fourth not at all
    const gz = zipOf([0, 1, 2, 3].map((n) => ({ name: `m${n}.txt.gz`, data: gzipSync(text(n)) })));
    expect(found(gz)).toBe(3);
    expect(scan(gz, 1024 * 1024).limits.map((l) => l.kind)).toEqual([LimitKind.DECODED_SIZE, LimitKind.DECODED_SIZE]);
    // deflated entries spend it as they are opened
    const deflated = zipOf([0, 1, 2, 3].map((n) => ({ name: `m${n}.txt`, data: text(n), deflate: true })));
    expect(found(deflated)).toBe(3);
    expect(scan(deflated, 1024 * 1024).limits.map((l) => l.kind)).toEqual([
      LimitKind.DECODED_SIZE,
      LimitKind.DECODED_SIZE,
    ]);
    // stored entries decode nothing: all four are read
    expect(found(zipOf([0, 1, 2, 3].map((n) => ({ name: `m${n}.txt`, data: text(n) }))))).toBe(4);
  });

  it('is read the same from a stream, and past the decoded-size cap reported and read as plain bytes', async () => {
    const pieces = (zip: Buffer) =>
      Array.from({ length: Math.ceil(zip.length / 100) }, (_, i) => zip.subarray(i * 100, i * 100 + 100));
    const streamed = await scanStream(pieces(real), { fingerprintKey: KEY });
    expect(streamed.detections).toEqual(scan(real).detections);
    expect(streamed.bytes).toBe(real.length);
    const capped = await scanStream(pieces(real), { fingerprintKey: KEY, maxDecodedBytes: 256 });
    expect(capped.limits.map((l) => l.kind)).toEqual([LimitKind.DECODED_SIZE]);
    // the stored README's address is still found in the raw bytes
    expect(capped.detections.map((d) => d.type)).toContain('EMAIL');
  });

  it('never throws on a mangled or truncated archive', () => {
    const zip = zipOf([
      { name: 'a.csv', data: csv, deflate: true },
      { name: 'b.txt', data: Buffer.from('call 4155550132') },
    ]);
    fc.assert(
      fc.property(
        fc.nat(zip.length),
        fc.array(fc.tuple(fc.nat(zip.length - 1), fc.nat(255)), { maxLength: 8 }),
        (cut, flips) => {
          const mangled = Buffer.from(zip.subarray(0, Math.max(4, cut)));
          for (const [at, b] of flips) if (at >= 4 && at < mangled.length) mangled[at] = b;
          expect(() => scan(mangled)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
    expect(() => scan(Buffer.concat([Buffer.from('PK\x03\x04'), deflateRawSync(csv)]))).not.toThrow();
  });
});

describe('scanning an XLSX workbook', () => {
  /** Detections as `TYPE fingerprint`, sorted: the cells of a deflated worksheet share its range. */
  const found = (zip: Buffer): string[] =>
    scan(zip)
      .detections.map((d) => `${d.type} ${d.fingerprint}`)
      .sort();
  const csvOf = (text: string): string[] => found(zipOf([{ name: 'export.csv', data: Buffer.from(text) }]));

  it('reads a worksheet by column, as the CSV it would export to (openpyxl: inline strings, numbers)', () => {
    expect(found(workbook)).toEqual(
      csvOf(
        'id,first_name,last_name,email,card_number,notes,order_ref\n' +
          '1,Jane,Doe,jane.doe@example.com,4111111111111111,"paid, on time",4012888888881881\n' +
          '2,John,Roe,john.roe@example.com,5500005555555559,,4111111111111111\n' +
          '3,Ada,Lovelace,ada@example.com,4012888888881881,"said ""hi""",5500005555555559\n' +
          'note\nContact ops@example.com\n',
      ),
    );
    expect(found(workbook).filter((d) => d.startsWith('CREDIT_CARD'))).toHaveLength(3);
  });

  it('resolves shared strings (Excel), rich text runs and escapes, and reports each string once', () => {
    const strings = [
      '<si><t>first_name</t></si>',
      '<si><t>card_number</t></si>',
      '<si><r><t>Ren</t></r><r><t xml:space="preserve">&#233;e</t></r></si>',
      '<si><t>O&apos;Neill</t></si>',
    ];
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2"><v>4111111111111111</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3" t="str"><v>5500005555555559</v></c></row></sheetData></worksheet>';
    const xlsx = zipOf([
      { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst>${strings.join('')}</sst>`), deflate: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet), deflate: true },
    ]);
    expect(found(xlsx)).toEqual(csvOf("first_name,,card_number\nRenée,,4111111111111111\nO'Neill,,5500005555555559\n"));
    expect(found(xlsx)).toHaveLength(4);
  });

  it('never throws on mangled worksheet XML, and ignores cell references past the last column', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string(), { maxLength: 3 }), (xml, shared) => {
        const parts = { shared, dateStyles: [false, true], date1904: false };
        expect(() => worksheetAsCsv(`<row>${xml}</row>${xml}`, parts)).not.toThrow();
      }),
    );
    const none = { shared: [], dateStyles: [], date1904: false };
    expect(
      worksheetAsCsv('<row><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="ZZZZ1"><v>1</v></c></row>', none),
    ).toBe('a');
  });
});
