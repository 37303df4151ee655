import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { bodyBoundary } from '../../../detectors/pii/multipart.js';
import { quotedPrintable } from '../../support/quoted-printable.js';
import { detectionKey, hexLines, streamedKeys } from '../../support/streamed.js';
import { zstdFrame } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const key = detectionKey;
const values = [
  'reach me at grace@example.org',
  'card_number=4111111111111111',
  '{"iban":"DE89370400440532013000"}',
  'ssn 078-05-1120 and more',
  'nothing personal here, order ORD-2024-000123',
];

/**
 * A part: its headers and raw content (plain, base64 wrapped at 76 columns, quoted-printable wrapped at 12 so soft
 * breaks fall inside values, gzip declared or sniffed, or UTF-16).
 */
const partArb = fc.record({
  value: fc.constantFrom(...values),
  encoding: fc.constantFrom('plain', 'base64', 'quoted-printable', 'gzip-declared', 'gzip-sniffed', 'utf-16'),
});

function body(parts: { value: string; encoding: string }[], eol: string, preamble: string): Buffer {
  const out: Buffer[] = [Buffer.from(preamble, 'latin1')];
  for (const p of parts) {
    const headers = ['Content-Disposition: form-data; name="f"'];
    let content: Buffer = Buffer.from(p.value);
    if (p.encoding === 'base64') {
      headers.push('Content-Transfer-Encoding: base64');
      content = Buffer.from(content.toString('base64').replace(/.{76}/g, `$&${eol}`));
    } else if (p.encoding === 'quoted-printable') {
      headers.push('Content-Transfer-Encoding: quoted-printable');
      content = quotedPrintable(content, eol, 12);
    } else if (p.encoding === 'utf-16') {
      content = Buffer.from(p.value, 'utf16le');
    } else if (p.encoding.startsWith('gzip')) {
      if (p.encoding === 'gzip-declared') headers.push('Content-Encoding: gzip');
      content = gzipSync(content);
    }
    out.push(Buffer.from(`--XyZ${eol}${headers.join(eol)}${eol}${eol}`, 'latin1'), content, Buffer.from(eol));
  }
  out.push(Buffer.from(`--XyZ--${eol}epilogue`, 'latin1'));
  return Buffer.concat(out);
}

