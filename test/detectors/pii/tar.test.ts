import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Detection, LimitKind, type ScanOptions, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { isTar, type TarEvent, TarSplitter } from '../../../detectors/pii/tar.js';
import { detectionKey, hexLines, streamedKeys } from '../../support/streamed.js';
import { paxRecord, tarHeader, tarOf } from '../../support/tar-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
const gnu = fixture('customers-export.tar');
const paxGz = fixture('customers-export.pax.tar.gz');
const python = fixture('customers-export.python.tar');
const csv = Buffer.from('first_name,card_number\nAda,4111111111111111\nGrace,5500005555555559\n');
const options: ScanOptions = { fingerprintKey: KEY };
/** The two files the archive fixtures hold (see SOURCES.md). */
const EXPORT_README = 'Quarterly export. Contact: ops@example.com\n';
const EXPORT_CSV = [
  'id,first_name,last_name,email,card_number,dob',
  '1,Jane,Doe,jane.doe@example.com,4111111111111111,1985-03-12',
  '2,John,Roe,john.roe@example.com,5500005555555559,1990-11-02',
  '3,Ada,Lovelace,ada@example.com,4012888888881881,1979-12-10',
  '',
].join('\n');

/** A member's data as the splitter passes it on: where it starts and ends, and its bytes. */
interface Part {
  start: number;
  end: number;
  data: string;
}

/** The splitter's parts and corrupt ranges for `tar` fed in chunks cut at `cuts`. */
function split(tar: Buffer, cuts: number[] = []): { parts: Part[]; corrupt: [number, number][] } {
  const splitter = new TarSplitter();
  const events: TarEvent[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...splitter.write(tar.subarray(at, cut)));
    at = cut;
  }
  events.push(...splitter.write(tar.subarray(at)), ...splitter.end());
  const parts: Part[] = [];
  const corrupt: [number, number][] = [];
  for (const e of events) {
    if (e.kind === 'part') parts.push({ start: e.start, end: -1, data: '' });
    const open = parts.at(-1) as Part;
    if (e.kind === 'data') open.data += e.bytes.toString('latin1');
    if (e.kind === 'end') open.end = e.end;
    if (e.kind === 'corrupt') corrupt.push([e.start, e.end]);
  }
  return { parts, corrupt };
}

/** The parts that are member data (not a header's names), as [data, start]. */
const members = (tar: Buffer): [string, number][] =>
  split(tar)
    .parts.filter((p) => p.end - p.start !== 512 || !isTar(tar.subarray(p.start, p.start + 512)))
    .map((p) => [p.data, p.start]);

const keys = (ds: Detection[]): string[] => ds.map(detectionKey).sort();
const valuesFound = (tar: Buffer, ds: Detection[]): string[] =>
  ds.map((d) => `${d.type} ${tar.toString('latin1', d.start, d.end)}`).sort();

describe('isTar', () => {
  it('knows archives from GNU tar (its own and pax format) and Python, and the POSIX and GNU magics', () => {
    for (const tar of [gnu, gunzipSync(paxGz), python, tarOf([{ name: 'a' }]), tarOf([{ name: 'a', gnu: true }])])
      expect(isTar(tar)).toBe(true);
  });

  it('knows nothing else: text, a ZIP, a header cut short or one whose checksum is off by one', () => {
    expect(isTar(Buffer.alloc(1024, 'ustar ustar '))).toBe(false);
    expect(isTar(fixture('customers-export.zip'))).toBe(false);
    expect(isTar(gnu.subarray(0, 511))).toBe(false);
    expect(isTar(tarHeader({ name: 'a', checksumOffset: 1 }))).toBe(false);
    expect(isTar(Buffer.alloc(1024))).toBe(false);
  });
});

