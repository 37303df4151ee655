/**
 * HTML pages: a leaking endpoint serves personal data as a page, and a page escapes what it shows. A server-rendered
 * app puts its state in an attribute as `{&quot;email&quot;:&quot;ada@…&quot;}`, a name reads `M&uuml;ller`. The page
 * is read with its character references undone, and every offset found is mapped back to the page's own bytes.
 */

/**
 * @internal True for an HTML page: by its content type, or a head (the first `SNIFF_BYTES`, as every reader of the
 * body sees them) starting with a doctype, an `<html>`, `<table>` or `<tr>` tag.
 */
export function looksLikeHtml(head: Uint8Array, contentType: string | undefined): boolean {
  if (contentType !== undefined && /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  // most bodies are ruled out by their first byte that is not white space or a byte-order mark
  let k = 0;
  while (
    k < head.length &&
    (head[k] === 32 || head[k] === 10 || head[k] === 13 || head[k] === 9 || (head[k] as number) >= 0xbb)
  )
    k++;
  if (head[k] !== 60) return false;
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1');
  // a fragment that starts a table (`pandas.DataFrame.to_html`, `sqlite3 -html`) is a page too
  return /^(?:\xef\xbb\xbf)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|table|tr)[\s>]/i.test(text);
}

/** Named references a page uses for markup and for the letters of names (HTML Living Standard, a subset). */
const NAMED: Readonly<Record<string, number>> = {
  quot: 34,
  amp: 38,
  apos: 39,
  lt: 60,
  gt: 62,
  // a no-break space reads as a space: `GB82&nbsp;WEST …` is an IBAN written in groups
  nbsp: 32,
  commat: 64,
  period: 46,
  lowbar: 95,
  colon: 58,
  plus: 43,
  num: 35,
  excl: 33,
  percnt: 37,
  sol: 47,
  szlig: 223,
};
// the Latin-1 letters with a diacritic, by their entity names (`&Auml;`, `&eacute;`, `&ccedil;`…)
const ACCENTS: Readonly<Record<string, [string, string]>> = {
  grave: ['\u0300', 'AEIOUaeiou'],
  acute: ['\u0301', 'AEIOUYaeiouy'],
  circ: ['\u0302', 'AEIOUaeiou'],
  tilde: ['\u0303', 'ANOano'],
  uml: ['\u0308', 'AEIOUaeiouy'],
  ring: ['\u030a', 'Aa'],
  cedil: ['\u0327', 'Cc'],
};
const LETTERS: Record<string, number> = {
  Oslash: 216,
  oslash: 248,
  AElig: 198,
  aelig: 230,
  ETH: 208,
  eth: 240,
  THORN: 222,
  thorn: 254,
};
for (const [accent, [mark, letters]] of Object.entries(ACCENTS))
  for (const letter of letters)
    LETTERS[`${letter}${accent}`] = `${letter}${mark}`.normalize('NFC').codePointAt(0) as number;

/** @internal A page with its references undone, and the way back from its offsets to the page's. */
export interface Unescaped {
  bytes: Buffer;
  /** The page offset of a start (`end` false) or an end offset in `bytes`. */
  toPage(at: number, end: boolean): number;
}

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * @internal The page with its character references (`&#64;`, `&#x40;`, `&quot;`, `&uuml;`) undone as UTF-8, or
 * undefined when it holds none. Unknown names and invalid code points are left as they are.
 */
export function htmlUnescape(page: Buffer): Unescaped | undefined {
  const text = page.toString('latin1');
  if (!text.includes('&')) return undefined;
  const parts: Buffer[] = [];
  // per reference: where it starts in the page and in the output, and its length in each
  const pageAt: number[] = [];
  const outAt: number[] = [];
  const pageLength: number[] = [];
  const outLength: number[] = [];
  let last = 0;
  let out = 0;
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
    const code =
      m[1] !== undefined
        ? Number(m[1])
        : m[2] !== undefined
          ? Number.parseInt(m[2], 16)
          : (NAMED[m[3] as string] ?? LETTERS[m[3] as string]);
    if (code === undefined || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) continue;
    const char = Buffer.from(String.fromCodePoint(code), 'utf8');
    parts.push(page.subarray(last, m.index), char);
    out += m.index - last;
    pageAt.push(m.index);
    outAt.push(out);
    pageLength.push(m[0].length);
    outLength.push(char.length);
    out += char.length;
    last = m.index + m[0].length;
  }
  if (pageAt.length === 0) return undefined;
  parts.push(page.subarray(last));
  const toPage = (at: number, end: boolean): number => {
    // the last reference whose output starts before `at` (text between references maps one to one)
    let lo = 0;
    let hi = outAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((outAt[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return at;
    const o = outAt[i] as number;
    const p = pageAt[i] as number;
    // inside the bytes of a reference's character (a UTF-8 sequence): the whole reference
    if (at < o + (outLength[i] as number)) return end ? p + (pageLength[i] as number) : p;
    return p + (pageLength[i] as number) + (at - o - (outLength[i] as number));
  };
  return { bytes: Buffer.concat(parts), toPage };
}