describe('scanStream on multipart bodies', () => {
  it('finds what scanBuffer finds, at the same offsets, however the body is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(partArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\r\n', '\n'),
        fc.constantFrom('', 'This is the preamble.\r\n'),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (parts, eol, preamble, raw) => {
          const bytes = body(parts, eol, preamble);
          const contentType = 'multipart/form-data; boundary=XyZ';
          const whole = scanBuffer(bytes, { fingerprintKey: KEY, contentType }).detections.map(key).sort();
          const cuts = raw.map((c) => c % bytes.length);
          expect(await streamedKeys(bytes, cuts, { fingerprintKey: KEY, contentType })).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a quoted-printable part whole: soft breaks inside values joined, =40 as @', async () => {
    const bytes = body(
      [{ value: 'card 4111 1111 1111 1111, reach me at grace@example.org', encoding: 'quoted-printable' }],
      '\r\n',
      '',
    );
    expect(bytes.toString('latin1')).toContain('=\r\n');
    const contentType = 'multipart/alternative; boundary=XyZ';
    const types = scanBuffer(bytes, { fingerprintKey: KEY, contentType })
      .detections.map((d) => d.type)
      .sort();
    expect(types).toEqual(['CREDIT_CARD', 'EMAIL']);
    expect(
      (await streamedKeys(bytes, [30, 61], { fingerprintKey: KEY, contentType })).map((k) => k.split('/')[0]),
    ).toEqual(types);
  });

  it('reports what a quoted-printable part holds at its own bytes, soft breaks and escapes included', async () => {
    const part = 'card 4111 1111 =\r\n1111 1111, reach me at grace=40example.or=67=\r\n';
    const bytes = Buffer.from(
      `--XyZ\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${part}\r\n--XyZ--\r\n`,
      'latin1',
    );
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=XyZ' };
    const found = scanBuffer(bytes, options).detections;
    expect(found.map((d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}`)).toEqual([
      'CREDIT_CARD 4111 1111 =\r\n1111 1111',
      'EMAIL grace=40example.or=67',
    ]);
    expect(await streamedKeys(bytes, [bytes.length >> 1], options)).toEqual(found.map(key).sort());
  });

  it('ends a header block at its first empty line, a CRLF one after a line ended by a bare LF too', async () => {
    const bytes = Buffer.from(
      '--XyZ\r\nContent-Type: text/plain\nContent-Encoding: gzip\n\r\nmail ada@example.org\r\n--XyZ--\r\n',
      'latin1',
    );
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=XyZ' };
    const whole = scanBuffer(bytes, options);
    // the part is read as gzip, as it says: not as text whose header block runs on into the e-mail address
    expect(whole.detections).toEqual([]);
    expect(whole.limits.map((l) => l.kind)).toEqual(['corrupt']);
    for (let cut = 1; cut < bytes.length; cut++) {
      const streamed = await scanStream([bytes.subarray(0, cut), bytes.subarray(cut)], options);
      expect(streamed.detections, `cut at ${cut}`).toEqual([]);
      expect(streamed.limits).toEqual(whole.limits);
    }
  });

  it('reads a compressed body sampled without its content-encoding by what it holds, its parts inside the stream', async () => {
    const form = body(
      [
        { value: values[0] as string, encoding: 'plain' },
        { value: values[1] as string, encoding: 'plain' },
      ],
      '\r\n',
      '',
    );
    const options = { fingerprintKey: KEY, contentType: 'multipart/form-data; boundary=XyZ' };
    for (const bytes of [gzipSync(form), zstdFrame(form, 40)]) {
      const whole = scanBuffer(bytes, options).detections.map(key).sort();
      expect(whole.map((k) => k.split('/')[0])).toEqual(['CREDIT_CARD', 'EMAIL']);
      for (const cut of [1, 10, bytes.length >> 1])
        expect(await streamedKeys(bytes, [cut], options), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('scans a body without any part as text', async () => {
    const bytes = Buffer.from('no delimiter here, mail ada@example.org');
    const found = await streamedKeys(bytes, [7, 20], {
      fingerprintKey: KEY,
      contentType: 'multipart/mixed; boundary=XyZ',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^EMAIL/);
  });

  it('shares one decoded-size budget among its gzipped parts, streamed or whole', async () => {
    const part = (n: number): Buffer =>
      gzipSync(Buffer.concat([Buffer.from(`mail: user${n}@example.com\n`), hexLines(400)]));
    const bytes = Buffer.concat([
      ...[0, 1, 2, 3].flatMap((n) => [
        Buffer.from(`--XyZ\r\nContent-Type: application/gzip\r\n\r\n`),
        part(n),
        Buffer.from('\r\n'),
      ]),
      Buffer.from('--XyZ--\r\n'),
    ]);
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=XyZ', maxDecodedBytes: 1 << 20 };
    const whole = scanBuffer(bytes, options);
    // two parts fit, the third is read as far as the budget goes (its address is at its head), the fourth not at all
    expect(whole.detections).toHaveLength(3);
    expect(whole.limits.map((l) => l.kind)).toEqual(['decoded-size', 'decoded-size']);
    const streamed = await scanStream([bytes.subarray(0, 1000), bytes.subarray(1000)], options);
    expect(streamed.detections).toEqual(whole.detections);
    expect(streamed.limits).toEqual(whole.limits);
  });

  it('keeps memory flat on a large plain part fed in small chunks', async () => {
    const unit = Buffer.from('lorem ipsum 42 dolor sit amet, jane.doe@example.com '.repeat(200));
    async function* chunks() {
      yield Buffer.from('--XyZ\r\nContent-Type: text/plain\r\n\r\n');
      for (let i = 0; i < 2000; i++) yield unit;
      yield Buffer.from('\r\n--XyZ--\r\n');
    }
    let count = 0;
    const before = process.memoryUsage().heapUsed;
    await scanStream(chunks(), { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=XyZ' }, (ds) => {
      count += ds.length;
    });
    expect(count).toBe(2000 * 200);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('multipart bodies sampled without their content type', () => {
  const boundary = '------------------------8f1c2b7a9d3e4f50';
  const form = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="customers.csv"',
      'Content-Type: text/csv',
      '',
      'first_name,card_number',
      'Ada,4111111111111111',
      `--${boundary}`,
      'Content-Disposition: form-data; name="note"',
      '',
      'reach me at grace@example.org',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );

  it('are known by their first delimiter and read part by part, streamed or whole', async () => {
    const declared = scanBuffer(form, {
      fingerprintKey: KEY,
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    const sniffed = scanBuffer(form, { fingerprintKey: KEY });
    expect(sniffed.detections.map(key)).toEqual(declared.detections.map(key));
    // the CSV part is read by its header line: the name and the card below their column names
    expect(sniffed.detections.map((d) => d.type).sort()).toEqual(['CREDIT_CARD', 'EMAIL', 'PERSON_NAME']);
    expect(await streamedKeys(form, [7, 60, 130], { fingerprintKey: KEY })).toEqual(sniffed.detections.map(key).sort());
  });

  it('are not mistaken for SQL comments or Markdown rules', () => {
    expect(bodyBoundary(form, undefined)).toEqual({ boundary, sniffed: true });
    expect(bodyBoundary(Buffer.from('-- MySQL dump 10.13\n--\n-- Host: localhost\n'), undefined)).toBeUndefined();
    expect(bodyBoundary(Buffer.from('---\ntitle: notes\n---\n'), undefined)).toBeUndefined();
    expect(bodyBoundary(Buffer.from('--x\r\nContent-Type: text/plain\r\n'), 'multipart/mixed; boundary=y')).toEqual({
      boundary: 'y',
      sniffed: false,
    });
  });

  it('take a level of depth each when nested, so a body nested in itself ends at the depth cap', async () => {
    let body = Buffer.from('mail grace@example.org');
    for (let level = 0; level < 2000; level++)
      body = Buffer.concat([Buffer.from(`--b${level}\r\nContent-Type: application/octet-stream\r\n\r\n`), body]);
    const report = scanBuffer(body, { fingerprintKey: KEY });
    expect(report.detections).toEqual([]);
    expect(report.limits.map((l) => l.kind)).toEqual(['depth']);
    const streamed = await scanStream([body.subarray(0, 100), body.subarray(100)], { fingerprintKey: KEY });
    expect(streamed.detections).toEqual([]);
    expect(streamed.limits).toEqual(report.limits);
    // a declared body with no depth left: reported whole both ways
    const noDepth = { fingerprintKey: KEY, maxDepth: 0, contentType: `multipart/form-data; boundary=${boundary}` };
    const whole = scanBuffer(form, noDepth);
    expect(whole.limits).toEqual([{ kind: 'depth', start: 0, end: form.length }]);
    expect(await scanStream([form.subarray(0, 30), form.subarray(30)], noDepth)).toEqual(whole);
    // three levels fit the default four: the address inside is read, streamed or whole
    const shallow = Buffer.concat([
      Buffer.from('--a\r\nContent-Type: text/plain\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'),
      Buffer.from('--c\r\nContent-Type: text/plain\r\n\r\nmail grace@example.org\r\n--c--\r\n--b--\r\n--a--\r\n'),
    ]);
    expect(scanBuffer(shallow, { fingerprintKey: KEY }).detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(await streamedKeys(shallow, [20, 70], { fingerprintKey: KEY })).toEqual(
      scanBuffer(shallow, { fingerprintKey: KEY }).detections.map(key),
    );
  });
});

describe('multipart/form-data fields', () => {
  const contentType = 'multipart/form-data; boundary=XyZ';
  /** A form posted as `new FormData(form)` sends it: one part per field, named in its disposition. */
  const form = (fields: [string, string][], eol = '\r\n'): Buffer =>
    Buffer.from(
      `${fields.map(([disposition, value]) => `--XyZ${eol}Content-Disposition: form-data; ${disposition}${eol}${eol}${value}${eol}`).join('')}--XyZ--${eol}`,
    );
  const found = (bytes: Buffer): string[] =>
    scanBuffer(bytes, { fingerprintKey: KEY, contentType }).detections.map(
      (d) => `${d.type} ${bytes.toString('utf8', d.start, d.end)}`,
    );

  it("reads a part named like a field as that field's value, at its own bytes", () => {
    const bytes = form([
      ['name="first_name"', 'Ada'],
      ['name="user[last_name]"', 'Lovelace'],
      ['name="street"', '12 High Street'],
      ['name="plan"', 'Ada Pro'],
    ]);
    expect(found(bytes)).toEqual(['PERSON_NAME Ada', 'PERSON_NAME Lovelace', 'STREET_ADDRESS 12 High Street']);
    // the same fingerprint as the same field posted as a form
    const fingerprints = (b: Buffer, options = {}) =>
      scanBuffer(b, { fingerprintKey: KEY, ...options }).detections.map((d) => d.fingerprint);
    expect(fingerprints(bytes, { contentType })[0]).toBe(fingerprints(Buffer.from('first_name=Ada'))[0]);
  });

  it('reads no file part, no encoded part and no name that is no key as a field', () => {
    const bytes = form([
      ['name="first_name"; filename="first_name.txt"', 'Ada'],
      ['name="first name"', 'Ada'],
    ]);
    expect(found(bytes)).toEqual([]);
    const encoded = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="first_name"\r\nContent-Transfer-Encoding: base64\r\n\r\nQWRh\r\n--XyZ--\r\n',
    );
    expect(found(encoded)).toEqual([]);
    // the name is a key for the part's plain text only: what a compressed part holds is read as it is
    const gz = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="street"\r\n\r\n'),
      gzipSync('12 High Street'),
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    expect(found(gz)).toEqual([]);
  });

  it('finds the same streamed, however the body is chunked', async () => {
    const bytes = form(
      [
        ['name="first_name"', 'Ada'],
        ['name="email"', 'ada@example.org'],
        ['name="street"', '12 High Street'],
      ],
      '\n',
    );
    const whole = scanBuffer(bytes, { fingerprintKey: KEY, contentType }).detections.map(key).sort();
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(await streamedKeys(bytes, [cut], { fingerprintKey: KEY, contentType }), `cut at ${cut}`).toEqual(whole);
  });
});