describe('TarSplitter', () => {
  it("passes on a GNU tar archive's members at their offsets, and each header's names", () => {
    const { parts, corrupt } = split(gnu);
    expect(corrupt).toEqual([]);
    const names = parts.filter((p) => p.end - p.start === 512).map((p) => p.data.trim());
    expect(names).toEqual(expect.arrayContaining(['export/', 'export/customers.csv', 'export/README.txt']));
    const data = parts.filter((p) => p.end - p.start !== 512);
    expect(data.map((p) => p.data).sort()).toEqual([EXPORT_README, EXPORT_CSV].sort());
    for (const p of data) expect(gnu.toString('latin1', p.start, p.end)).toBe(p.data);
  });

  it('splits alike however the archive is cut into chunks', () => {
    const whole = split(python);
    fc.assert(
      fc.property(fc.array(fc.nat(python.length), { maxLength: 8 }), (cuts) => {
        expect(split(python, cuts)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it("takes a member's size from a pax `size=` record, or GNU's base-256 field", () => {
    const data = Buffer.from('x'.repeat(700));
    const pax = tarOf([
      { name: 'PaxHeaders/big.csv', type: 'x', data: Buffer.from(paxRecord('size', '700')) },
      { name: 'big.csv', sizeField: 0, data },
      { name: 'after.txt', data: Buffer.from('after') },
    ]);
    expect(members(pax).map(([d]) => d)).toEqual([paxRecord('size', '700'), data.toString(), 'after']);
    const binary = tarOf([
      { name: 'big.csv', base256: true, data },
      { name: 'after.txt', data: Buffer.from('after') },
    ]);
    expect(members(binary).map(([d]) => d)).toEqual([data.toString(), 'after']);
  });

  it('reads no data after directories and links, and goes on past the zero blocks of concatenated archives', () => {
    const tar = Buffer.concat([
      tarOf([
        { name: 'dir/', type: '5', sizeField: 1024 },
        { name: 'link', type: '2' },
        { name: 'a.txt', data: Buffer.from('first') },
      ]),
      tarOf([{ name: 'b.txt', data: Buffer.from('second') }]),
    ]);
    expect(members(tar).map(([d]) => d)).toEqual(['first', 'second']);
  });

  it('reads a member cut short as far as it goes and says it is corrupt', () => {
    const tar = tarOf([{ name: 'customers.csv', data: csv }]);
    const cut = tar.subarray(0, 512 + 30);
    const { parts, corrupt } = split(cut);
    expect(parts.at(-1)).toEqual({ start: 512, end: 542, data: csv.toString('latin1', 0, 30) });
    expect(corrupt).toEqual([[512, 542]]);
  });

  it('reads the rest as one plain part after a header that does not add up, and after a header cut short', () => {
    const good = tarOf([{ name: 'a.txt', data: Buffer.from('first') }], false);
    const bad = Buffer.concat([tarHeader({ name: 'b.txt', checksumOffset: 1 }), Buffer.from('mail ada@example.org')]);
    const { parts, corrupt } = split(Buffer.concat([good, bad]));
    expect(parts.at(-1)).toEqual({ start: 1024, end: 1024 + bad.length, data: bad.toString('latin1') });
    expect(corrupt).toEqual([[1024, 1024 + bad.length]]);
    const short = split(Buffer.concat([good, tarHeader({ name: 'c.txt' }).subarray(0, 100)]));
    expect(short.corrupt).toEqual([[1024, 1124]]);
  });
});

describe('tar archives damaged or made up', () => {
  it('split and scan without throwing, every part inside the input, whatever the bytes', () => {
    const damaged = fc
      .tuple(
        fc.constantFrom(gnu, python),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
      )
      .map(([tar, flips]) => {
        const copy = Buffer.from(tar);
        for (const [at, b] of flips) copy[at % copy.length] = b;
        return copy;
      });
    const madeUp = fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.concat([tarHeader({ name: 'x' }), b]));
    fc.assert(
      fc.property(fc.oneof(damaged, madeUp), fc.nat(), (tar, cut) => {
        const input = tar.subarray(0, cut % (tar.length + 1));
        for (const p of split(input).parts) {
          expect(p.start).toBeLessThanOrEqual(p.end);
          expect(p.end).toBeLessThanOrEqual(Math.max(input.length, p.start + 512));
        }
        const report = scanBuffer(input, options);
        for (const d of report.detections) expect(d.end).toBeLessThanOrEqual(input.length);
      }),
      { numRuns: 200 },
    );
  });

  it('allocate nothing for a size the data does not have (a header claiming 8 GiB)', () => {
    const tar = tarOf([{ name: 'huge.csv', base256: true, sizeField: 2 ** 33, data: csv }], false);
    const report = scanBuffer(tar, options);
    expect(report.detections.map((d) => d.type).sort()).toEqual([
      'CREDIT_CARD',
      'CREDIT_CARD',
      'PERSON_NAME',
      'PERSON_NAME',
    ]);
    expect(report.limits).toEqual([{ kind: LimitKind.CORRUPT, start: 512, end: tar.length }]);
  });
});

describe('scanBuffer and scanStream on tar archives', () => {
  it('read each member as a body of its own: a CSV member by its header line, at its offsets', () => {
    const report = scanBuffer(gnu, options);
    expect(report.limits).toEqual([]);
    // what the members give scanned alone, moved to where they are in the archive
    const alone = members(gnu).flatMap(([data, start]) =>
      scanBuffer(Buffer.from(data, 'latin1'), options).detections.map((d) => ({
        ...d,
        start: d.start + start,
        end: d.end + start,
      })),
    );
    expect(keys(report.detections)).toEqual(keys(alone));
    expect(valuesFound(gnu, report.detections)).toEqual(
      expect.arrayContaining(['CREDIT_CARD 4111111111111111', 'PERSON_NAME Jane', 'EMAIL ops@example.com']),
    );
    expect(report.detections.filter((d) => d.type === 'CREDIT_CARD')).toHaveLength(3);
  });

  it('find the same values in GNU, pax (gzipped) and Python archives of the same files', () => {
    const fingerprints = (tar: Buffer): string[] =>
      scanBuffer(tar, options)
        .detections.map((d) => `${d.type} ${d.fingerprint}`)
        .sort();
    const expected = fingerprints(gnu);
    expect(expected.length).toBeGreaterThanOrEqual(14);
    expect(fingerprints(python)).toEqual(expected);
    const gz = scanBuffer(paxGz, options);
    expect(gz.detections.map((d) => `${d.type} ${d.fingerprint}`).sort()).toEqual(expected);
    expect(gz.detections.every((d) => d.start === 0 && d.end === paxGz.length)).toBe(true);
  });

  it("read the names in headers (a path's prefix and a link's target too), GNU long names and pax paths", () => {
    const path = `backup/${'archive/'.repeat(14)}jane.doe@example.com/notes.txt`;
    const tar = tarOf([
      { name: 'mail/grace@example.org/inbox.mbox', data: Buffer.from('no personal data') },
      { name: '././@LongLink', type: 'L', data: Buffer.from(`${path}\0`) },
      { name: path.slice(0, 100), data: Buffer.from('x') },
      { name: 'PaxHeaders/n', type: 'x', data: Buffer.from(paxRecord('path', 'to/ada@example.com/notes.txt')) },
      { name: 'n', data: Buffer.from('y') },
      { name: 'notes.txt', prefix: 'home/alan.turing@example.net', data: Buffer.from('z') },
      { name: 'latest', type: '2', linkName: 'users/marie.curie@example.fr' },
    ]);
    expect(valuesFound(tar, scanBuffer(tar, options).detections)).toEqual([
      'EMAIL ada@example.com',
      'EMAIL alan.turing@example.net',
      'EMAIL grace@example.org',
      'EMAIL jane.doe@example.com',
      'EMAIL marie.curie@example.fr',
    ]);
  });

  it('open a gzipped member, and give an archive one level of depth', () => {
    const tar = tarOf([{ name: 'customers.csv.gz', data: gzipSync(csv) }]);
    const found = scanBuffer(tar, options).detections;
    expect(found.map((d) => d.type).sort()).toEqual(['CREDIT_CARD', 'CREDIT_CARD', 'PERSON_NAME', 'PERSON_NAME']);
    expect(found.every((d) => d.start === 512 && d.end === 512 + gzipSync(csv).length)).toBe(true);
    expect(scanBuffer(tar, { ...options, maxDepth: 0 }).limits).toEqual([
      { kind: LimitKind.DEPTH, start: 0, end: tar.length },
    ]);
    const nested = tarOf([{ name: 'inner.tar', data: tar }]);
    expect(scanBuffer(nested, { ...options, maxDepth: 1 }).limits).toEqual([
      { kind: LimitKind.DEPTH, start: 512, end: 512 + tar.length },
    ]);
    expect(scanBuffer(nested, { ...options, maxDepth: 3 }).detections).toHaveLength(4);
  });

  it('share one decoded-size budget among gzipped members, streamed or whole, where each alone is under it', async () => {
    // four members of 400 KiB each once inflated (hex lines: no bomb), an address at the head of each, under 1 MiB
    const members = [0, 1, 2, 3].map((n) =>
      gzipSync(Buffer.concat([Buffer.from(`mail: user${n}@example.com\n`), hexLines(400)])),
    );
    const tar = tarOf(members.map((data, n) => ({ name: `m${n}.txt.gz`, data })));
    const capped = { ...options, maxDecodedBytes: 1024 * 1024 };
    const whole = scanBuffer(tar, capped);
    // two members fit (800 KiB); the third is read as far as the budget goes (its address, at its head, is found),
    // and the fourth has nothing left: both are reported
    expect(whole.detections.map((d) => d.type)).toEqual(['EMAIL', 'EMAIL', 'EMAIL']);
    const at = (data: Buffer) => ({ start: tar.indexOf(data), end: tar.indexOf(data) + data.length });
    expect(whole.limits).toEqual([
      { kind: LimitKind.DECODED_SIZE, ...at(members[2] as Buffer) },
      { kind: LimitKind.DECODED_SIZE, ...at(members[3] as Buffer) },
    ]);
    const streamed = await scanStream([tar.subarray(0, 700), tar.subarray(700)], capped);
    expect(streamed.detections).toEqual(whole.detections);
    expect(streamed.limits).toEqual(whole.limits);
    // each member alone is read
    for (const data of members)
      expect(scanBuffer(tarOf([{ name: 'm.txt.gz', data }]), capped).detections).toHaveLength(1);
  });

  it('read an archive cut short as far as it goes, and say it is cut', () => {
    const tar = tarOf([{ name: 'customers.csv', data: csv }]);
    const cut = tar.subarray(0, 512 + csv.indexOf('Grace'));
    const report = scanBuffer(cut, options);
    expect(valuesFound(cut, report.detections)).toEqual(['CREDIT_CARD 4111111111111111', 'PERSON_NAME Ada']);
    expect(report.limits).toEqual([{ kind: LimitKind.CORRUPT, start: 512, end: cut.length }]);
  });

  it('place limits met inside a form part at the part, streamed or whole', async () => {
    // the member is cut where the part ends: its corrupt limit covers the part, as any limit inside a part does
    const tar = tarOf([{ name: 'customers.csv', data: csv }]).subarray(0, 512 + 40);
    const form = Buffer.concat([
      Buffer.from('--F\r\nContent-Type: application/x-tar\r\n\r\n'),
      tar,
      Buffer.from('\r\n--F--\r\n'),
    ]);
    const formOptions = { ...options, contentType: 'multipart/form-data; boundary=F' };
    const whole = scanBuffer(form, formOptions);
    const start = form.indexOf(tar);
    expect(whole.limits).toEqual([{ kind: LimitKind.CORRUPT, start, end: start + tar.length }]);
    expect((await scanStream([form.subarray(0, 99), form.subarray(99)], formOptions)).limits).toEqual(whole.limits);
  });

  it('read alike streamed in chunks cut anywhere and whole', async () => {
    const cutShort = gnu.subarray(0, 1500);
    for (const tar of [gnu, python, paxGz, cutShort]) {
      const whole = scanBuffer(tar, options);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(tar.length), { maxLength: 6 }), async (cuts) => {
          expect(await streamedKeys(tar, cuts, options)).toEqual(keys(whole.detections));
        }),
        { numRuns: 15 },
      );
      expect((await scanStream([tar], options)).limits).toEqual(whole.limits);
    }
  });
});
