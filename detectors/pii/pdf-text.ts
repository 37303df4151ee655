/**
 * The text a PDF page shows, from its drawing operators: strings shown with `Tj`, `TJ`, `'` and `"`, decoded
 * through each font's ToUnicode map, in drawing order. Producers cut a line into many pieces (Chrome draws
 * "4111" as "41", "1", "1" at kerned positions), so pieces are joined by where they are drawn: the same line
 * and no gap joins them as one word, a gap is a space, another line a line break. Glyph widths come from the
 * font (`pdf-fonts.ts`); a font that lists none is taken as half the size a glyph, close enough for the lines
 * such fonts are drawn in (one string each).
 */

import type { PdfFont } from './pdf-fonts.js';

/** @internal How drawing operators find a font: by its name in the drawing's resources. */
export type FontLookup = (name: string) => PdfFont | undefined;

/** Most text one drawing yields, in characters: bounds a hostile stream's output. */
const MAX_TEXT = 16 * 1024 * 1024;

/** @internal The text a drawing shows, as described above. `content` is its content streams' bytes, in order. */
export function drawnText(content: Uint8Array, fontOf: FontLookup): string {
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  const out: string[] = [];
  let length = 0;
  const operands: (string | number | (string | number)[])[] = [];
  let font: PdfFont | undefined;
  let size = 1;
  let charSpacing = 0;
  let wordSpacing = 0;
  let scale = 1;
  // the line's start, the current point, and where the last piece ended (x) and on which line (y)
  let lineX = 0;
  let lineY = 0;
  let x = 0;
  let endX = Number.NaN;
  let endY = Number.NaN;
  let leading = 0;
  const show = (piece: string | number | (string | number)[] | undefined): void => {
    if (length > MAX_TEXT) return;
    const em = Math.abs(size * scale) || 1;
    for (const part of Array.isArray(piece) ? piece : [piece]) {
      if (typeof part === 'number') {
        // a TJ adjustment: thousandths of the font size, negative to the right
        x -= (part / 1000) * em;
        continue;
      }
      if (part === undefined) continue;
      const { chars, glyphs, width, spaces } = decodeString(part, font);
      if (glyphs === 0) continue;
      // a kerning step moves a piece by a few hundredths of the size; a space is a quarter of it or more, and a
      // piece drawn further back than a glyph starts a new run (a table cell, a second column)
      let gap = '';
      if (!Number.isNaN(endY) && Math.abs(lineY - endY) > em * 0.5) gap = '\n';
      else if (!Number.isNaN(endX) && (x - endX > em * 0.2 || endX - x > em)) gap = ' ';
      out.push(gap, chars);
      length += gap.length + chars.length;
      x += (width / 1000) * em + (glyphs * charSpacing + spaces * wordSpacing) * scale;
      endX = x;
      endY = lineY;
    }
  };
  const moveTo = (tx: number, ty: number): void => {
    lineX += tx * scale;
    lineY += ty * scale;
    x = lineX;
  };
  for (const token of contentTokens(text)) {
    if (token.kind !== 'op') {
      operands.push(token.value);
      if (operands.length > 64) operands.shift();
      continue;
    }
    const n = (k: number): number => {
      const v = operands[operands.length - k];
      return typeof v === 'number' ? v : 0;
    };
    switch (token.value) {
      case 'BT':
        lineX = lineY = x = 0;
        scale = 1;
        break;
      case 'Tf':
        font = fontOf(String(operands[operands.length - 2] ?? ''));
        size = n(1);
        break;
      case 'Tm':
        scale = Math.hypot(n(6), n(5)) || 1;
        lineX = x = n(2);
        lineY = n(1);
        break;
      case 'Td':
        moveTo(n(2), n(1));
        break;
      case 'TD':
        leading = -n(1);
        moveTo(n(2), n(1));
        break;
      case 'TL':
        leading = n(1);
        break;
      case 'Tc':
        charSpacing = n(1);
        break;
      case 'Tw':
        wordSpacing = n(1);
        break;
      case 'T*':
        moveTo(0, -leading);
        break;
      case 'Tj':
        show(operands[operands.length - 1]);
        break;
      case 'TJ':
        show(operands[operands.length - 1]);
        break;
      case "'":
      case '"':
        if (token.value === '"') {
          wordSpacing = n(3);
          charSpacing = n(2);
        }
        moveTo(0, -leading);
        show(operands[operands.length - 1]);
        break;
    }
    operands.length = 0;
  }
  return out.join('');
}

