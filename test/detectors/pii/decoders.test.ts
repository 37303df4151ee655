import { readFileSync } from 'node:fs';
import { crc32, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Compression,
  contentCodings,
  copyUnescape,
  formDecoded,
  jsonUnescape,
  quotedPrintableDecode,
  SNIFF_BYTES,
  sniffCompression,
  sniffUtf16,
  sqlUnescape,
  TextShape,
  textShape,
  unreadableCoding,
  utf16ToUtf8,
  xmlUnescape,
} from '../../../detectors/pii/decoders.js';
import { quotedPrintable } from '../../support/quoted-printable.js';

describe('sniffCompression', () => {
  it('trusts a declared content-encoding over the bytes', () => {
    expect(sniffCompression(Buffer.from('plain text'), 'gzip')).toBe(Compression.GZIP);
    expect(sniffCompression(Buffer.from('plain text'), ' Deflate ')).toBe(Compression.DEFLATE);
    expect(sniffCompression(Buffer.from('plain text'), 'br')).toBe(Compression.BROTLI);
    expect(sniffCompression(Buffer.from('plain text'), 'identity')).toBeUndefined();
  });

  it('finds gzip and zlib streams of every compression level by their magic bytes', () => {
    const body = Buffer.from('{"email":"jane.doe@example.com","note":"some text to compress"}'.repeat(4));
    expect(sniffCompression(gzipSync(body).subarray(0, SNIFF_BYTES))).toBe(Compression.GZIP);
    for (let level = 1; level <= 9; level++)
      expect(sniffCompression(deflateSync(body, { level }).subarray(0, SNIFF_BYTES))).toBe(Compression.DEFLATE);
  });

  it('reads text that happens to start with a zlib header as text', () => {
    // fast-check found "x^ aws_access_key_id=…" inflated as corrupt zlib and its credential lost
    expect(sniffCompression(Buffer.from('x^ aws_access_key_id=AKIAQWERTY234567ABCD'))).toBeUndefined();
    fc.assert(
      fc.property(
        fc.constantFrom('x\x01', 'x^', 'x\x9c', 'x\xda'),
        fc.string({ minLength: 1, maxLength: 80 }),
        (h, t) => {
          const text = Buffer.from(h + t.replace(/[^\x20-\x7e]/g, 'a'), 'latin1');
          expect(sniffCompression(text)).toBeUndefined();
        },
      ),
    );
  });

  it('sniffs zlib and gzip from real compressed bytes whatever they hold, stored (level 0) too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.integer({ min: 0, max: 9 }), (raw, level) => {
        expect(sniffCompression(deflateSync(raw, { level }).subarray(0, SNIFF_BYTES))).toBe(Compression.DEFLATE);
        expect(sniffCompression(gzipSync(raw, { level }).subarray(0, SNIFF_BYTES))).toBe(Compression.GZIP);
      }),
      { numRuns: 300 },
    );
  });

  it("finds a gzip member's first block past its optional fields: extra, file name, comment, header CRC", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.constantFrom(0, 6),
        fc.record({ extra: fc.boolean(), name: fc.boolean(), comment: fc.boolean(), crc: fc.boolean() }),
        fc.string({ minLength: 0, maxLength: 12 }).map((t) => t.replace(/\0/g, 'a')),
        (raw, level, has, text) => {
          const plain = gzipSync(raw, { level });
          const fields = [
            has.extra ? Buffer.from([Buffer.byteLength(text), 0, ...Buffer.from(text)]) : Buffer.alloc(0),
            has.name ? Buffer.from(`${text}.csv\0`) : Buffer.alloc(0),
            has.comment ? Buffer.from(`${text}\0`) : Buffer.alloc(0),
          ];
          const flags = (has.extra ? 4 : 0) | (has.name ? 8 : 0) | (has.comment ? 16 : 0) | (has.crc ? 2 : 0);
          const fixed = Buffer.concat([plain.subarray(0, 3), Buffer.from([flags]), plain.subarray(4, 10), ...fields]);
          // the header CRC is the low half of the CRC-32 of the bytes before it
          const crc = crc32(fixed) & 0xffff;
          const head = has.crc ? Buffer.concat([fixed, Buffer.from([crc & 0xff, crc >> 8])]) : fixed;
          const member = Buffer.concat([head, plain.subarray(10)]);
          expect(gunzipSync(member)).toEqual(Buffer.from(raw));
          expect(sniffCompression(member.subarray(0, SNIFF_BYTES))).toBe(Compression.GZIP);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a zlib or gzip head whose first block is stored with a length and no complement for no stream', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([0x78, 0x01], [0x78, 0x5e], [0x78, 0x9c], [0x78, 0xda], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ minLength: 60, maxLength: 60 }),
        (magic, final, length, other, rest) => {
          fc.pre((length ^ other) !== 0xffff);
          const block = [final ? 1 : 0, length & 0xff, length >> 8, other & 0xff, other >> 8];
          expect(sniffCompression(Buffer.from([...magic, ...block, ...rest]).subarray(0, SNIFF_BYTES))).toBeUndefined();
          // a head that ends with the complement is told as well; a real stored stream cut there is one
          expect(sniffCompression(Buffer.from([...magic, ...block]))).toBeUndefined();
        },
      ),
    );
    const stored = deflateSync('mail ada@example.org', { level: 0 });
    expect(sniffCompression(stored.subarray(0, 7))).toBe(Compression.DEFLATE);
  });
});

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('content codings', () => {
  it('lists the codings in the order applied, lower-cased, identity left out', () => {
    expect(contentCodings(' GZIP , identity,br ')).toEqual(['gzip', 'br']);
    expect(contentCodings(undefined)).toEqual([]);
  });

  it('names a coding the scanner cannot undo, declared or sniffed by magic', () => {
    const sevenZip = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
    expect(unreadableCoding(Buffer.from('x'), 'gzip, compress')).toBe('compress');
    expect(unreadableCoding(Buffer.from('x'), 'x-compress')).toBe('x-compress');
    expect(unreadableCoding(sevenZip, undefined)).toBe('7z');
    expect(unreadableCoding(sevenZip, 'gzip')).toBeUndefined();
    expect(unreadableCoding(Buffer.from('x'), 'gzip, zstd, snappy')).toBeUndefined();
    expect(unreadableCoding(Buffer.from('x'), 'x-gzip, deflate, br, identity')).toBeUndefined();
  });

  it('names 7z and RAR archives by their magic, and knows the formats it reads by theirs', () => {
    const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
    // xz is read now: a file the tool wrote
    expect(unreadableCoding(fixture('customers-export.tar.xz'), undefined)).toBeUndefined();
    expect(sniffCompression(fixture('customers-export.tar.xz'))).toBe('xz');
    // Zstandard and LZ4 are read now: their magic names a coding the scanner undoes
    expect(unreadableCoding(fixture('customers.csv.zst'), undefined)).toBeUndefined();
    expect(sniffCompression(fixture('customers.csv.zst'))).toBe('zstd');
    expect(unreadableCoding(fixture('customers.csv.lz4'), undefined)).toBeUndefined();
    expect(sniffCompression(fixture('customers.csv.lz4'))).toBe('lz4');
    // signature headers from 7zFormat.txt and the RAR 5.0 archive format
    expect(unreadableCoding(Buffer.from('377abcaf271c0004', 'hex'), undefined)).toBe('7z');
    expect(unreadableCoding(Buffer.from('526172211a070100', 'hex'), undefined)).toBe('rar');
    expect(unreadableCoding(Buffer.from('526172211a0700', 'hex'), undefined)).toBe('rar');
    // bzip2 is read now: a file the tool wrote, and an empty stream (`BZh9` and the end-of-stream magic)
    expect(unreadableCoding(fixture('customers.csv.bz2'), undefined)).toBeUndefined();
    expect(sniffCompression(fixture('customers.csv.bz2'))).toBe('bzip2');
    expect(sniffCompression(Buffer.from('425a683917724538509000000000', 'hex'))).toBe('bzip2');
  });

  it('takes no text for a compressed file: `BZh` starts words too', () => {
    for (const text of ['BZh9 is a block size', 'BZh91AY&SX', 'Rar! archive', '7z a backup.7z']) {
      expect(unreadableCoding(Buffer.from(text), undefined)).toBeUndefined();
      expect(sniffCompression(Buffer.from(text))).toBeUndefined();
    }
  });
});

