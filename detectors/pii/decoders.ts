import { Gunzip, Unzlib } from 'fflate';
import { XZ_MAGIC } from './xz.js';

/**
 * Content encodings the scanner can open, by `content-encoding` name or magic bytes. `zstd` is Zstandard's frame format
 * (RFC 8878); `lz4` the LZ4 frame format, `bzip2` bzip2's and `xz` the .xz file format's, by their magic bytes alone
 * (no HTTP coding has their names); `snappy` is Snappy's raw format, as Prometheus remote write and Loki's push API
 * send it (declared only: it has no magic bytes).
 */
export const Compression = {
  GZIP: 'gzip',
  DEFLATE: 'deflate',
  BROTLI: 'br',
  SNAPPY: 'snappy',
  ZSTD: 'zstd',
  LZ4: 'lz4',
  BZIP2: 'bzip2',
  XZ: 'xz',
} as const;
export type Compression = (typeof Compression)[keyof typeof Compression];

/** Bytes of a body's head that `sniffCompression` looks at. */
export const SNIFF_BYTES = 64;

/**
 * Sniffs gzip (1f 8b), zlib (78 01/5e/9c/da), Zstandard, LZ4, bzip2 and xz magic bytes in the first `SNIFF_BYTES` of a
 * body; brotli and Snappy have none and need `content-encoding`. Text can start with a zlib header (`x^ …`): a head that
 * reads as text after those two bytes is text, as compressed bytes are near-random. With `verify`, a gzip or zlib head
 * must also inflate without an error (see `startsInflating`).
 */
export function sniffCompression(head: Uint8Array, contentEncoding?: string, verify = true): Compression | undefined {
  const declared = contentEncoding?.trim().toLowerCase();
  if (declared === 'gzip' || declared === 'x-gzip') return Compression.GZIP;
  if (declared === 'deflate') return Compression.DEFLATE;
  if (declared === 'br') return Compression.BROTLI;
  if (declared === 'snappy') return Compression.SNAPPY;
  if (declared === 'zstd') return Compression.ZSTD;
  if (head[0] === 0x1f && head[1] === 0x8b && (!verify || startsInflating(head, Compression.GZIP)))
    return Compression.GZIP;
  // RFC 8878 §3.1.1
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return Compression.ZSTD;
  // the LZ4 frame format's magic, 0x184D2204 little-endian
  if (head[0] === 0x04 && head[1] === 0x22 && head[2] === 0x4d && head[3] === 0x18) return Compression.LZ4;
  if (isBzip2(head)) return Compression.BZIP2;
  if (XZ_MAGIC.every((b, k) => head[k] === b)) return Compression.XZ;
  if (
    head[0] === 0x78 &&
    (head[1] === 0x01 || head[1] === 0x5e || head[1] === 0x9c || head[1] === 0xda) &&
    !textAfterZlibHeader(head) &&
    (!verify || startsInflating(head, Compression.DEFLATE))
  )
    return Compression.DEFLATE;
  return undefined;
}

/**
 * The head's bytes start a gzip or zlib stream: they inflate without an error, as far as they go. Two magic bytes are
 * met by chance in binary bodies (a BSON document's length, a protobuf field), and a body taken for a stream that is
 * none would be reported corrupt and not read at all. A random block header is a stored block one time in four, whose
 * length fflate copies without checking its complement: checked here, about 3 in 100 such heads still pass.
 */
function startsInflating(head: Uint8Array, kind: Compression): boolean {
  const sniffed = head.subarray(0, SNIFF_BYTES);
  const firstBlock = kind === Compression.GZIP ? gzipHeaderEnd(sniffed) : ZLIB_HEADER_BYTES;
  if (!storedLengthsAgree(sniffed, firstBlock)) return false;
  try {
    const ignore = (): void => {};
    const stream = kind === Compression.GZIP ? new Gunzip(ignore) : new Unzlib(ignore);
    stream.push(sniffed, false);
    return true;
  } catch {
    return false;
  }
}

/** A zlib header without a preset dictionary (every magic `sniffCompression` knows) is two bytes (RFC 1950 §2.2). */
const ZLIB_HEADER_BYTES = 2;

/** Where a gzip member's first deflate block starts, past its optional fields (RFC 1952 §2.3). */
function gzipHeaderEnd(head: Uint8Array): number {
  const flags = head[3] ?? 0;
  let at = 10;
  if (flags & 0x04) at += 2 + ((head[at] ?? 0) | ((head[at + 1] ?? 0) << 8));
  // the file name and comment end at a zero byte; past the head, the block is beyond what can be told
  for (const field of [0x08, 0x10]) {
    if (!(flags & field)) continue;
    while (at < head.length && head[at] !== 0) at++;
    at++;
  }
  return flags & 0x02 ? at + 2 : at;
}

/** A stored block at `at` (RFC 1951 §3.2.4) has a length whose one's complement follows it; any other block passes. */
function storedLengthsAgree(head: Uint8Array, at: number): boolean {
  if (at + 5 > head.length || (((head[at] as number) >> 1) & 3) !== 0) return true;
  const length = (head[at + 1] as number) | ((head[at + 2] as number) << 8);
  const complement = (head[at + 3] as number) | ((head[at + 4] as number) << 8);
  return (length ^ complement) === 0xffff;
}