/**
 * A string's bytes (latin1) through a font: its text, how many glyphs it draws, their width (thousandths of the
 * size) and how many are single-byte spaces (word spacing applies to those).
 */
function decodeString(
  bytes: string,
  font: PdfFont | undefined,
): { chars: string; glyphs: number; width: number; spaces: number } {
  const step = font?.cmap?.codeBytes ?? (font?.twoByte ? 2 : 1);
  let chars = '';
  let glyphs = 0;
  let width = 0;
  let spaces = 0;
  for (let k = 0; k + step <= bytes.length; k += step) {
    const code = step === 2 ? (bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1) : bytes.charCodeAt(k);
    // a simple font without a map draws its codes as Latin-1 (WinAnsi, close enough for what is scanned)
    chars += font?.cmap ? (font.cmap.map.get(code) ?? '') : step === 1 ? bytes[k] : '';
    glyphs++;
    width += font ? (font.widths.get(code) ?? font.defaultWidth) : 500;
    if (step === 1 && code === 32) spaces++;
  }
  return { chars, glyphs, width, spaces };
}

type Token = { kind: 'op'; value: string } | { kind: 'operand'; value: string | number | (string | number)[] };

/** 1 for white space (ISO 32000-1 §7.2.2). */
const SPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) SPACE[c] = 1;
/** 1 for bytes that end a name, number or operator: white space and delimiters. */
const DELIMITER = Uint8Array.from(SPACE);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
/** Where an inline image's data ends: `EI` after white space, before white space or the end. */
const INLINE_IMAGE_END = /\sEI(?=\s|$)/g;

function lineEnd(text: string, at: number): number {
  let k = at;
  while (k < text.length && text[k] !== '\n' && text[k] !== '\r') k++;
  return k;
}

/**
 * Operators and their operands, in order: numbers, names (`/F1`), strings (literal or hex, as latin1 bytes) and
 * arrays of those. Dictionaries (marked-content properties) are skipped, and so is an inline image's data.
 */
function* contentTokens(text: string): Generator<Token> {
  let array: (string | number)[] | undefined;
  const operand = (value: string | number): Token | undefined => {
    if (array) {
      array.push(value);
      return undefined;
    }
    return { kind: 'operand', value };
  };
  let k = 0;
  while (k < text.length) {
    const c = text[k] as string;
    if (SPACE[text.charCodeAt(k)] === 1) {
      k++;
      continue;
    }
    let token: Token | undefined;
    if (c === '%') {
      k = lineEnd(text, k);
      continue;
    }
    if (c === '(') {
      const end = literalEnd(text, k);
      token = operand(unescapeLiteral(text.slice(k + 1, end - 1)));
      k = end;
    } else if (c === '<' && text[k + 1] === '<') {
      const end = dictionaryEnd(text, k);
      k = end < 0 ? text.length : end;
      continue;
    } else if (c === '<') {
      const end = text.indexOf('>', k);
      token = operand(hexBytes(text.slice(k + 1, end < 0 ? text.length : end)).toString('latin1'));
      k = end < 0 ? text.length : end + 1;
    } else if (c === '[') {
      array = [];
      k++;
      continue;
    } else if (c === ']') {
      token = array ? { kind: 'operand', value: array } : undefined;
      array = undefined;
      k++;
    } else if (c === '/') {
      let end = k + 1;
      while (end < text.length && DELIMITER[text.charCodeAt(end)] !== 1) end++;
      token = operand(text.slice(k + 1, end));
      k = end;
    } else {
      let end = k + 1;
      while (end < text.length && DELIMITER[text.charCodeAt(end)] !== 1) end++;
      const word = text.slice(k, end);
      k = end;
      const number = Number(word);
      if (word !== '' && !Number.isNaN(number) && /^[+-]?(\d|\.\d)/.test(word)) token = operand(number);
      else if (word === 'ID') {
        // inline image data runs to `EI` after white space
        INLINE_IMAGE_END.lastIndex = k;
        k = INLINE_IMAGE_END.exec(text) ? INLINE_IMAGE_END.lastIndex : text.length;
        continue;
      } else if (!array) token = { kind: 'op', value: word };
    }
    if (token) yield token;
  }
}