describe('sniffUtf16', () => {
  const text = 'name: Jane Doe, email jane.doe@example.com';

  it('reads a byte-order mark, a charset, or ASCII text with a zero byte beside every character', () => {
    expect(sniffUtf16(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x', 'utf16le')]))).toBe('utf-16le');
    expect(sniffUtf16(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('x')]))).toBe('utf-16be');
    expect(sniffUtf16(Buffer.from(text, 'utf16le'))).toBe('utf-16le');
    expect(sniffUtf16(utf16be(text))).toBe('utf-16be');
    expect(sniffUtf16(Buffer.from('ab'), 'text/plain; charset=UTF-16LE')).toBe('utf-16le');
    expect(sniffUtf16(Buffer.from('ab'), 'application/json; charset="utf-16be"')).toBe('utf-16be');
  });

  it('leaves UTF-8 and Latin-1 text, short heads and binary alone', () => {
    expect(sniffUtf16(Buffer.from(text))).toBeUndefined();
    expect(sniffUtf16(Buffer.from('Grüße aus Köln, Straße 1', 'latin1'))).toBeUndefined();
    expect(sniffUtf16(Buffer.from('ab', 'utf16le'))).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 64 }), (t) => {
        expect(sniffUtf16(Buffer.from(t, 'utf8'))).toBeUndefined();
      }),
    );
  });

  it('decodes UTF-16 of either byte order to the same UTF-8 as the text itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (t) => {
        const utf8 = Buffer.from(t, 'utf8');
        expect(utf16ToUtf8(Buffer.from(t, 'utf16le'), 'utf-16le')).toEqual(utf8);
        expect(utf16ToUtf8(utf16be(t), 'utf-16be')).toEqual(utf8);
        expect(utf16ToUtf8(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), 'utf-16le')).toEqual(
          utf8,
        );
      }),
    );
  });
});

