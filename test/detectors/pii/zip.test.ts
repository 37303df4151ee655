import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitKind, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { zipEntries } from '../../../detectors/pii/zip.js';
import { zipOf } from '../../support/zip-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const real = readFileSync(new URL('../../fixtures/pii/customers-export.zip', import.meta.url));
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

  it('reports encrypted entries and other compression methods as unreadable, and reads the rest', () => {
    const zip = zipOf([
      { name: 'secret.csv', data: csv, flags: 1 },
      { name: 'b.bz2', data: csv, method: 12 },
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
