import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlUnescape, looksLikeHtml } from '../../../detectors/pii/html.js';
import { scanBuffer, scanStream } from '../../../detectors/pii/index.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const found = (page: Buffer, contentType?: string): string[] =>
  scanBuffer(page, { fingerprintKey: KEY, contentType }).detections.map(
    (d) => `${d.type} ${page.toString('utf8', d.start, d.end)}`,
  );

describe('looksLikeHtml', () => {
  it('knows a page by its content type, or by a doctype, <html>, <table> or <tr> at its start', () => {
    for (const head of [
      '<!DOCTYPE html>\n<html>',
      '\ufeff  <html lang="en">',
      '<!-- generated --><!doctype HTML>',
      '<table border="1" class="dataframe">',
      '<TR><TH>first_name</TH>',
    ])
      expect(looksLikeHtml(Buffer.from(head), undefined), head).toBe(true);
    expect(looksLikeHtml(Buffer.from('{"a":1}'), 'text/html; charset=utf-8')).toBe(true);
    for (const head of [
      '{"html":"<b>x</b>"}',
      '<?xml version="1.0"?><html/>',
      'see <html> below',
      '<tracking id="1"/>',
    ])
      expect(looksLikeHtml(Buffer.from(head), 'application/json'), head).toBe(false);
  });
});

describe('htmlUnescape', () => {
  it('undoes decimal, hex and named references as UTF-8, and leaves unknown or invalid ones', () => {
    const page = Buffer.from(
      'a&#64;b &#x40; &quot;M&uuml;ller&quot; &Eacute;&szlig;&Oslash; &bogus; &#0; &#xD800; &amp',
    );
    expect(htmlUnescape(page)?.bytes.toString('utf8')).toBe('a@b @ "Müller" ÉßØ &bogus; &#0; &#xD800; &amp');
    expect(htmlUnescape(Buffer.from('no references & none here'))).toBeUndefined();
  });

  it("maps an offset inside a character's UTF-8 bytes to the whole reference that wrote it", () => {
    // x &eacute; y: é is two bytes of output (1-3), eight of the page (1-9)
    const un = htmlUnescape(Buffer.from('x&eacute;y'));
    expect([un?.toPage(2, false), un?.toPage(2, true), un?.toPage(3, true), un?.toPage(3, false)]).toEqual([
      1, 9, 9, 9,
    ]);
  });

  it('maps every span of the unescaped text back to the bytes of the page that show it', () => {
    const escapes: [string, (c: string) => string][] = [
      ['decimal', (c) => `&#${c.codePointAt(0)};`],
      ['hex', (c) => `&#x${(c.codePointAt(0) as number).toString(16)};`],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', '@', 'é', '"', ' ', '7', '€'), fc.nat(2)), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat(),
        fc.nat(),
        (chars, x, y) => {
          const page = chars
            .map(([c, how]) => (how === 2 ? c : (escapes[how] as [string, (c: string) => string])[1](c)))
            .join('');
          const text = chars.map(([c]) => c).join('');
          const un = htmlUnescape(Buffer.from(page));
          const bytes = un?.bytes ?? Buffer.from(page);
          expect(bytes.toString('utf8')).toBe(text);
          // any span on character boundaries shows, on the page, exactly what it holds
          const bounds = [0, ...[...text].map((_, k) => Buffer.byteLength([...text].slice(0, k + 1).join('')))];
          const [s, e] = [bounds[x % bounds.length] as number, bounds[y % bounds.length] as number].sort(
            (a, b) => a - b,
          );
          const ps = un ? un.toPage(s as number, false) : (s as number);
          const pe = un ? un.toPage(e as number, true) : (e as number);
          const shown = htmlUnescape(Buffer.from(page).subarray(ps, pe))?.bytes ?? Buffer.from(page).subarray(ps, pe);
          expect(shown.toString('utf8')).toBe(bytes.subarray(s, e).toString('utf8'));
        },
      ),
    );
  });
});

describe('scanning an HTML page', () => {
  const page = Buffer.from(
    [
      '<!DOCTYPE html><html><body>',
      '<div data-props="{&quot;first_name&quot;:&quot;Zo&euml;&quot;,&quot;email&quot;:&quot;ada&#64;example.org&quot;}"></div>',
      '<p>Contact grace&#x40;example.org &amp; IBAN GB82&nbsp;WEST 1234 5698 7654 32</p>',
      '</body></html>',
    ].join('\n'),
  );

  it('reads a server-rendered state attribute as the JSON it holds, and reports spans of the page', () => {
    expect(found(page).sort()).toEqual([
      'EMAIL ada&#64;example.org',
      'EMAIL grace&#x40;example.org',
      'IBAN GB82&nbsp;WEST 1234 5698 7654 32',
      'PERSON_NAME Zo&euml;',
    ]);
    // the same text with nothing escaped is not sniffed as a page, and reads the same
    expect(found(Buffer.from('{"first_name":"Zoë","email":"ada@example.org"}')).sort()).toEqual([
      'EMAIL ada@example.org',
      'PERSON_NAME Zoë',
    ]);
  });

  it('reads a page streamed in pieces as a whole one', async () => {
    const whole = scanBuffer(page, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(page.length), { maxLength: 5 }), async (cuts) => {
        expect(await streamedKeys(page, cuts, { fingerprintKey: KEY })).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('reads a compressed page, known by its content type, once inflated, streamed or whole', async () => {
    const options = { fingerprintKey: KEY, contentType: 'text/html; charset=utf-8', contentEncoding: 'gzip' };
    const body = gzipSync(page);
    const whole = scanBuffer(body, options);
    expect(whole.detections.map((d) => d.type).sort()).toEqual(['EMAIL', 'EMAIL', 'IBAN', 'PERSON_NAME']);
    const streamed = await scanStream([body.subarray(0, 40), body.subarray(40)], options);
    expect(streamed.detections.map(detectionKey).sort()).toEqual(whole.detections.map(detectionKey).sort());
  });

  it('reads the HTML body of an HTTP response and of an e-mail part, streamed or whole', async () => {
    const response = Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Write to ada&#64;example.org</p>',
    );
    expect(found(response)).toEqual(['EMAIL ada&#64;example.org']);
    const mail = Buffer.from(
      ['--B', 'Content-Type: text/html', '', '<p>grace&#64;example.org</p>', '--B--', ''].join('\r\n'),
    );
    const contentType = 'multipart/alternative; boundary=B';
    expect(found(mail, contentType)).toEqual(['EMAIL grace&#64;example.org']);
    for (const [body, type] of [
      [response, undefined],
      [mail, contentType],
    ] as const) {
      const whole = scanBuffer(body, { fingerprintKey: KEY, contentType }).detections;
      const streamed = await scanStream([body.subarray(0, 30), body.subarray(30)], {
        fingerprintKey: KEY,
        contentType: type,
      });
      expect(streamed.detections).toEqual(type ? whole : scanBuffer(body, { fingerprintKey: KEY }).detections);
    }
  });
});
