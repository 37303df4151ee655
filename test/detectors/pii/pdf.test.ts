import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Detection, LimitKind, scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { isPdf, packedObjects, pdfObjects, unicodeStrings } from '../../../detectors/pii/pdf.js';
import { lz4Frame } from '../../support/lz4-writer.js';
import { ascii85, HELVETICA, pageOf, pdfOf, toUnicode } from '../../support/pdf-writer.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';
import { zstdFrame } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../fixtures/pii/customer-record.${name}.pdf`, import.meta.url));
const scan = (pdf: Buffer, maxDecodedBytes?: number) => scanBuffer(pdf, { fingerprintKey: KEY, maxDecodedBytes });
const types = (detections: Detection[]): string[] => detections.map((d) => d.type).sort();
/** The object whose stream holds `[start, end)` of the file. */
const streamAt = (pdf: Buffer, d: Detection) =>
  [...pdfObjects(pdf.toString('latin1')).values()].find((o) => o.stream?.start === d.start && o.stream.end === d.end);

describe('PDF files from real producers', () => {
  const customer = ['CREDIT_CARD', 'EMAIL', 'IBAN', 'PHONE'];

  it('Chromium (Type0 fonts, kerned pieces): every page, each at the range of its content stream', () => {
    const pdf = fixture('chromium');
    const { detections, limits } = scan(pdf);
    expect(limits).toEqual([]);
    expect(types(detections)).toEqual([...customer, 'CREDIT_CARD', 'EMAIL'].sort());
    for (const d of detections) expect(streamAt(pdf, d)?.body).toMatch(/FlateDecode/);
    // the creator string names the browser as `HeadlessChrome/156.0.0.0`: no IP address
    expect(pdf.toString('latin1')).toMatch(/Chrome\/\d+\.0\.0\.0/);
    expect(detections.filter((d) => d.type === 'IP_ADDRESS')).toEqual([]);
  });

  it('pdf-lib (object streams, a filled form field): the drawn text, the field value and its appearance', () => {
    const pdf = fixture('pdf-lib');
    const { detections } = scan(pdf);
    const field = detections.filter((d) => d.type === 'EMAIL' && streamAt(pdf, d)?.body.includes('/ObjStm'));
    expect(field).toHaveLength(1);
    const drawn = detections.filter((d) => streamAt(pdf, d)?.body.includes('/Subtype /Form'));
    expect(types(drawn)).toEqual(['EMAIL', 'EMAIL']);
    // one person's address, stored three times: one fingerprint
    expect(new Set([...field, ...drawn].map((d) => d.fingerprint)).size).toBe(1);
    // the `Name:` line beside the `Email:` one is the customer's name
    expect(types(detections.filter((d) => !field.includes(d) && !drawn.includes(d)))).toEqual(
      [...customer, 'PERSON_NAME'].sort(),
    );
  });

  it('PDFKit (kerning arrays): the same customer, and none of the look-alikes', () => {
    const { detections } = scan(fixture('pdfkit'));
    expect(types(detections)).toEqual([...customer, 'PERSON_NAME'].sort());
  });

  it('reads a file streamed in pieces exactly as a whole one', async () => {
    for (const name of ['chromium', 'pdf-lib', 'pdfkit']) {
      const pdf = fixture(name);
      const cuts = Array.from({ length: Math.floor(pdf.length / 997) }, (_, k) => (k + 1) * 997);
      expect(await streamedKeys(pdf, cuts, { fingerprintKey: KEY })).toEqual(
        scan(pdf).detections.map(detectionKey).sort(),
      );
    }
  });
});

describe('a PDF inside a compressed frame', () => {
  it('is decompressed first, though `%PDF-` shows within the head of a frame that stores it raw', async () => {
    const pdf = fixture('pdfkit');
    const upload = (frame: Buffer) =>
      Buffer.concat([Buffer.from('PUT /upload HTTP/1.1\r\nContent-Type: application/octet-stream\r\n\r\n'), frame]);
    for (const frame of [gzipSync(pdf, { level: 0 }), zstdFrame(pdf, 300), lz4Frame(pdf, 300)]) {
      expect(frame.subarray(0, 64).includes('%PDF-')).toBe(true);
      for (const body of [frame, upload(frame)]) {
        const { detections, limits } = scan(body);
        expect(limits).toEqual([]);
        expect(types(detections)).toEqual(['CREDIT_CARD', 'EMAIL', 'IBAN', 'PERSON_NAME', 'PHONE']);
        const cuts = [9, 100, 1000].filter((c) => c < body.length);
        expect(await streamedKeys(body, cuts, { fingerprintKey: KEY })).toEqual(detections.map(detectionKey).sort());
      }
    }
  });
});

describe('a PDF sent as an e-mail attachment', () => {
  it('is read through the message, its part and its base64, streamed or whole', async () => {
    const pdf = fixture('chromium');
    const mail = Buffer.from(
      [
        'From: ops@example.net',
        'To: someone@example.org',
        'Subject: export',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'see attached',
        '--b1',
        'Content-Type: application/pdf; name="customers.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const { detections } = scan(mail);
    const part = mail.indexOf('JVBERi0');
    const inPdf = detections.filter((d) => d.start === part);
    expect(types(inPdf)).toEqual(['CREDIT_CARD', 'CREDIT_CARD', 'EMAIL', 'EMAIL', 'IBAN', 'PHONE']);
    const cuts = Array.from({ length: 40 }, (_, k) => (k + 1) * 1009);
    expect(await streamedKeys(mail, cuts, { fingerprintKey: KEY })).toEqual(detections.map(detectionKey).sort());
  });
});

describe('pdfObjects', () => {
  it('finds objects and stream data, skipping bytes inside a stream that look like an object', () => {
    const fake = Buffer.from('junk 9 0 obj << /Type /Page >> endobj more');
    const pdf = pdfOf(
      [
        { id: 1, dict: '<< /Type /Catalog >>' },
        { id: 2, dict: '<< >>', stream: fake, deflate: false },
      ],
      1,
    );
    const objects = pdfObjects(pdf.toString('latin1'));
    expect([...objects.keys()].sort()).toEqual([1, 2]);
    const stream = objects.get(2)?.stream;
    expect(pdf.subarray(stream?.start, stream?.end)).toEqual(fake);
  });

  it('finds a stream by its indirect length, and by `endstream` when the length is wrong', () => {
    const data = 'BT (x) Tj ET';
    const text = `%PDF-1.4\n1 0 obj\n<< /Length 2 0 R >>\nstream\n${data}\nendstream\nendobj\n2 0 obj\n${data.length}\nendobj\n3 0 obj\n<< /Length 999 >>\nstream\n${data}\r\nendstream\nendobj\n`;
    const objects = pdfObjects(text);
    for (const id of [1, 3]) {
      const s = objects.get(id)?.stream;
      expect(text.slice(s?.start, s?.end)).toBe(data);
    }
  });

  it('unpacks an object stream', () => {
    const packed = packedObjects('<< /Type /ObjStm /N 2 /First 9 >>', '5 0 6 11\n<< /A 1 >> << /B (x) >>');
    expect(packed.map((o) => [o.id, o.body.trim()])).toEqual([
      [5, '<< /A 1 >>'],
      [6, '<< /B (x) >>'],
    ]);
  });

  it('decodes UTF-16 strings, hex or literal, and leaves Latin-1 ones', () => {
    const hex = `<FEFF${Buffer.from('Zoë', 'utf16le').swap16().toString('hex')}>`;
    const text = `/T ${hex} /V (\\376\\377\\000A\\000d\\000a) /X (plain)`;
    expect(unicodeStrings(text).map((s) => [s.value, text.slice(s.start, s.end)])).toEqual([
      ['Zoë', hex],
      ['Ada', '(\\376\\377\\000A\\000d\\000a)'],
    ]);
  });
});

describe('scanning a PDF', () => {
  /** A Type0 font (two-byte codes) whose ToUnicode map sends code 0x10 + d to the digit d and 3 to a space. */
  const type0 = (packed: boolean) => [
    {
      id: 10,
      dict: '<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [11 0 R] /ToUnicode 12 0 R >>',
      packed,
    },
    { id: 11, dict: '<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [3 [250] 16 25 1000] >>', packed },
    { id: 12, dict: '<< >>', stream: toUnicode([[3, ' ']], [[0x10, 0x19, '0']]) },
  ];
  const digits = (s: string): string =>
    [...s].map((c) => (c === ' ' ? '0003' : (0x10 + Number(c)).toString(16).padStart(4, '0'))).join('');

  it('reads a card number drawn in pieces through a packed Type0 font, and nothing where there is none', () => {
    // "4111 1111…" at 10 units a digit, 2.5 a space: each piece starts where the last one ended
    const content = (first: string): string =>
      `BT /F1 10 Tf 1 0 0 1 0 0 Tm <${digits(first)}> Tj 20 0 Td <${digits('11 1')}> Tj 32.5 0 Td <${digits('111 1111 1111')}> Tj ET`;
    for (const packed of [false, true]) {
      const fonts = [...type0(packed), HELVETICA(13, packed)];
      const pdf = pageOf(`BT /F2 9 Tf (card) Tj ET ${content('41')}`, { F1: 10, F2: 13 }, fonts, { packed });
      expect(types(scan(pdf).detections)).toEqual(['CREDIT_CARD']);
    }
    // the same pieces failing the Luhn check
    const other = pageOf(`BT /F2 9 Tf (card) Tj ET ${content('42')}`, { F1: 10, F2: 13 }, [
      ...type0(false),
      HELVETICA(13),
    ]);
    expect(scan(other).detections).toEqual([]);
  });

  it('reads an unfiltered content stream once, through its drawing, at the stream range', () => {
    const pdf = pageOf('BT /F1 10 Tf (ada@example.com) Tj ET', { F1: 5 }, [HELVETICA(5)], { deflate: false });
    const { detections } = scan(pdf);
    expect(types(detections)).toEqual(['EMAIL']);
    expect(streamAt(pdf, detections[0] as Detection)).toBeDefined();
  });

  it("reads the file's own dictionaries in place: document information and an unfiltered XML metadata stream", () => {
    const xmp = '<x:xmpmeta><dc:creator>grace@example.org</dc:creator></x:xmpmeta>';
    const pdf = pageOf('BT ET', {}, [
      { id: 8, dict: '<< /Type /Metadata /Subtype /XML >>', stream: xmp, deflate: false },
      {
        id: 9,
        dict: `<< /Author (ada@example.com) /Title <FEFF${Buffer.from('zoe@example.net', 'utf16le').swap16().toString('hex')}> >>`,
      },
    ]);
    const { detections } = scan(pdf);
    expect(detections.map((d) => pdf.toString('latin1', d.start, d.end))).toEqual([
      'grace@example.org',
      'ada@example.com',
      expect.stringMatching(/^<FEFF/),
    ]);
  });

  it('reads content streams wrapped in ASCII base-85 or hex by PostScript-born producers', () => {
    const content = 'BT /F1 10 Tf (ada@example.com) Tj ET';
    const wrapped = [
      ['[/ASCII85Decode /FlateDecode]', ascii85(deflateSync(content))],
      ['/ASCIIHexDecode', `${Buffer.from(content).toString('hex')}>`],
    ] as const;
    for (const [filters, data] of wrapped) {
      const page = pdfOf(
        [
          { id: 1, dict: '<< /Type /Catalog /Pages 2 0 R >>' },
          { id: 2, dict: '<< /Type /Pages /Kids [3 0 R] /Resources << /Font << /F1 5 0 R >> >> >>' },
          { id: 3, dict: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>' },
          { id: 4, dict: `<< /Filter ${filters} >>`, stream: data, deflate: false },
          HELVETICA(5),
        ],
        1,
      );
      expect(types(scan(page).detections), filters).toEqual(['EMAIL']);
    }
  });

  it('reports a stream under a filter it cannot undo, and an encrypted file, as unreadable', () => {
    const ascii85 = pdfOf(
      [
        { id: 1, dict: '<< /Type /Catalog >>' },
        {
          id: 2,
          dict: '<< /Subtype /Form /Filter /LZWDecode >>',
          stream: '9jqo^BlbD-BleB1DJ+*+F(f,q~>',
          deflate: false,
        },
        { id: 3, dict: '<< /Subtype /Image /Filter /DCTDecode >>', stream: '\xff\xd8\xff', deflate: false },
      ],
      1,
    );
    const o = pdfObjects(ascii85.toString('latin1')).get(2)?.stream;
    expect(scan(ascii85).limits).toEqual([{ kind: LimitKind.UNREADABLE, start: o?.start, end: o?.end }]);
    const encrypted = pdfOf(
      [
        { id: 1, dict: '<< /Type /Catalog >>' },
        { id: 2, dict: '<< /Filter /Standard /V 2 >>' },
      ],
      1,
      ' /Encrypt 2 0 R',
    );
    expect(scan(encrypted).limits).toEqual([{ kind: LimitKind.UNREADABLE, start: 0, end: encrypted.length }]);
  });

  it('reports a stream that inflates past the decoded-size cap as a bomb, and reads the rest', () => {
    const bomb = deflateSync(Buffer.alloc(4 * 1024 * 1024, 32));
    const pdf = pageOf('BT /F1 10 Tf (ada@example.com) Tj ET', { F1: 5 }, [
      HELVETICA(5),
      { id: 6, dict: '<< /Subtype /Form /Filter /FlateDecode >>', stream: bomb, deflate: false },
      // a stream no drawing uses (a colour profile, a font) is not even inflated
      { id: 7, dict: '<< /Filter /FlateDecode >>', stream: bomb, deflate: false },
    ]);
    const { detections, limits } = scan(pdf, 1024 * 1024);
    expect(types(detections)).toEqual(['EMAIL']);
    expect(limits.map((l) => l.kind)).toEqual([LimitKind.BOMB]);
  });

  it('reads a stream repeated in one page once, and counts a stream drawn by several pages against the cap', () => {
    const text = 'BT /F1 10 Tf (ada@example.com) Tj ET';
    const pages = (contents: string[], maxDecodedBytes?: number) => {
      const kids = contents.map((_, k) => `${10 + k} 0 R`).join(' ');
      return scan(
        pdfOf(
          [
            { id: 1, dict: '<< /Type /Catalog /Pages 2 0 R >>' },
            { id: 2, dict: `<< /Type /Pages /Kids [${kids}] /Resources << /Font << /F1 5 0 R >> >> >>` },
            HELVETICA(5),
            { id: 6, dict: '<< >>', stream: text },
            { id: 7, dict: '<< >>', stream: ' '.repeat(4000) },
            ...contents.map((c, k) => ({ id: 10 + k, dict: `<< /Type /Page /Parent 2 0 R /Contents ${c} >>` })),
          ],
          1,
        ),
        maxDecodedBytes,
      );
    };
    expect(types(pages(['[6 0 R 6 0 R 6 0 R]']).detections)).toEqual(['EMAIL']);
    // the same pair of streams in two orders: two drawings, the second a re-read
    expect(types(pages(['[6 0 R 7 0 R]', '[7 0 R 6 0 R]']).detections)).toEqual(['EMAIL', 'EMAIL']);
    const capped = pages(['[6 0 R 7 0 R]', '[7 0 R 6 0 R]'], 6000);
    expect(types(capped.detections)).toEqual(['EMAIL']);
    expect(capped.limits.map((l) => l.kind)).toEqual([LimitKind.DECODED_SIZE]);
  });

  it('says so when the cap is spent by the time a decoded stream would be read', () => {
    const content = 'BT /F1 10 Tf (ada@example.com) Tj ET';
    const pdf = pageOf(content, { F1: 5 }, [HELVETICA(5)]);
    const { detections, limits } = scan(pdf, content.length);
    expect(detections).toEqual([]);
    expect(limits.map((l) => l.kind)).toEqual([LimitKind.DECODED_SIZE]);
  });

  it('reports depth instead of reading a PDF nested too deep', () => {
    const pdf = pageOf('BT ET', {});
    expect(scanBuffer(pdf, { fingerprintKey: KEY, maxDepth: 0 }).limits).toEqual([
      { kind: LimitKind.DEPTH, start: 0, end: pdf.length },
    ]);
  });

  it('sniffs the header within the first bytes only', () => {
    expect(isPdf(Buffer.from('\n\n%PDF-1.7\n'), 64)).toBe(true);
    expect(isPdf(Buffer.from(`${' '.repeat(80)}%PDF-1.7`), 64)).toBe(false);
  });

  it('never throws on a file cut short or damaged anywhere, and streams it as it reads it whole', async () => {
    const pdf = fixture('pdf-lib');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(pdf.length),
        fc.array(fc.tuple(fc.nat(pdf.length - 1), fc.nat(255)), { maxLength: 6 }),
        fc.array(fc.nat(pdf.length), { maxLength: 4 }),
        async (cut, damage, cuts) => {
          const bytes = Buffer.from(pdf.subarray(0, cut));
          for (const [at, b] of damage) if (at < bytes.length) bytes[at] = b;
          const whole = scan(bytes);
          expect(whole.bytes).toBe(bytes.length);
          expect(
            await streamedKeys(
              bytes,
              cuts.filter((c) => c < bytes.length),
              { fingerprintKey: KEY },
            ),
          ).toEqual(whole.detections.map(detectionKey).sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on PDF syntax in any order, or random bytes, after a header', () => {
    const token = fc.constantFrom(
      ...['1 0 obj', '2 0 obj', 'endobj', '<<', '>>', 'stream\n', '\nendstream', '/Length 3', '/Length 2 0 R'],
      ...['/Type /Page', '/Contents [1 0 R 2 0 R]', '/Resources << /Font << /F1 2 0 R >> >>', '/ToUnicode 1 0 R'],
      ...['/Type /ObjStm /N 2 /First 4', '/Filter /FlateDecode', '/Subtype /Form', '/Encrypt 1 0 R', 'trailer'],
      ...['(', ')', '\\', '<FEFF0041', '>', '[', ']', 'BT /F1 9 Tf (ada@example.com) Tj ET', 'beginbfchar'],
    );
    const part = fc.oneof(
      token,
      fc.string({ maxLength: 6 }),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
        const pdf = Buffer.from(`%PDF-1.7\n${parts.join(' ')}`, 'latin1');
        expect(scan(pdf).bytes).toBe(pdf.length);
      }),
      { numRuns: 300 },
    );
  });

  it('streams a PDF through scanStream with the same report as scanBuffer', async () => {
    const pdf = fixture('chromium');
    const streamed = await scanStream([pdf.subarray(0, 10), pdf.subarray(10)], { fingerprintKey: KEY });
    expect(streamed.detections).toEqual(scan(pdf).detections);
    expect(streamed.bytes).toBe(pdf.length);
  });
});