describe('quotedPrintableDecode', () => {
  const decode = (text: string): string => quotedPrintableDecode(Buffer.from(text, 'latin1')).toString('latin1');

  it('decodes =XX in either case and joins soft breaks (CRLF, LF, trailing blanks, at the end)', () => {
    expect(decode('ada=40example.com =3D=c3=a9')).toBe('ada@example.com =\xc3\xa9');
    expect(decode('4111 1111 =\r\n1111 =  \n1111=')).toBe('4111 1111 1111 1111');
    expect(decode('a\r\nb')).toBe('a\r\nb');
  });

  it('keeps a malformed = as it is', () => {
    expect(decode('x=ZZ y=4 z=')).toBe('x=ZZ y=4 z');
  });

  it('undoes what a mail client encodes, at any line width, and never grows its input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 4, max: 80 }),
        fc.constantFrom('\r\n', '\n'),
        (bytes, width, eol) => {
          const encoded = quotedPrintable(bytes, eol, width);
          expect(Buffer.compare(quotedPrintableDecode(encoded), Buffer.from(bytes))).toBe(0);
        },
      ),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(quotedPrintableDecode(bytes).length).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });
});

describe('textShape', () => {
  it('tells plain ASCII text from text with UTF-8 and from binary', () => {
    expect(textShape(Buffer.from('{"email":"grace@example.org","qty":3}\n'))).toBe(TextShape.ASCII);
    expect(textShape(Buffer.from('Grüße aus Köln, Straße 1, 50667 Köln'))).toBe(TextShape.TEXT);
    expect(textShape(Buffer.from([0x00, 0x9c, 0x11, 0xfe, 0x03, 0x80, 0x7f, 0x01]))).toBe(TextShape.NONE);
    expect(textShape(Buffer.from('abc'))).toBe(TextShape.NONE);
  });

  it('never calls random bytes plain ASCII text, so decoded tokens and credentials keep their own matching', () => {
    // a token whose base64 decoding reads as TEXT (UTF-8 lead bytes count) but not as ASCII
    expect(textShape(Buffer.from('ghp_0EQh36LybPXFJycuNE033CBR8fnXcFz90EQh', 'base64'))).toBe(TextShape.TEXT);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 18, maxLength: 96 }), (bytes) => {
        expect(textShape(bytes)).not.toBe(TextShape.ASCII);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formDecoded', () => {
  const decoded = (text: string, percent: boolean) => {
    const { text: out, offsets } = formDecoded(text, percent, 10);
    return { out, offsets: [...offsets] };
  };

  it("undoes a form's escapes and its '+', each decoded character at its offset", () => {
    expect(decoded('a%40b+c', true)).toEqual({ out: 'a@b c', offsets: [10, 11, 14, 15, 16, 17] });
    // '%2B' is a plus kept; '+' a space; an invalid escape stays
    expect(decoded('%2B44+20%zz', true)).toEqual({
      out: '+44 20%zz',
      offsets: [10, 13, 14, 15, 16, 17, 18, 19, 20, 21],
    });
  });

  it('maps every decoded character to the escape or byte it came from, in order', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9%+A-F]{0,40}$/), fc.boolean(), (text, percent) => {
        const { text: out, offsets } = formDecoded(text, percent, 7);
        expect(offsets).toHaveLength(out.length + 1);
        expect(offsets[0]).toBe(7);
        expect(offsets[out.length]).toBe(7 + text.length);
        for (let i = 0; i < out.length; i++) {
          const span = text.slice((offsets[i] as number) - 7, (offsets[i + 1] as number) - 7);
          // one byte as itself or a '+' as a space, or a three-byte escape as the byte it holds
          expect(span.length === 1 || (span.length === 3 && span[0] === '%'), span).toBe(true);
          if (span.length === 3) expect(out.charCodeAt(i)).toBe(Number.parseInt(span.slice(1), 16));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a leading '+' and every escape without `percent`: a phone number's own plus, sent unencoded", () => {
    expect(decoded('+44+20%40', false)).toEqual({
      out: '+44 20%40',
      offsets: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
    });
  });
});

describe('text escapes', () => {
  it('undo JSON, XML, COPY and SQL escapes, beyond ASCII as the UTF-8 bytes a raw body holds', () => {
    const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
    expect(jsonUnescape(String.raw`O\u0027Neill \u00e9 \"q\" \n`)).toBe(`O'Neill ${utf8('é')} "q" \n`);
    expect(xmlUnescape('O&apos;Neill &#233; &#xE9; &lt;b&gt; &amp;amp; &bogus;')).toBe(
      `O'Neill ${utf8('é')} ${utf8('é')} <b> &amp; &bogus;`,
    );
    expect(copyUnescape(String.raw`a\tb\\c\351\x41\N`)).toBe('a\tb\\c\xe9AN');
    expect(sqlUnescape(String.raw`O\'Neill it''s a\\b\n`)).toBe("O'Neill it's a\\b\n");
  });
});