/** ASCII text after the two header bytes. Not `textShape`: compressed bytes are full of UTF-8 lead bytes. */
function textAfterZlibHeader(head: Uint8Array): boolean {
  const end = Math.min(head.length, SNIFF_BYTES);
  if (end <= 2) return false;
  let printable = 0;
  for (let i = 2; i < end; i++) {
    const b = head[i] as number;
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  }
  return printable >= (end - 2) * 0.85;
}

/** Content codings the scanner undoes. */
const KNOWN_CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'snappy', 'zstd', 'aws-chunked']);
/**
 * Magic numbers of archives the scanner cannot open: a body starting with one is reported unreadable rather than read
 * as text in silence (`.7z` and `.rar` archives).
 */
const UNREADABLE_MAGIC: readonly (readonly [string, readonly number[]])[] = [
  // 7z's signature header (7zFormat.txt)
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  // RAR 1.5 to 4 (`Rar!\x1a\x07\x00`) and RAR 5 (`Rar!\x1a\x07\x01\x00`)
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
];
/** bzip2's block and end-of-stream magics after `BZh` and its block size (`1AY&SY`, `\x17rE8P\x90`). */
const BZIP2_NEXT = [
  [0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
  [0x17, 0x72, 0x45, 0x38, 0x50, 0x90],
];

/** `BZh`, a block size from 1 to 9, then a block's magic (π) or the end of stream's (√π): `BZh` alone starts words too. */
function isBzip2(head: Uint8Array): boolean {
  const size = head[3] ?? 0;
  return (
    head[0] === 0x42 &&
    head[1] === 0x5a &&
    head[2] === 0x68 &&
    size >= 0x31 &&
    size <= 0x39 &&
    BZIP2_NEXT.some((next) => next.every((b, k) => head[4 + k] === b))
  );
}

/** The format whose magic number `head` starts with, of those the scanner cannot open. */
function unreadableMagic(head: Uint8Array): string | undefined {
  for (const [name, magic] of UNREADABLE_MAGIC) if (magic.every((b, k) => head[k] === b)) return name;
  return undefined;
}

/**
 * @internal The codings of a `content-encoding` value in the order they were applied (RFC 9110 §8.4), lower-cased,
 * `identity` left out: `gzip, br` was gzipped, then brotli-compressed.
 */
export function contentCodings(contentEncoding: string | undefined): string[] {
  if (!contentEncoding) return [];
  return contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

/**
 * @internal The coding a body is in that the scanner cannot undo: a declared one it does not know (`zstd`,
 * `compress`), or the magic bytes of an archive it cannot open in an undeclared body (7z, RAR). Such a body is read
 * as it is and reported unreadable.
 */
export function unreadableCoding(head: Uint8Array, contentEncoding: string | undefined): string | undefined {
  const codings = contentCodings(contentEncoding);
  const unknown = codings.find((c) => !KNOWN_CODINGS.has(c));
  if (unknown !== undefined) return unknown;
  return codings.length === 0 ? unreadableMagic(head) : undefined;
}

const HEX = /%[0-9A-Fa-f]{2}/;

/** True when `text` holds a percent-escape. */
export function hasPercentEscape(text: string): boolean {
  return HEX.test(text);
}

/** Percent-decodes to latin1 characters (one per byte, so UTF-8 stays as bytes); invalid escapes are kept. */
export function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/**
 * @internal A form or query value decoded (latin1 characters): its percent escapes undone when `percent`, and its '+'
 * made spaces, all of them when `percent`, else all but a leading one (a phone number's own, `phone=+4420…`, sent
 * unencoded). `offsets` gives the offset of each decoded character in `text`, and of its end, plus `base`.
 */
export function formDecoded(text: string, percent: boolean, base: number): { text: string; offsets: Int32Array } {
  const offsets = new Int32Array(text.length + 1);
  let out = '';
  let i = 0;
  while (i < text.length) {
    offsets[out.length] = base + i;
    const c = text[i] as string;
    if (percent && c === '%' && HEX_PAIR.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      out += c === '+' && (percent || i > 0) ? ' ' : c;
      i++;
    }
  }
  offsets[out.length] = base + text.length;
  return { text: out, offsets: offsets.subarray(0, out.length + 1) };
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

const JSON_SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '/': '/',
  '\\': '\\',
  '"': '"',
};

/**
 * A code point as the scanner reads text: ASCII as itself, anything else as its UTF-8 bytes in latin1 characters,
 * so an escaped `é` reads (and fingerprints) like the raw `é` of a UTF-8 body.
 */
function utf8Char(code: number): string {
  return code < 0x80 ? String.fromCharCode(code) : Buffer.from(String.fromCodePoint(code), 'utf8').toString('latin1');
}

/** Undoes JSON string escapes; `\uXXXX` beyond ASCII becomes its UTF-8 bytes as latin1 characters. */
export function jsonUnescape(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|[ntrbf/\\"])/g, (_, e: string) =>
    e.length === 1 ? (JSON_SIMPLE[e] ?? e) : utf8Char(Number.parseInt(e.slice(1), 16)),
  );
}

const XML_NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes XML's five named entities and numeric character references (beyond ASCII as UTF-8 bytes, as above). */
export function xmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, dec, hex, name) => {
    if (name) return XML_NAMED[name] ?? whole;
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
    return code > 0x10ffff ? whole : utf8Char(code);
  });
}

