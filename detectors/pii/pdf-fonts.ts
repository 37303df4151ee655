/**
 * PDF fonts as text extraction needs them: which text each code stands for (the font's ToUnicode map) and how
 * wide each glyph is (so pieces of a line drawn apart can be told from words drawn apart).
 */
import { type PdfObject, refs } from './pdf.js';

/** @internal A font's code-to-text map (a ToUnicode CMap): codes of `codeBytes` bytes each. */
export interface CMap {
  codeBytes: 1 | 2;
  map: Map<number, string>;
}

/** Most codes a CMap may map (a bfrange covers at most 256): bounds a hostile file's map. */
const MAX_CODES = 65536;

/** @internal Parses a ToUnicode CMap's `bfchar` and `bfrange` sections (UTF-16BE targets). */
export function parseCMap(text: string): CMap {
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text);
  const codeBytes: 1 | 2 = space && (space[1] as string).length <= 2 ? 1 : 2;
  const map = new Map<number, string>();
  for (const section of sections(text, 'beginbfchar', 'endbfchar'))
    for (const m of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      if (map.size < MAX_CODES) map.set(Number.parseInt(m[1] as string, 16), utf16Hex(m[2] as string));
  for (const section of sections(text, 'beginbfrange', 'endbfrange'))
    for (const m of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const lo = Number.parseInt(m[1] as string, 16);
      const hi = Math.min(Number.parseInt(m[2] as string, 16), lo + 255);
      const target = m[3] as string;
      const list = target.startsWith('[') ? [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].map((t) => t[1] as string) : [];
      const first = list.length === 0 ? target.slice(1, -1) : '';
      for (let code = lo; code <= hi && map.size < MAX_CODES; code++) {
        const hex = list.length > 0 ? list[code - lo] : first;
        if (hex !== undefined) map.set(code, list.length > 0 ? utf16Hex(hex) : utf16Hex(hex, code - lo));
      }
    }
  return { codeBytes, map };
}

/** The texts between each `begin` and the `end` after it (the last one runs to the text's end if it is cut). */
function sections(text: string, begin: string, end: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf(begin); at >= 0; ) {
    const close = text.indexOf(end, at);
    found.push(text.slice(at + begin.length, close < 0 ? text.length : close));
    if (close < 0) break;
    at = text.indexOf(begin, close);
  }
  return found;
}

/** UTF-16BE hex as text, `plus` added to its last code unit (a bfrange's consecutive targets). */
function utf16Hex(hex: string, plus = 0): string {
  const units: number[] = [];
  for (let k = 0; k + 4 <= hex.length; k += 4) units.push(Number.parseInt(hex.slice(k, k + 4), 16));
  if (hex.length === 2) units.push(Number.parseInt(hex, 16));
  if (units.length > 0) units[units.length - 1] = ((units[units.length - 1] as number) + plus) & 0xffff;
  return String.fromCharCode(...units);
}

/** @internal A font as drawing operators use it: its ToUnicode map, its code width, and its glyph widths. */
export interface PdfFont {
  cmap: CMap | undefined;
  twoByte: boolean;
  /** Glyph widths by code, in thousandths of the font size (`/W` of a CID font, `/Widths` of a simple one). */
  widths: Map<number, number>;
  /** The width of a code the font does not list. */
  defaultWidth: number;
}

/** Width assumed for a font that lists none (the standard 14 fonts): half the font size, about a digit's. */
const ASSUMED_WIDTH = 500;

/** @internal A font object's code-to-text map (`/ToUnicode`, decoded by `decode`), code width and glyph widths. */
export function pdfFont(
  objects: Map<number, PdfObject>,
  id: number,
  decode: (o: PdfObject) => Buffer | undefined,
): PdfFont {
  const body = objects.get(id)?.body ?? '';
  const ref = /\/ToUnicode\s+(\d+)\s+\d+\s+R/.exec(body);
  const stream = ref ? objects.get(Number(ref[1])) : undefined;
  const decoded = stream ? decode(stream) : undefined;
  const cmap = decoded ? parseCMap(decoded.toString('latin1')) : undefined;
  const type0 = /\/Subtype\s*\/Type0\b/.test(body);
  const widths = new Map<number, number>();
  let defaultWidth = ASSUMED_WIDTH;
  if (type0) {
    const descendants = arrayValue(objects, body, 'DescendantFonts') ?? '';
    const cid = objects.get(refs(descendants)[0] ?? -1)?.body ?? descendants;
    defaultWidth = Number(/\/DW\s+([\d.]+)/.exec(cid)?.[1] ?? 1000);
    cidWidths(arrayValue(objects, cid, 'W') ?? '', widths);
  } else {
    const first = Number(/\/FirstChar\s+(\d+)/.exec(body)?.[1] ?? 0);
    numbers(arrayValue(objects, body, 'Widths') ?? '').forEach((w, k) => {
      widths.set(first + k, w);
    });
  }
  return { cmap, twoByte: cmap ? cmap.codeBytes === 2 : type0, widths, defaultWidth };
}

/** `/W` of a CID font: `c [w1 w2 …]` gives codes from c on, `c1 c2 w` one width for a range (capped at 65536). */
function cidWidths(w: string, into: Map<number, number>): void {
  const tokens = [...w.slice(1).matchAll(/\[[^\]]*\]|[\d.]+/g)].map((m) => m[0]);
  for (let k = 0; k + 1 < tokens.length && into.size < 65536; ) {
    const c = Number(tokens[k]);
    const next = tokens[k + 1] as string;
    if (next.startsWith('[')) {
      numbers(next).forEach((width, i) => {
        into.set(c + i, width);
      });
      k += 2;
    } else {
      const last = Math.min(Number(next), c + 65535 - into.size);
      const width = Number(tokens[k + 2]);
      for (let code = c; code <= last; code++) into.set(code, width);
      k += 3;
    }
  }
}

function numbers(text: string): number[] {
  return [...text.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
}

/** The array value of `/key` (`[…]` inline, or the array object it refers to), as text. */
function arrayValue(objects: Map<number, PdfObject>, dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*(\\[|(\\d+)\\s+\\d+\\s+R)`).exec(dict);
  if (!m) return undefined;
  const text = m[2] !== undefined ? (objects.get(Number(m[2]))?.body ?? '') : dict.slice(m.index + m[0].length - 1);
  const at = text.indexOf('[');
  let depth = 0;
  for (let k = at; at >= 0 && k < text.length; k++) {
    if (text[k] === '[') depth++;
    else if (text[k] === ']' && --depth === 0) return text.slice(at, k + 1);
  }
  return undefined;
}
