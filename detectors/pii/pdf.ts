/**
 * PDF files: an exported report, an invoice or a scanned form leaves as a PDF, and the text a reader sees is
 * in deflated content streams, drawn glyph by glyph through fonts. This module finds the file's objects and
 * streams (in object streams too) and what each stream holds; `pdf-text.ts` turns a page's drawing operators
 * back into text. Read for facts, not validated: a damaged or truncated file yields what can be found.
 */
import { dictionaryEnd, literalEnd, unescapeLiteral } from './pdf-text.js';

/** @internal PDF files start with this (a few bytes of junk before it are tolerated, as readers do). */
const PDF_MAGIC = '%PDF-';

/** @internal True when `%PDF-` starts within the first bytes looked at (`head`, e.g. `SNIFF_BYTES`). */
export function isPdf(bytes: Uint8Array, head: number): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, head)).includes(PDF_MAGIC, 0, 'latin1');
}

/** @internal One object of the file: its dictionary (or value) as text, and its stream's bytes if it has one. */
export interface PdfObject {
  id: number;
  body: string;
  /** Offsets of the stream's (still encoded) data in the file. */
  stream?: { start: number; end: number };
}

/** @internal What a stream holds, as far as reading text goes. */
export const StreamRole = {
  /** Drawing operators: a page's contents or a form (a field's appearance). */
  CONTENT: 'content',
  /** Objects packed into one stream (PDF 1.5): dictionaries, to read as text. */
  OBJECTS: 'objects',
  /** XML metadata (XMP): text. */
  METADATA: 'metadata',
  /** Images, embedded fonts, cross-reference tables, colour profiles: no text. */
  OTHER: 'other',
} as const;
export type StreamRole = (typeof StreamRole)[keyof typeof StreamRole];

/** Filters whose output is an image: never text, never reported as unreadable. */
const IMAGE_FILTERS = new Set(['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode', 'DCT', 'CCF']);

/** @internal The filter names of a stream's dictionary, in the order they are undone. */
export function streamFilters(body: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/.exec(body);
  return m ? [...(m[1] as string).matchAll(/\/([^\s/[\]<>()]+)/g)].map((f) => f[1] as string) : [];
}

/**
 * @internal What a stream holds, from its dictionary (a page's content streams are known by their use: see
 * `pdfDrawings`).
 */
export function streamRole(body: string): StreamRole {
  if (/\/Type\s*\/ObjStm\b/.test(body)) return StreamRole.OBJECTS;
  if (/\/Type\s*\/Metadata\b/.test(body)) return StreamRole.METADATA;
  if (/\/Subtype\s*\/Form\b/.test(body)) return StreamRole.CONTENT;
  return StreamRole.OTHER;
}

/** @internal True when a stream's filters make an image (no text, nothing to report). */
export function isImage(body: string): boolean {
  return /\/Subtype\s*\/Image\b/.test(body) || streamFilters(body).some((f) => IMAGE_FILTERS.has(f));
}

/** @internal True when the file is encrypted: its strings and streams are ciphertext. */
export function isEncrypted(text: string): boolean {
  return /\/Encrypt\s+(\d+\s+\d+\s+R|<<)/.test(text.slice(Math.max(0, text.lastIndexOf('trailer'))));
}

const OBJ = /(\d+)\s+\d+\s+obj\b/g;

/**
 * @internal The file's objects, by number (the last definition wins, as an incremental update's does). The file is
 * read from start to end rather than through its cross-reference table, so a truncated capture or a broken
 * table still yields every complete object; a stream's data is skipped by its length, so bytes inside it are
 * never taken for objects.
 */
export function pdfObjects(text: string): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  OBJ.lastIndex = 0;
  // the next `endobj` (the text's end when there is none), found once for all the objects before it
  let stop = -1;
  for (let m = OBJ.exec(text); m !== null; m = OBJ.exec(text)) {
    const id = Number(m[1]);
    const at = skipSpace(text, OBJ.lastIndex);
    if (stop < at) {
      const found = text.indexOf('endobj', at);
      stop = found < 0 ? text.length : found;
    }
    const dict = text.startsWith('<<', at);
    const dictEnd = dict ? dictionaryEnd(text, at, stop) : -1;
    if (dictEnd < 0) {
      objects.set(id, { id, body: text.slice(at, stop === text.length ? Math.min(stop, at + 256) : stop) });
      // a dictionary left open: what follows up to `endobj` is its damage, not more objects
      if (dict) OBJ.lastIndex = stop;
      continue;
    }
    const body = text.slice(at, dictEnd);
    const kw = skipSpace(text, dictEnd);
    if (!text.startsWith('stream', kw)) {
      objects.set(id, { id, body });
      continue;
    }
    let start = kw + 6;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = streamEnd(text, start, body, objects);
    objects.set(id, { id, body, stream: { start, end } });
    OBJ.lastIndex = end;
  }
  return objects;
}

/** Where a stream's data ends: by its `/Length` when `endstream` follows there, else at the next `endstream`. */
function streamEnd(text: string, start: number, body: string, objects: Map<number, PdfObject>): number {
  const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(body);
  const indirect = /\/Length\s+(\d+)\s+\d+\s+R/.exec(body);
  const length = direct
    ? Number(direct[1])
    : indirect
      ? Number.parseInt(objects.get(Number(indirect[1]))?.body ?? '', 10)
      : Number.NaN;
  if (Number.isFinite(length) && /^\s*endstream/.test(text.slice(start + length, start + length + 16)))
    return start + length;
  const found = text.indexOf('endstream', start);
  if (found < 0) return text.length;
  let end = found;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return Math.max(start, end);
}

