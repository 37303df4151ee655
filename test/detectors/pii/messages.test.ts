import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dechunk } from '../../../detectors/pii/chunked.js';
import { createScanner, type Detection, LimitKind, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { quotedPrintable } from '../../support/quoted-printable.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const key = detectionKey;
const CRLF = '\r\n';

/** An e-mail as a mail client sends it: mixed, holding an alternative (text and HTML, quoted-printable) and a CSV attachment (base64). */
function message(eol = CRLF): Buffer {
  const text = quotedPrintable(Buffer.from('Hi, the card on file is 4111 1111 1111 1111, thanks.'), eol, 20);
  const html = quotedPrintable(
    Buffer.from('<p>Reach Grace at <a href="mailto:grace@example.org">her</a></p>'),
    eol,
    30,
  );
  const csv = Buffer.from('first_name,card_number\nRenée,5500005555555559\n').toString('base64');
  const lines = [
    'Received: from mail.example.com by mx.example.net; Tue, 24 Nov 2026 10:00:00 +0000',
    'From: "Ops" <ops@example.com>',
    'To: "Ada Lovelace" <ada@example.com>',
    'Subject: export',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed;',
    '\tboundary="mixed-1"',
    '',
    'This is a multi-part message in MIME format.',
    '--mixed-1',
    'Content-Type: multipart/alternative; boundary="alt-2"',
    '',
    '--alt-2',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    text.toString('latin1'),
    '--alt-2',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    html.toString('latin1'),
    '--alt-2--',
    '',
    '--mixed-1',
    'Content-Type: text/csv; name="export.csv"',
    'Content-Disposition: attachment; filename="export.csv"',
    'Content-Transfer-Encoding: base64',
    '',
    csv,
    '--mixed-1--',
    '',
  ];
  return Buffer.from(lines.join(eol), 'latin1');
}

const scan = (bytes: Buffer) => scanBuffer(bytes, { fingerprintKey: KEY });
const types = (ds: Detection[]): string[] => ds.map((d) => d.type).sort();

describe('e-mail messages', () => {
  it('reads the headers as text and the body part by part, nested alternatives and encodings undone', () => {
    const bytes = message();
    const found = scan(bytes).detections;
    expect(types(found)).toEqual([
      'CREDIT_CARD',
      'CREDIT_CARD',
      'EMAIL',
      'EMAIL',
      'EMAIL',
      'PERSON_NAME',
      'PERSON_NAME',
    ]);
    // an address in a header is reported at its own bytes, and its display name at its own
    const at = bytes.indexOf('ada@example.com');
    expect(found.some((d) => d.type === 'EMAIL' && d.start === at && d.end === at + 15)).toBe(true);
    const name = bytes.indexOf('Ada Lovelace');
    expect(found.some((d) => d.type === 'PERSON_NAME' && d.start === name && d.end === name + 12)).toBe(true);
    // the plain text part's card was cut by a soft break: it is found only once the part is decoded
    expect(types(createScanner({ fingerprintKey: KEY }).write(bytes))).not.toContain('CREDIT_CARD');
  });

  it('decodes a single-part quoted-printable message body', () => {
    const body = quotedPrintable(Buffer.from('IBAN DE89 3704 0044 0532 0130 00 and ada@example.com'), '\n', 16);
    const bytes = Buffer.concat([
      Buffer.from('From: a@example.com\nContent-Transfer-Encoding: quoted-printable\n\n'),
      body,
    ]);
    expect(types(scan(bytes).detections)).toEqual(['EMAIL', 'EMAIL', 'IBAN']);
  });

  it('reads a message whose body is plain text, or a text that only starts like one, as text', () => {
    for (const text of [
      'From: ada@example.com\n\nplain card 4111111111111111\n',
      'Date: 2024-01-01\nssn: 536-22-8735\n',
    ]) {
      const bytes = Buffer.from(text);
      const s = createScanner({ fingerprintKey: KEY });
      expect(scan(bytes).detections.map(key)).toEqual([...s.write(bytes), ...s.end()].map(key));
    }
  });

  it('reports a multipart nesting deeper than the depth cap, without recursing through it', () => {
    let body = 'card 4111111111111111';
    for (let level = 0; level < 5000; level++)
      body = `--b${level}\r\nContent-Type: multipart/mixed; boundary=b${level - 1}\r\n\r\n${body}\r\n--b${level}--`;
    const bytes = Buffer.from(`Content-Type: multipart/mixed; boundary=b4999\r\n\r\n${body}`);
    const report = scan(bytes);
    expect(report.limits.some((l) => l.kind === LimitKind.DEPTH)).toBe(true);
  });

  it('honours a part charset of UTF-16', () => {
    const part = Buffer.from('mail ada@example.com', 'utf16le');
    const bytes = Buffer.concat([
      Buffer.from(
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain; charset=utf-16le\n\n',
      ),
      part,
      Buffer.from('\n--x--\n'),
    ]);
    expect(types(scan(bytes).detections)).toEqual(['EMAIL']);
  });

  it('never throws on mangled messages, and streams them to what scanBuffer finds', async () => {
    const piece = fc.constantFrom(
      'From: ada@example.com\r\n',
      'Content-Type: multipart/mixed; boundary=b\r\n',
      'Content-Type: multipart/alternative;\r\n boundary="c"\r\n',
      'Content-Transfer-Encoding: quoted-printable\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      '\r\n',
      '\n',
      '--b\r\n',
      '--c--\r\n',
      'card 4111 1111 =\r\n1111 1111 ',
      'ada=40example.com ',
      'QUJDIGdyYWNlQGV4YW1wbGUub3Jn\r\n',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (pieces, raw) => {
          const bytes = Buffer.from(`To: x@example.org\r\n${pieces.join('')}`, 'latin1');
          const whole = scan(bytes).detections.map(key).sort();
          const cuts = raw.map((c) => c % bytes.length);
          expect(await streamedKeys(bytes, cuts, { fingerprintKey: KEY })).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the same when the message streams in chunks, however it is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(CRLF, '\n'), fc.array(fc.nat(), { maxLength: 8 }), async (eol, raw) => {
        const bytes = message(eol);
        const whole = scan(bytes).detections.map(key).sort();
        const cuts = raw.map((c) => c % bytes.length);
        expect(await streamedKeys(bytes, cuts, { fingerprintKey: KEY })).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });
});

/** `data` in HTTP/1.1 chunks of the given sizes (the last one takes the rest), a zero chunk closing it. */
function chunked(data: Buffer, sizes: number[]): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (const size of [...sizes, data.length]) {
    const piece = data.subarray(at, at + Math.max(1, size));
    if (piece.length === 0) break;
    out.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
    at += piece.length;
  }
  out.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(out);
}

/** A raw HTTP request: a query string with an address, a gzip JSON body sent in chunks. */
function request(sizes: number[]): Buffer {
  const json = gzipSync(Buffer.from('{"email":"grace@example.org","card_number":"4111111111111111"}'));
  const head =
    'POST /api/export?contact=ada%40example.com HTTP/1.1\r\nHost: collector.example.net\r\n' +
    'Content-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n';
  return Buffer.concat([Buffer.from(head), chunked(json, sizes)]);
}

describe('raw HTTP messages', () => {
  it('reads the request line as text and the body dechunked and inflated, at the body range', () => {
    const bytes = request([7, 20]);
    const found = scan(bytes).detections;
    expect(types(found)).toEqual(['CREDIT_CARD', 'EMAIL', 'EMAIL']);
    const at = bytes.indexOf('ada%40example.com');
    expect(found.some((d) => d.type === 'EMAIL' && d.start === at)).toBe(true);
    const bodyStart = bytes.indexOf('\r\n\r\n') + 4;
    expect(found.filter((d) => d.start === bodyStart && d.end === bytes.length)).toHaveLength(2);
  });

  it('joins a plain chunked body, so a value cut between two chunks is read whole', () => {
    const json = Buffer.from('{"card_number":"4111111111111111"}');
    const bytes = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
      chunked(json, [24]),
    ]);
    expect(bytes.toString()).toContain('41111111\r\n');
    expect(types(scan(bytes).detections)).toEqual(['CREDIT_CARD']);
  });

  it('reads a multipart response part by part, and a body that only claims to be chunked as it is', () => {
    const response = Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n\r\n' +
        '--XyZ\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        `${Buffer.from('iban DE89370400440532013000').toString('base64')}\r\n--XyZ--\r\n`,
    );
    expect(types(scan(response).detections)).toEqual(['IBAN']);
    const notChunked = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nmail ada@example.com\r\n');
    expect(types(scan(notChunked).detections)).toEqual(['EMAIL']);
  });

  it('dechunks what arrived of a capture cut short, and round-trips any chunking', () => {
    expect(dechunk(Buffer.from('5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n'))?.toString()).toBe(
      'hello world',
    );
    expect(dechunk(Buffer.from('5\r\nhello\r\n6\r\n wo'))?.toString()).toBe('hello wo');
    expect(dechunk(Buffer.from('mail ada@example.com'))).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 })), (data, sizes) => {
        const bytes = Buffer.from(data);
        expect(dechunk(chunked(bytes, sizes))?.equals(bytes)).toBe(true);
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (data) => void dechunk(Buffer.from(data))));
  });

  it("reads an uploaded file's body by what it is: a ZIP, a tar, an application/gzip file, a CSV by its header", async () => {
    const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
    const csv = Buffer.from('first_name,card_number\nAda,4111111111111111\nGrace,5500005555555559\n');
    const uploads: [Buffer, string][] = [
      [fixture('customers-export.zip'), 'application/zip'],
      [fixture('customers-export.tar'), 'application/x-tar'],
      [gzipSync(csv), 'application/gzip'],
      [csv, 'text/csv'],
    ];
    for (const [file, contentType] of uploads) {
      const head = `PUT /upload/export HTTP/1.1\r\nHost: files.example.net\r\nContent-Type: ${contentType}\r\n\r\n`;
      const bytes = Buffer.concat([Buffer.from(head), file]);
      const found = scan(bytes).detections;
      // as the file alone finds, at the body's offsets (a compressed one at the body's range)
      const alone = scanBuffer(file, { fingerprintKey: KEY }).detections;
      expect(found.map((d) => `${d.type} ${d.fingerprint}`).sort()).toEqual(
        alone.map((d) => `${d.type} ${d.fingerprint}`).sort(),
      );
      expect(found.every((d) => d.start >= head.length)).toBe(true);
      expect(alone.length).toBeGreaterThanOrEqual(4);
      expect(await streamedKeys(bytes, [5, head.length + 3, head.length + 600], { fingerprintKey: KEY })).toEqual(
        found.map(key).sort(),
      );
    }
    // what the body cannot be read as is said at the body's range, streamed or whole
    // 7z's signature header (7zFormat.txt), a version, and what would follow it
    const sevenZip = Buffer.concat([Buffer.from('377abcaf271c0004', 'hex'), Buffer.alloc(600, 0x5a)]);
    const head = 'PUT /upload/export.7z HTTP/1.1\r\nContent-Type: application/x-7z-compressed\r\n\r\n';
    const bytes = Buffer.concat([Buffer.from(head), sevenZip]);
    const limits = [{ kind: LimitKind.UNREADABLE, start: head.length, end: bytes.length }];
    expect(scan(bytes).limits).toEqual(limits);
    expect((await scanStream([bytes.subarray(0, 9), bytes.subarray(9)], { fingerprintKey: KEY })).limits).toEqual(
      limits,
    );
  });

  it('finds the same when a request streams in chunks, however it is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (sizes, raw) => {
          const bytes = request(sizes);
          const whole = scan(bytes).detections.map(key).sort();
          expect(whole).toHaveLength(3);
          const cuts = raw.map((c) => c % bytes.length);
          expect(await streamedKeys(bytes, cuts, { fingerprintKey: KEY })).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });
});