/** @internal The end (after its `)`) of the literal string opening at `at`, balanced parentheses and escapes honoured. */
export function literalEnd(text: string, at: number): number {
  let depth = 0;
  for (let k = at; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
  }
  return text.length;
}

/**
 * @internal The end (after `>>`) of the dictionary opening at `at`, skipping its strings (`(…)`, `<…>` hex);
 * -1 when it does not close before `limit`.
 */
export function dictionaryEnd(text: string, at: number, limit = text.length): number {
  let depth = 0;
  for (let k = at; k < limit; k++) {
    const c = text[k];
    if (c === '(') k = literalEnd(text, k) - 1;
    else if (c === '<' && text[k + 1] !== '<') {
      const close = text.indexOf('>', k);
      if (close < 0) return -1;
      k = close;
    } else if (c === '<') {
      depth++;
      k++;
    } else if (c === '>' && text[k + 1] === '>') {
      k++;
      if (--depth === 0) return k + 1;
    }
  }
  return -1;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** @internal A literal string's escapes undone: `\n`, `\(`, `\\`, octal `\ddd`, a backslash before a line break. */
export function unescapeLiteral(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r\n|[\r\n]|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e === '\r\n' || e === '\r' || e === '\n') return '';
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8) & 0xff);
    return ESCAPES[e] ?? e;
  });
}

/**
 * @internal ASCII base-85 (ISO 32000-1 §7.4.3), as PostScript-born producers wrap a content stream: groups of five
 * characters from `!` to `u` make four bytes, `z` four zero bytes, `~>` ends the data; white space is ignored.
 */
export function ascii85Decode(data: Uint8Array): Buffer {
  const out: number[] = [];
  let group = 0;
  let count = 0;
  for (let k = 0; k < data.length; k++) {
    const c = data[k] as number;
    if (c === 126) break;
    if (c === 122 && count === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 33 || c > 117) continue;
    group = group * 85 + (c - 33);
    if (++count === 5) {
      out.push((group >>> 24) & 255, (group >>> 16) & 255, (group >>> 8) & 255, group & 255);
      group = 0;
      count = 0;
    }
  }
  // a final partial group of n characters is padded with `u` and yields n - 1 bytes
  if (count > 1) {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    const bytes = [(group >>> 24) & 255, (group >>> 16) & 255, (group >>> 8) & 255, group & 255];
    out.push(...bytes.slice(0, count - 1));
  }
  return Buffer.from(out);
}

/** @internal ASCII hex (ISO 32000-1 §7.4.2): hex digits up to `>`, white space ignored, an odd last digit as if 0 followed. */
export function asciiHexDecode(data: Uint8Array): Buffer {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const close = text.indexOf('>');
  return hexBytes(close < 0 ? text : text.slice(0, close));
}

/** The bytes of the hex digits in `text` (anything else ignored), an odd last digit as if 0 followed. */
function hexBytes(text: string): Buffer {
  const hex = text.replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}