const COPY_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };
const SQL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '0': '\0', Z: '\x1a', b: '\b' };

/** Undoes a SQL string literal's escapes: doubled apostrophes, and MySQL's backslash escapes. */
export function sqlUnescape(value: string): string {
  return value.replace(/''|\\(.)/g, (_, e: string | undefined) => (e === undefined ? "'" : (SQL_ESCAPES[e] ?? e)));
}

/** Undoes the backslash escapes of PostgreSQL's COPY text format (`\t`, `\n`, `\\`, octal `\351`…). */
export function copyUnescape(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\([0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/g, (_, e: string) => {
    if (e.length > 1 || (e >= '0' && e <= '7'))
      return String.fromCharCode(e[0] === 'x' ? Number.parseInt(e.slice(1), 16) : Number.parseInt(e, 8) & 0xff);
    return COPY_ESCAPES[e] ?? e;
  });
}

/** UTF-16 byte orders, as `TextDecoder` names them. */
export type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * Sniffs UTF-16 text (Windows tools, PowerShell's `-EncodedCommand`, some SOAP bodies): a `charset` in the
 * content type, a byte-order mark, or mostly-ASCII text where every other byte is zero (at least 16 bytes).
 */
export function sniffUtf16(head: Uint8Array, contentType?: string): Utf16 | undefined {
  const charset = /charset\s*=\s*"?utf-16(le|be)?/i.exec(contentType ?? '');
  if (charset) return charset[1]?.toLowerCase() === 'be' || (!charset[1] && head[0] === 0xfe) ? 'utf-16be' : 'utf-16le';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n < 16) return undefined;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const units = n / 2;
  if (zeroOdd >= units * 0.9 && zeroEven <= units * 0.1) return 'utf-16le';
  if (zeroEven >= units * 0.9 && zeroOdd <= units * 0.1) return 'utf-16be';
  return undefined;
}

/** UTF-16 text as UTF-8 bytes (byte-order mark dropped, unpaired surrogates as U+FFFD), the form the scanner reads. */
export function utf16ToUtf8(bytes: Uint8Array, encoding: Utf16): Buffer {
  return Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8');
}

/** Value of a hex digit's byte (either case), -1 otherwise. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * Quoted-printable content (RFC 2045 §6.7, e-mail bodies and parts): `=XX` is the byte XX and `=` at a line's
 * end a soft break, which joins a value a mail client wrapped at 76 columns (`4111 1111 =\r\n1111 1111`).
 * Anything else, a malformed `=` included, is kept as it is. Given `offsets` (one more than the bytes), it is filled with
 * the offset in `bytes` each decoded byte came from, and of the end after the last.
 */
export function quotedPrintableDecode(bytes: Uint8Array, offsets?: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (offsets) offsets[n] = i;
    if (c !== 61) {
      out[n++] = c;
      continue;
    }
    // a soft break: `=`, optional trailing spaces or tabs, then CRLF or LF
    let j = i + 1;
    while (bytes[j] === 32 || bytes[j] === 9) j++;
    if (bytes[j] === 13 && bytes[j + 1] === 10) j++;
    if (bytes[j] === 10 || j >= bytes.length) {
      i = j;
      continue;
    }
    const hi = hexValue(bytes[i + 1] ?? 0);
    const lo = hexValue(bytes[i + 2] ?? 0);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c;
  }
  if (offsets) offsets[n] = bytes.length;
  return out.subarray(0, n);
}

/** What `textShape` found: not text, text (UTF-8 allowed), or plain ASCII text. */
export const TextShape = { NONE: 0, TEXT: 1, ASCII: 2 } as const;
export type TextShape = (typeof TextShape)[keyof typeof TextShape];

/**
 * `TEXT` when at least 85 % of the bytes are printable ASCII, common whitespace or UTF-8 lead/continuation
 * bytes; `ASCII` when all but at most 2 % are printable ASCII or whitespace (18 random bytes are, with odds of
 * 1 in 32 million: decoded random tokens, credentials among them, are never `ASCII`).
 */
export function textShape(bytes: Uint8Array): TextShape {
  if (bytes.length < 6) return TextShape.NONE;
  let printable = 0;
  let ascii = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) ascii++;
    else if (b >= 0xc2) printable++;
  }
  if (ascii >= bytes.length - Math.floor(bytes.length / 50)) return TextShape.ASCII;
  return ascii + printable >= bytes.length * 0.85 ? TextShape.TEXT : TextShape.NONE;
}
