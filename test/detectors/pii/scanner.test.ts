import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import snappyjs from 'snappyjs';
import { describe, expect, it } from 'vitest';
import {
  createScanner,
  type Detection,
  FingerprintKeyError,
  LimitKind,
  RECOGNIZERS,
  scanBuffer,
  scanStream,
} from '../../../detectors/pii/index.js';
import { sameWhenChunked } from '../../support/pii-tables.js';
import { hexLines } from '../../support/streamed.js';
import { tarOf } from '../../support/tar-writer.js';
import { zipOf } from '../../support/zip-writer.js';
import { zstdBomb, zstdFrame, zstdWindow } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const key = (d: Detection): string => `${d.type}/${d.fineType}@${d.start}-${d.end}#${d.fingerprint}`;

function scanChunks(bytes: Buffer, cuts: number[]): Detection[] {
  const s = createScanner({ fingerprintKey: KEY });
  const out: Detection[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...s.write(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...s.write(bytes.subarray(at)), ...s.end());
  return out;
}

const examples = RECOGNIZERS.flatMap((r) => r.examples.match);
const filler = [
  'order ORD-2024-000123 ',
  '{"ts":"2024-03-15T14:30:00Z","v":"4.18.2"} ',
  'qty=3&sku=SKU-88213\n',
  '<first_name>Ada Lovelace</first_name>',
  '<ns:address_line1>12 High St</ns:address_line1>',
  '<m:lastName><![CDATA[Lovelace]]></m:lastName>',
  'card_number=4111+1111+1111+1111&iban=DE89+3704+0044+0532+0130+00&',
  '\ngivenName: Ada Lovelace\n',
  '\n  address2: 12 High St\n',
  `\n${' '.repeat(24)}givenName: Grace\n`,
  '<c FirstName="Ada" street=\'12 High St\'/>',
  'level=info last_name=Lovelace street="1 Main St" ',
  'a=1&street=12 High Street b=2',
  '\n  password = "hunter2Secret"\n',
  '\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  ' ',
  ',',
  '"',
  'x',
];
const body = fc
  .array(fc.oneof(fc.constantFrom(...examples), fc.constantFrom(...filler), fc.string({ maxLength: 12 })), {
    maxLength: 24,
  })
  .map((parts) => Buffer.from(parts.join(' '), 'utf8'));

describe('createScanner', () => {
  it('reports the same detections however the input is chunked', () => {
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 6 }), (bytes, raw) => {
        const cuts = [...new Set(raw.map((c) => (bytes.length ? c % bytes.length : 0)))];
        const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(key).sort();
        expect(scanChunks(bytes, cuts).map(key).sort()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('gives each of two scanners fed in turn what it finds alone (they share one compiled engine)', () => {
    fc.assert(
      fc.property(body, body, fc.integer({ min: 1, max: 64 }), (a, b, step) => {
        const alone = (bytes: Buffer): string[] => scanChunks(bytes, []).map(key).sort();
        const [sa, sb] = [createScanner({ fingerprintKey: KEY }), createScanner({ fingerprintKey: KEY })];
        const fa: Detection[] = [];
        const fb: Detection[] = [];
        for (let at = 0; at < Math.max(a.length, b.length); at += step) {
          fa.push(...sa.write(a.subarray(at, at + step)));
          fb.push(...sb.write(b.subarray(at, at + step)));
        }
        fa.push(...sa.end());
        fb.push(...sb.end());
        expect(fa.map(key).sort()).toEqual(alone(a));
        expect(fb.map(key).sort()).toEqual(alone(b));
      }),
      { numRuns: 100 },
    );
  });

  it('reads a context word that starts in the lookahead whole, wherever a chunk ends inside it', () => {
    // fast-check found this: cut inside `account_number`, the first 9-digit value lost its context word
    const bytes = Buffer.from('order ORD-2024-000123  itin=911701234 account_number=12345678');
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(key).sort();
    expect(whole.filter((k) => k.startsWith('BANK_ACCOUNT/'))).toHaveLength(2);
    for (let cut = 1; cut < bytes.length; cut++) expect(scanChunks(bytes, [cut]).map(key).sort()).toEqual(whole);
  });

  it('reads a PEM header alone, so a token after it is found once and whole under any chunking', () => {
    // fast-check found this: the header's window ran 128 bytes on and cut a JWT short at the chunk's end
    const jwt = RECOGNIZERS.find((r) => r.id === 'jwt')?.examples.match[0] ?? '';
    const bytes = Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA  ${jwt}`);
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    expect(whole.map((d) => d.fineType).sort()).toEqual(['JWT', 'PRIVATE_KEY']);
    expect(whole.find((d) => d.fineType === 'JWT')?.end).toBe(bytes.length);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(scanChunks(bytes, [cut]).map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('reads UTF-16 bodies and base64 of UTF-16 text (PowerShell -EncodedCommand), reported at the decoded range', () => {
    const text = 'contact jane.doe@example.com, card 4111 1111 1111 1111';
    const want = ['CREDIT_CARD', 'EMAIL'];
    for (const body of [
      Buffer.from(text, 'utf16le'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(text, 'utf16le').swap16(),
    ]) {
      const { detections } = scanBuffer(body, { fingerprintKey: KEY });
      expect(detections.map((d) => d.type).sort()).toEqual(want);
      expect(detections.every((d) => d.start === 0 && d.end === body.length)).toBe(true);
    }
    const encoded = Buffer.from(text, 'utf16le').toString('base64');
    const command = Buffer.from(`powershell.exe -NoProfile -EncodedCommand ${encoded}\n`);
    const inline = scanBuffer(command, { fingerprintKey: KEY }).detections;
    expect(inline.map((d) => d.type).sort()).toEqual(want);
    const at = command.indexOf(encoded.replace(/=+$/, ''));
    expect(inline.every((d) => d.start === at)).toBe(true);
    const gz = gzipSync(Buffer.from(text, 'utf16le')).toString('base64');
    expect(
      scanBuffer(Buffer.from(`part=gz:${gz}`), { fingerprintKey: KEY })
        .detections.map((d) => d.type)
        .sort(),
    ).toEqual(want);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(), (bytes, cut) => {
        const buf = Buffer.from(bytes);
        expect(() => scanChunks(buf, [buf.length ? cut % buf.length : 0])).not.toThrow();
        expect(() => scanBuffer(buf, { fingerprintKey: KEY, contentEncoding: 'gzip' })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated gzip and reports it instead of following it', () => {
    const gz = gzipSync(Buffer.from(`{"email":"jane.doe@example.com","iban":"DE89370400440532013000"}`.repeat(50)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: gz.length - 1 }), (cut) => {
        const report = scanBuffer(gz.subarray(0, cut), { fingerprintKey: KEY });
        expect(report.detections.every((d) => d.start === 0 && d.end === cut)).toBe(true);
        const inline = Buffer.from(`data=${gz.subarray(0, cut).toString('base64')}`);
        expect(() => scanBuffer(inline, { fingerprintKey: KEY })).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });

  it('follows nested base64 up to the depth cap and reports deeper layers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (depth) => {
        let text = 'mail jane.doe@example.com and more padding text';
        for (let i = 0; i < depth; i++) text = `blob ${Buffer.from(text).toString('base64')} end`;
        const report = scanBuffer(Buffer.from(text), { fingerprintKey: KEY, maxDepth: 4 });
        if (depth <= 4) expect(report.detections.map((d) => d.type)).toContain('EMAIL');
        else expect(report.limits.map((l) => l.kind)).toContain(LimitKind.DEPTH);
      }),
      { numRuns: 16 },
    );
  });

  it('still matches a token whose base64 decoding looks like UTF-8 text but is no plain text', () => {
    // decodes to bytes that pass the text test; only a block of plain ASCII text is read through its contents
    const token = 'ghp_0EQh36LybPXFJycuNE033CBR8fnXcFz90EQh';
    const report = scanBuffer(Buffer.from(`auth ${token} ok`), { fingerprintKey: KEY });
    expect(report.detections).toEqual([
      expect.objectContaining({ type: 'CREDENTIAL', fineType: 'GITHUB_TOKEN', start: 5, end: 5 + token.length }),
    ]);
  });

  it('opens gzip+base64 after a scheme prefix and reports the encoded block', () => {
    const part = gzipSync(Buffer.from('{"email":"grace@example.org"}')).toString('base64');
    const text = `part=gz:${part}\n`;
    const [d] = scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections;
    // '=' padding ends a window, so the block reported is the base64 without it
    expect(d).toMatchObject({
      type: 'EMAIL',
      start: 'part=gz:'.length,
      end: 'part=gz:'.length + part.replace(/=+$/, '').length,
    });
  });

  it('reads a decoded layer as a text of its own: a key at its start is at a line start, whatever precedes the block', () => {
    // an API Gateway event's base64 body, a form post; a base64 `.env` file whose first line is a key
    const form = Buffer.from('first_name=Ada&last_name=Lovelace').toString('base64');
    const env = Buffer.from('password: hunter2hunter2\nx: 1\n').toString('base64');
    for (const [text, types] of [
      [`{"body":"${form}","isBase64Encoded":true}`, ['PERSON_NAME', 'PERSON_NAME']],
      [`body=${form}`, ['PERSON_NAME', 'PERSON_NAME']],
      [`config: ${env}`, ['CREDENTIAL']],
    ] as const) {
      const found = scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections;
      expect(
        found.map((d) => d.type),
        text,
      ).toEqual(types);
    }
  });

  it("reads a form value's '+' as spaces, a leading '+' as a phone number's own, and base64 in a form as base64", () => {
    const found = (text: string): string[] =>
      scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections.map(
        (d) => `${d.type} ${text.slice(d.start, d.end)}`,
      );
    expect(found('card_number=4111+1111+1111+1111&iban=DE89+3704+0044+0532+0130+00')).toEqual([
      'CREDIT_CARD 4111+1111+1111+1111',
      'IBAN DE89+3704+0044+0532+0130+00',
    ]);
    // each value at its own bytes, escapes and all
    expect(found('a=1&note=Tel.+4155550132&phone=+44+20+7946+0958')).toEqual([
      'PHONE 4155550132',
      'PHONE +44+20+7946+0958',
    ]);
    expect(found('GET /users/ada%40example.org/orders?tel=%2B44%2020%207946%200958 HTTP/1.1')).toEqual([
      'EMAIL ada%40example.org',
      'PHONE %2B44%2020%207946%200958',
    ]);
    // JSON's escapes too: no offset map, the window is the range
    expect(found('{"url":"\\/u\\/ada%40example.org"}')).toEqual(['EMAIL \\/u\\/ada%40example.org']);
    // outside a form value a '+' is itself
    expect(found('{"card": "4111+1111+1111+1111"}')).toEqual([]);
    // a base64 value holding '+' (one in 16 bytes or fewer), with or without '/', is opened, not read as words
    const opened = Array.from({ length: 40 }, (_, pad) =>
      Buffer.from(JSON.stringify({ email: 'grace@example.org', pad: '~'.repeat(pad) })).toString('base64'),
    )
      .map((part) => part.replace(/=+$/, ''))
      .filter((part) => part.includes('+'));
    expect(opened.length).toBeGreaterThan(10);
    // reported at the base64 that holds it: the part, or the run of it before a '+' read as a space
    for (const part of opened) {
      const [email, ...more] = found(`q=${part}`);
      expect(more).toEqual([]);
      expect(email?.startsWith('EMAIL ') && part.startsWith(email.slice(6)), part).toBe(true);
      expect(email?.length).toBeGreaterThan(6 + 40);
    }
  });

  it('reports a decompression bomb instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const report = scanBuffer(bomb, { fingerprintKey: KEY, maxDecodedBytes: 1024 * 1024 });
    expect(report.limits).toEqual([{ kind: LimitKind.BOMB, start: 0, end: bomb.length }]);
    const inline = scanBuffer(Buffer.from(`payload=${bomb.toString('base64')}`), {
      fingerprintKey: KEY,
      maxDecodedBytes: 4 * 1024 * 1024,
    });
    expect(inline.limits.map((l) => l.kind)).toContain(LimitKind.BOMB);
  });

  it('does not grow memory on a 100 MB single line', () => {
    const unit = Buffer.from(
      'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor 42 '.repeat(800),
    );
    const s = createScanner({ fingerprintKey: KEY });
    let fed = 0;
    let samples: number[] = [];
    while (fed < 100 * 1024 * 1024) {
      s.write(unit);
      fed += unit.length;
      if (fed % (unit.length * 64) < unit.length) samples.push(process.memoryUsage().heapUsed);
    }
    s.end();
    samples = samples.slice(2);
    // heap stays within a few MB of where it started: memory is the chunk plus a bounded carry
    expect(Math.max(...samples) - Math.min(...samples)).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('multipart bodies', () => {
  it('scans text parts at their offsets and decoded parts at their ranges', () => {
    const b64 = Buffer.from('{"iban":"DE89370400440532013000","note":"wrapped at 76 columns like MIME does it"}')
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const gz = gzipSync(Buffer.from('card_number=4111111111111111'));
    const head = [
      '--XyZ',
      'Content-Disposition: form-data; name="note"',
      '',
      'reach me at grace@example.org',
      '--XyZ',
      'Content-Disposition: form-data; name="doc"; filename="a.json"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--XyZ',
      'Content-Disposition: form-data; name="blob"',
      'Content-Encoding: gzip',
      '',
      '',
    ].join('\r\n');
    const body = Buffer.concat([Buffer.from(head, 'latin1'), gz, Buffer.from('\r\n--XyZ--\r\n', 'latin1')]);
    const report = scanBuffer(body, { fingerprintKey: KEY, contentType: 'multipart/form-data; boundary=XyZ' });
    const byType = Object.fromEntries(report.detections.map((d) => [d.type, d]));
    expect(Object.keys(byType).sort()).toEqual(['CREDIT_CARD', 'EMAIL', 'IBAN']);
    const email = byType.EMAIL!;
    expect(body.subarray(email.start, email.end).toString()).toBe('grace@example.org');
    const gzStart = head.length;
    expect(byType.CREDIT_CARD).toMatchObject({ start: gzStart, end: gzStart + gz.length });
    expect(body.subarray(byType.IBAN!.start, byType.IBAN!.end).toString()).toBe(b64);
  });
});

describe('multipart part headers', () => {
  it('reads a part without header lines, and ends each header block at its own blank line', async () => {
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=B' };
    const bodies = [
      '--B\r\n\r\nmail grace@example.org\r\n--B--\r\n',
      // a part written with bare LFs before one written with CRLFs: the first blank line is the LF one
      '--B\nContent-Type: text/plain\n\nmail ada@example.org\n--B\r\nX: y\r\n\r\nmore\r\n--B--',
    ];
    for (const text of bodies) {
      const body = Buffer.from(text);
      const whole = scanBuffer(body, options).detections;
      expect(whole.map((d) => body.toString('latin1', d.start, d.end))).toEqual([
        expect.stringMatching(/@example\.org$/),
      ]);
      expect((await scanStream([body], options)).detections).toEqual(whole);
    }
  });
});

describe('scanStream', () => {
  it('inflates a gzip stream and reports detections at the compressed body', async () => {
    const gz = gzipSync(Buffer.from('{"iban":"GB82 WEST 1234 5698 7654 32","email":"ada@example.org"}'));
    async function* chunks() {
      for (let i = 0; i < gz.length; i += 7) yield gz.subarray(i, i + 7);
    }
    const report = await scanStream(chunks(), { fingerprintKey: KEY });
    expect(report.detections.map((d) => d.type).sort()).toEqual(['EMAIL', 'IBAN']);
    expect(report.detections.every((d) => d.start === 0 && d.end === gz.length)).toBe(true);
  });

  it('streams a UTF-16 body in chunks of any size, a character split across chunks included', async () => {
    const body = Buffer.from(
      '{"full_name":"Zoë Müller","iban":"GB82 WEST 1234 5698 7654 32","mail":"zoe@example.org"}',
      'utf16le',
    );
    const whole = scanBuffer(body, { fingerprintKey: KEY }).detections.map(key).sort();
    expect(whole.map((k) => k.split('/')[0])).toEqual(['EMAIL', 'IBAN', 'PERSON_NAME']);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), async (size) => {
        async function* chunks() {
          for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
        }
        const report = await scanStream(chunks(), { fingerprintKey: KEY });
        expect(report.detections.map(key).sort()).toEqual(whole);
      }),
    );
  });

  it('stops a gzip bomb at the decoded-size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const report = await scanStream([bomb], { fingerprintKey: KEY, maxDecodedBytes: 1024 * 1024 });
    expect(report.limits.map((l) => l.kind)).toContain(LimitKind.BOMB);
  });

  it('reads the head of a body that inflates past the cap, exactly up to it, streamed or whole', async () => {
    // an export padded past the cap: what it starts with is still read (before, scanBuffer read nothing of it)
    const csv = Buffer.from('first_name,card_number\nAda,4111111111111111\nGrace,5500005555555559\n');
    const cap = 256 * 1024;
    for (const padding of [Buffer.alloc(8 * cap, 32), hexLines(512)]) {
      for (const body of [gzipSync(Buffer.concat([csv, padding])), deflateSync(Buffer.concat([csv, padding]))]) {
        const options = { fingerprintKey: KEY, maxDecodedBytes: cap };
        const whole = scanBuffer(body, options);
        expect(whole.detections.map((d) => d.type).sort()).toEqual([
          'CREDIT_CARD',
          'CREDIT_CARD',
          'PERSON_NAME',
          'PERSON_NAME',
        ]);
        // past the cap on its own: a bomb, whatever its ratio
        expect(whole.limits).toEqual([{ kind: LimitKind.BOMB, start: 0, end: body.length }]);
        const streamed = await scanStream([body.subarray(0, 100), body.subarray(100)], options);
        expect(streamed.detections).toEqual(whole.detections);
        expect(streamed.limits).toEqual(whole.limits);
      }
    }
    // brotli too, streamed as text or held whole (an archive cut by the cap, read as far as it goes)
    for (const body of [
      Buffer.concat([csv, hexLines(512)]),
      zipOf([{ name: 'a.csv', data: Buffer.concat([csv, hexLines(512)]) }]),
    ]) {
      const br = { fingerprintKey: KEY, maxDecodedBytes: cap, contentEncoding: 'br' };
      const whole = scanBuffer(brotliCompressSync(body), br);
      expect(whole.detections).toHaveLength(4);
      expect((await scanStream([brotliCompressSync(body)], br)).detections).toEqual(whole.detections);
    }
    // a card number cut by the cap is cut alike both ways
    const cut = gzipSync(Buffer.concat([Buffer.alloc(cap - 8, 32), Buffer.from('card 4111111111111111 end')]));
    for (const max of [cap - 2, cap + 8, cap + 16]) {
      const options = { fingerprintKey: KEY, maxDecodedBytes: max };
      const whole = scanBuffer(cut, options);
      const streamed = await scanStream([cut], options);
      expect(streamed.detections, `cap ${max}`).toEqual(whole.detections);
      expect(whole.detections.length, `cap ${max}`).toBe(max === cap + 16 ? 1 : 0);
    }
  });
});

describe('content codings', () => {
  // long enough that brotli codes it (a short text is kept as literal bytes, readable as they are)
  const text = Buffer.from(
    `{"email":"ada@example.org","iban":"GB82 WEST 1234 5698 7654 32","notes":"${'order shipped, '.repeat(40)}"}`,
  );
  const both = async (body: Buffer, contentEncoding: string, contentType?: string, maxDecodedBytes?: number) => {
    const options = { fingerprintKey: KEY, contentEncoding, contentType, maxDecodedBytes };
    const whole = scanBuffer(body, options);
    const cut = [0, 3, 17, 64, body.length].map((at) => Math.min(at, body.length));
    const pieces = cut.slice(1).map((end, k) => body.subarray(cut[k], end));
    const streamed = await scanStream(pieces, options);
    expect(streamed.detections.map(key).sort()).toEqual(whole.detections.map(key).sort());
    expect(streamed.limits).toEqual(whole.limits);
    return whole;
  };

  it('undoes several codings in turn, the last applied first', async () => {
    // brotli has no magic bytes: inside gzip it is known only from the header
    for (const [body, coding] of [
      [gzipSync(brotliCompressSync(text)), 'br, gzip'],
      [brotliCompressSync(gzipSync(text)), 'gzip, br'],
    ] as const) {
      const { detections, limits } = await both(body, coding);
      expect(detections.map((d) => [d.type, d.start, d.end])).toEqual([
        ['EMAIL', 0, body.length],
        ['IBAN', 0, body.length],
      ]);
      expect(limits).toEqual([]);
    }
    expect((await both(text, ' Identity ')).detections).toHaveLength(2);
  });

  it('undoes Snappy, as Prometheus remote write and Loki push send it, alone or under gzip', async () => {
    const push = Buffer.from(
      JSON.stringify({
        streams: [
          { stream: { app: 'web' }, values: [['1700000000000000000', `login ada@example.org ${'ok '.repeat(40)}`]] },
        ],
      }),
    );
    for (const [body, coding] of [
      [snappyjs.compress(push), 'snappy'],
      [gzipSync(snappyjs.compress(push)), 'snappy, gzip'],
    ] as const) {
      const { detections, limits } = await both(Buffer.from(body), coding);
      expect(detections.map((d) => [d.type, d.start, d.end])).toEqual([['EMAIL', 0, body.length]]);
      expect(limits).toEqual([]);
    }
    // it has no magic bytes: undeclared, the same bytes are no Snappy (its literal bytes are read as they are)
    expect((await both(Buffer.from(snappyjs.compress(push)), '')).limits).toEqual([]);
    // a length past the cap is a bomb, and the head up to the cap is still read
    const big = Buffer.from(snappyjs.compress(Buffer.concat([push, Buffer.alloc(4096, 32)])));
    const options = { fingerprintKey: KEY, contentEncoding: 'snappy', maxDecodedBytes: 2048 };
    const whole = scanBuffer(big, options);
    expect(whole.detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(whole.limits).toEqual([{ kind: LimitKind.BOMB, start: 0, end: big.length }]);
    expect(await scanStream([big.subarray(0, 10), big.subarray(10)], options)).toMatchObject({
      detections: whole.detections,
      limits: whole.limits,
    });
    // bytes no encoder writes are reported corrupt, not read
    const corrupt = await both(Buffer.from([8, 0, 0x61, 0x11, 0x7f]), 'snappy');
    expect(corrupt.limits.map((l) => l.kind)).toEqual([LimitKind.CORRUPT]);
  });

  it('undoes Zstandard, LZ4, bzip2 and xz, by their magic or declared: .zst, .lz4, .bz2 and .xz files, tar exports, frame after frame', async () => {
    const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
    // written by the zstd tool (-19): compressed blocks; the CSV's three customers (the tar's README gives an address too)
    for (const [body, coding, emails] of [
      [fixture('customers.csv.zst'), '', 3],
      [fixture('customers.csv.zst'), 'zstd', 3],
      [fixture('customers-export.tar.zst'), '', 4],
      // written by the lz4 tool: -9, and the tar with blocks that refer back to earlier ones and carry checksums
      [fixture('customers.csv.lz4'), '', 3],
      [fixture('customers-export.tar.lz4'), '', 4],
      // written by bzip2 1.0.8 (-9)
      [fixture('customers.csv.bz2'), '', 3],
      [fixture('customers-export.tar.bz2'), '', 4],
      // written by XZ Utils (tar cJf)
      [fixture('customers-export.tar.xz'), '', 4],
    ] as const) {
      const { detections, limits } = await both(body, coding);
      expect(
        detections.filter((d) => d.type === 'EMAIL'),
        coding,
      ).toHaveLength(emails);
      expect(
        detections.filter((d) => d.type === 'CREDIT_CARD'),
        coding,
      ).toHaveLength(3);
      expect(limits).toEqual([]);
    }
    // two frames, as `zstd` concatenates them, and a skippable frame between them
    const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 0xff, 0xff]);
    const frames = Buffer.concat([zstdFrame(text.subarray(0, 20)), skippable, zstdFrame(text.subarray(20))]);
    expect((await both(frames, 'zstd')).detections.map((d) => d.type)).toEqual(['EMAIL', 'IBAN']);
  });

  it('reads the head of an xz file past the cap, as it reads uncompressed', async () => {
    const xz = readFileSync(new URL('../../fixtures/pii/customers-80.csv.xz', import.meta.url));
    const plain = readFileSync(new URL('../../fixtures/pii/customers-80.csv', import.meta.url));
    const emails = (r: { detections: Detection[] }) =>
      r.detections.filter((d) => d.type === 'EMAIL').map((d) => d.fingerprint);
    const head = await both(xz, '', undefined, 1000);
    expect(head.limits.map((l) => l.kind)).toEqual([LimitKind.BOMB]);
    expect(emails(head)).toEqual(emails(scanBuffer(plain.subarray(0, 1000), { fingerprintKey: KEY })));
    expect(emails(head).length).toBeGreaterThan(10);
  });

  it('stops a Zstandard bomb at the cap and reads its head, refuses a window past 128 MiB, reads a cut one as far as it goes', async () => {
    const bomb = zstdBomb(Buffer.from('mail ada@example.org '), 0x20, 64);
    const options = { fingerprintKey: KEY, maxDecodedBytes: 1 << 20 };
    const capped = scanBuffer(bomb, options);
    expect(capped.detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(capped.limits).toEqual([{ kind: LimitKind.BOMB, start: 0, end: bomb.length }]);
    expect(await scanStream([bomb.subarray(0, 7), bomb.subarray(7)], options)).toMatchObject(capped);
    // a header asking for 1 GiB is refused before anything is allocated
    const huge = zstdWindow(30);
    expect((await both(huge, '')).limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: huge.length }]);
    // its first block whole (the e-mail address), the second (the IBAN) cut
    const cut = zstdFrame(text, 40).subarray(0, 60);
    const { detections, limits } = await both(cut, '');
    expect(detections.map((d) => d.type)).toEqual(['EMAIL']);
    expect(limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: cut.length }]);
  });

  it('reads a binary body whose first bytes only look like gzip or zlib as it is, where it lost it as corrupt', async () => {
    // gzip's and zlib's magic, then a deflate block of the reserved type (0b11), or a stored block whose length's
    // complement is no complement (fflate copies such a block without checking): no stream starts so
    const mail = Buffer.from(' mail ada@example.org ');
    for (const magic of [
      [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xff],
      [0x78, 0x9c, 0xff, 0xff],
      [0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 0xff, 0x61, 0, 0x00, 0x10, 0, 0x10, 0],
      [0x78, 0x9c, 0x00, 0x10, 0, 0x10, 0],
    ]) {
      const body = Buffer.concat([Buffer.from(magic), Buffer.alloc(60, 0x01), mail]);
      const { detections, limits } = await both(body, '');
      expect(
        detections.map((d) => [d.type, d.start]),
        Buffer.from(magic).toString('hex'),
      ).toEqual([['EMAIL', body.indexOf('ada@')]]);
      expect(limits).toEqual([]);
    }
    // a real stream cut short is still one
    const cut = gzipSync(text).subarray(0, 40);
    expect((await both(cut, '')).limits).toEqual([{ kind: LimitKind.CORRUPT, start: 0, end: cut.length }]);
  });

  it('reads a body in a coding it cannot undo as it is, and reports it unreadable', async () => {
    for (const coding of ['compress', 'aes128gcm', 'gzip, compress']) {
      const { detections, limits } = await both(text, coding);
      // mislabelled: the text is still read
      expect(detections.map((d) => d.type)).toEqual(['EMAIL', 'IBAN']);
      expect(limits).toEqual([{ kind: LimitKind.UNREADABLE, start: 0, end: text.length }]);
    }
  });

  it('reads an xz file as a tar member, and reports a 7z archive unreadable there, where it was read in silence', async () => {
    const xz = readFileSync(new URL('../../fixtures/pii/customers-export.tar.xz', import.meta.url));
    const alone = await both(xz, '');
    const member = await both(tarOf([{ name: 'customers-export.tar.xz', data: xz }]), '');
    expect(member.limits).toEqual([]);
    expect(member.detections.map((d) => [d.type, d.fingerprint]).sort()).toEqual(
      alone.detections.map((d) => [d.type, d.fingerprint]).sort(),
    );
    expect(member.detections.every((d) => d.start === 512 && d.end === 512 + xz.length)).toBe(true);
    const sevenZip = Buffer.concat([Buffer.from('377abcaf271c0004', 'hex'), Buffer.alloc(100, 0x5a)]);
    expect((await both(tarOf([{ name: 'export.7z', data: sevenZip }]), '')).limits).toEqual([
      { kind: LimitKind.UNREADABLE, start: 512, end: 512 + sevenZip.length },
    ]);
  });

  it('reports a multipart part in a coding it cannot undo at the range of the part', async () => {
    const body = Buffer.from(
      ['--B', 'Content-Encoding: compress', '', '(binary)', '--B', '', 'mail grace@example.org', '--B--', ''].join(
        '\r\n',
      ),
    );
    const { detections, limits } = await both(body, '', 'multipart/mixed; boundary=B');
    expect(detections.map((d) => d.type)).toEqual(['EMAIL']);
    const part = body.indexOf('(binary)');
    expect(limits).toEqual([{ kind: LimitKind.UNREADABLE, start: part, end: part + '(binary)'.length }]);
  });
});

describe('wrapped base64', () => {
  /** What `base64 FILE` prints: 76 columns a line. */
  const base64Cli = (data: Buffer): Buffer =>
    Buffer.from(`${data.toString('base64').replace(/.{76}/g, '$&\n').replace(/\n$/, '')}\n`);
  const csv = (rows: number): Buffer =>
    Buffer.from(`id,email\n${Array.from({ length: rows }, (_, i) => `${i},customer${i}@example.com`).join('\n')}\n`);

  it('reads a file run through `base64` as one block: no value is lost to a line break', () => {
    const body = base64Cli(csv(400));
    const { detections } = scanBuffer(body, { fingerprintKey: KEY });
    expect(detections.filter((d) => d.type === 'EMAIL')).toHaveLength(400);
    expect(new Set(detections.map((d) => `${d.start}-${d.end}`))).toEqual(new Set([`0-${body.length - 1}`]));
  });

  it('reads a long one block by block, losing at most the value cut at each block end', () => {
    const rows = 6000;
    const body = base64Cli(csv(rows));
    const emails = scanBuffer(body, { fingerprintKey: KEY }).detections.filter((d) => d.type === 'EMAIL');
    const blocks = new Set(emails.map((d) => d.start)).size;
    expect(blocks).toBeGreaterThan(3);
    expect(emails.length).toBeGreaterThanOrEqual(rows - blocks);
  });

  it('decides alike however the input is chunked', () => {
    const body = Buffer.concat([Buffer.from('upload:\n'), base64Cli(csv(60)), Buffer.from('done\n')]);
    expect(scanBuffer(body, { fingerprintKey: KEY }).detections).toHaveLength(60);
    fc.assert(fc.property(fc.array(fc.nat(body.length), { maxLength: 6 }), (cuts) => sameWhenChunked(body, cuts)));
  });
});

describe('hex-encoded text', () => {
  const hex = (text: string): string => Buffer.from(text).toString('hex');
  const found = (text: string) =>
    scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections.map((d) => `${d.type}@${d.start}-${d.end}`);

  it('reads hex that decodes to text as what it encodes, at the range of the hex', () => {
    const payload = hex('{"email":"ada@example.org","card":"4111 1111 1111 1111"}');
    const end = 5 + payload.length;
    expect(found(`data=${payload}&x=1`)).toEqual([`EMAIL@5-${end}`, `CREDIT_CARD@5-${end}`]);
    expect(found(`q=${hex('grace@example.org').toUpperCase()}`)).toEqual([`EMAIL@2-${2 + 34}`]);
  });

  it('skips hex ids, and reads a run of digits both as hex and as the number it may be', () => {
    expect(found('trace=488217d9f2d926549a2f540be55b0e46 etag=a5353c61e94af611')).toEqual([]);
    // 44 24 37 50 72 28 09 40 are all printable bytes: the card number is still a card number
    const card = '4424375072280940';
    expect(found(`card_number: ${card}`)).toEqual([`CREDIT_CARD@13-${13 + card.length}`]);
  });

  it('decides alike however the input is chunked', () => {
    const body = Buffer.from(`{"a":"${hex('mail ada@example.org')}","b":"${hex('iban GB82 WEST 1234 5698 7654 32')}"}`);
    expect(scanBuffer(body, { fingerprintKey: KEY }).detections).toHaveLength(2);
    fc.assert(fc.property(fc.array(fc.nat(body.length), { maxLength: 6 }), (cuts) => sameWhenChunked(body, cuts)));
  });
});

describe('privacy', () => {
  it('keeps values out of detections: type, offsets, flags and a keyed fingerprint only', () => {
    const report = scanBuffer(Buffer.from('card 4111 1111 1111 1111 mail jane@example.com'), { fingerprintKey: KEY });
    for (const d of report.detections) {
      expect(Object.keys(d).sort()).toEqual([
        'confidence',
        'end',
        'fineType',
        'fingerprint',
        'start',
        'type',
        'validated',
      ]);
      expect(JSON.stringify(d)).not.toMatch(/4111|jane/);
      expect(d.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('gives the same value the same fingerprint under one key and another under a different key', () => {
    const a = scanBuffer(Buffer.from('iban GB82WEST12345698765432 / GB82 WEST 1234 5698 7654 32'), {
      fingerprintKey: KEY,
    }).detections;
    const b = scanBuffer(Buffer.from('iban GB82WEST12345698765432'), {
      fingerprintKey: 'another-key-of-sixteen-bytes',
    }).detections;
    expect(a).toHaveLength(2);
    expect(a[0]?.fingerprint).toBe(a[1]?.fingerprint);
    expect(b[0]?.fingerprint).not.toBe(a[0]?.fingerprint);
  });

  it('refuses a fingerprint key shorter than 16 bytes', () => {
    expect(() => createScanner({ fingerprintKey: 'short' })).toThrow(FingerprintKeyError);
  });
});