/** @internal A string of a dictionary, decoded, and its range in the text it was found in. */
export interface PdfString {
  start: number;
  end: number;
  value: string;
}

/** Most strings read from one text: bounds a hostile file's work. */
const MAX_STRINGS = 100_000;

const UNICODE_STRING = /<\s*[Ff][Ee]\s*[Ff][Ff]|\((?:\xfe\xff|\\376\\377)/g;

/**
 * @internal The UTF-16 strings (byte-order mark first) of a text of dictionaries: a form field's name (`/T`) and
 * value (`/V`), the document's title and author, as most producers write them. Strings in Latin-1 read as they are.
 */
export function unicodeStrings(text: string): PdfString[] {
  const found: PdfString[] = [];
  UNICODE_STRING.lastIndex = 0;
  for (let m = UNICODE_STRING.exec(text); m !== null && found.length < MAX_STRINGS; m = UNICODE_STRING.exec(text)) {
    const start = m.index;
    const hex = text[start] === '<';
    const close = hex ? text.indexOf('>', start) : literalEnd(text, start) - 1;
    const end = close < 0 ? text.length : close + 1;
    const raw = text.slice(start + 1, close < 0 ? text.length : close);
    const bytes = hex
      ? Buffer.from(raw.replace(/[^0-9A-Fa-f]/g, ''), 'hex')
      : Buffer.from(unescapeLiteral(raw), 'latin1');
    // UTF-16BE after its mark: swapped into the little-endian order Node decodes
    const units = bytes.subarray(2, bytes.length - (bytes.length % 2));
    found.push({ start, end, value: Buffer.from(units).swap16().toString('utf16le') });
    UNICODE_STRING.lastIndex = end;
  }
  return found;
}

/**
 * @internal The objects packed in an object stream (its decoded bytes as latin1 text): `N` pairs of object number
 * and offset (from `/First`), then the objects.
 */
export function packedObjects(body: string, decoded: string): PdfObject[] {
  const first = Number(/\/First\s+(\d+)/.exec(body)?.[1] ?? Number.NaN);
  const count = Number(/\/N\s+(\d+)/.exec(body)?.[1] ?? 0);
  if (!Number.isFinite(first)) return [];
  const numbers = decoded.slice(0, first).trim().split(/\s+/).map(Number);
  const found: PdfObject[] = [];
  for (let k = 0; k < Math.min(count, numbers.length >> 1); k++) {
    const at = first + (numbers[2 * k + 1] as number);
    const next = k + 1 < count && 2 * k + 3 < numbers.length ? first + (numbers[2 * k + 3] as number) : decoded.length;
    if (Number.isFinite(at) && at <= decoded.length)
      found.push({ id: numbers[2 * k] as number, body: decoded.slice(at, Math.max(at, next)) });
  }
  return found;
}

/** @internal A drawing: its content streams (in order) and the fonts its resources name. */
export interface PdfDrawing {
  streams: number[];
  /** Font resource name (`F1`) → font object number. */
  fonts: Map<string, number>;
}

/**
 * @internal The file's drawings: each page's contents (resources inherited from its parents) and each form
 * XObject (a field's appearance, a repeated header) with its own resources. Streams no page names are drawn
 * with the fonts of any resources in the file.
 */
export function pdfDrawings(objects: Map<number, PdfObject>): PdfDrawing[] {
  const drawings: PdfDrawing[] = [];
  for (const o of objects.values()) {
    if (o.stream && streamRole(o.body) === StreamRole.CONTENT) {
      drawings.push({ streams: [o.id], fonts: fontsOf(objects, o) });
      continue;
    }
    if (!/\/Type\s*\/Page\b/.test(o.body)) continue;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(o.body)?.[1] ?? '';
    drawings.push({ streams: [...new Set(refs(contents))], fonts: fontsOf(objects, o) });
  }
  return drawings;
}

/** Font resource names of an object's resources, looked for up its `/Parent` chain (at most 32 levels). */
function fontsOf(objects: Map<number, PdfObject>, from: PdfObject): Map<string, number> {
  let o: PdfObject | undefined = from;
  for (let depth = 0; o && depth < 32; depth++) {
    const resources = entry(objects, o.body, 'Resources');
    const fonts = resources === undefined ? undefined : entry(objects, resources, 'Font');
    if (fonts !== undefined) {
      const names = new Map<string, number>();
      for (const m of fonts.matchAll(/\/([^\s/[\]<>()]+)\s+(\d+)\s+\d+\s+R/g)) names.set(m[1] as string, Number(m[2]));
      return names;
    }
    o = objects.get(Number(/\/Parent\s+(\d+)\s+\d+\s+R/.exec(o.body)?.[1]));
  }
  return new Map();
}

/** The value of `/key` in a dictionary's text: an inline dictionary, or the body of the object it refers to. */
function entry(objects: Map<number, PdfObject>, dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*(<<|(\\d+)\\s+\\d+\\s+R)`).exec(dict);
  if (!m) return undefined;
  if (m[2] !== undefined) return objects.get(Number(m[2]))?.body;
  const at = m.index + m[0].length - 2;
  const end = dictionaryEnd(dict, at);
  return dict.slice(at, end < 0 ? dict.length : end);
}

/** @internal The object numbers of the references (`12 0 R`) in a text. */
export function refs(text: string): number[] {
  return [...text.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
}

function skipSpace(text: string, at: number): number {
  let k = at;
  while (k < text.length && /\s/.test(text[k] as string)) k++;
  return k;
}
