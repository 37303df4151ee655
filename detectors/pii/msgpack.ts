/**
 * MessagePack bodies (`application/msgpack`, or a map, or an array of maps, by their first bytes) read as the JSON
 * they hold: their keys name fields as a JSON body's do (a string's header byte hides `"first_name":` from the text
 * scan), and each value found is reported at its own bytes in the body.
 */
import { finite, INVALID, integerText, JsonRenderer, type RenderedJson } from './json-render.js';

/** `Content-Type`s MessagePack is sent under. */
const CONTENT_TYPE = /^\s*application\/(?:x-|vnd\.)?msgpack\b/i;
/** Deepest nesting decoded: a body nested deeper is no record a service sends (and is read as text). */
const MAX_DEPTH = 64;
/** Array headers a sniffed body may open with before its first map (`[[tag, time, {…}]]`, as Fluentd forwards). */
const SNIFF_ARRAYS = 4;

/**
 * @internal True when a body is MessagePack: declared so, or its head opens a map (after at most a few array headers)
 * whose first key is a string of printable ASCII. Text never starts so: these header bytes are no UTF-8 lead bytes.
 */
export function looksLikeMsgpack(head: Uint8Array, contentType: string | undefined): boolean {
  if (contentType !== undefined && CONTENT_TYPE.test(contentType)) return true;
  let p = 0;
  for (let arrays = 0; arrays <= SNIFF_ARRAYS && p < head.length; arrays++) {
    const size = arrayHeader(head, p);
    if (size === 0) break;
    p += size;
    // an array's first element may be a tag or a time before the record (Fluentd's forward mode)
    while (p < head.length && isScalarHeader(head[p] as number)) p += scalarSize(head, p);
  }
  const map = mapHeader(head, p);
  if (map === 0) return false;
  p += map;
  const key = head[p] as number;
  if (key === undefined || key < 0xa1 || key > 0xbf) return false;
  const end = Math.min(head.length, p + 1 + (key & 0x1f));
  if (end === p + 1) return false;
  for (let k = p + 1; k < end; k++) if ((head[k] as number) < 0x20 || (head[k] as number) > 0x7e) return false;
  return true;
}

/** Bytes of an array header at `p` (fixarray with elements, array16, array32), 0 when there is none. */
function arrayHeader(b: Uint8Array, p: number): number {
  const c = b[p];
  return c === undefined ? 0 : c >= 0x91 && c <= 0x9f ? 1 : c === 0xdc ? 3 : c === 0xdd ? 5 : 0;
}

/** Bytes of a map header at `p` (fixmap with entries, map16, map32), 0 when there is none. */
function mapHeader(b: Uint8Array, p: number): number {
  const c = b[p];
  return c === undefined ? 0 : c >= 0x81 && c <= 0x8f ? 1 : c === 0xde ? 3 : c === 0xdf ? 5 : 0;
}

/** A map or array header byte, empty ones too. */
function isContainer(c: number): boolean {
  return (c >= 0x80 && c <= 0x9f) || (c >= 0xdc && c <= 0xdf);
}

/** A fixstr (a tag) or an integer (a time) heading an array before its record. */
function isScalarHeader(c: number): boolean {
  return (c >= 0xa0 && c <= 0xbf) || c <= 0x7f || (c >= 0xcc && c <= 0xd3) || c === 0xd9;
}

function scalarSize(b: Uint8Array, p: number): number {
  const c = b[p] as number;
  if (c >= 0xa0 && c <= 0xbf) return 1 + (c & 0x1f);
  if (c === 0xd9) return 2 + ((b[p + 1] as number | undefined) ?? 0);
  if (c <= 0x7f) return 1;
  return 1 + (1 << (c & 0x03));
}

/**
 * @internal The JSON text a MessagePack body holds (a sequence of values, one per line), or undefined when it is no
 * MessagePack: a value at its top that is no map or array, a byte no value starts with, nesting past 64. A body cut
 * short is read as far as it goes. Strings are JSON strings, binary values too; a timestamp is an ISO 8601 string,
 * any other extension value (an application's type) `null`.
 */
export function msgpackText(body: Uint8Array): RenderedJson | undefined {
  return new MsgpackRenderer(body).render();
}

class MsgpackRenderer extends JsonRenderer {
  protected values(): void {
    while (this.p < this.b.length) {
      // a body is records: a value at the top is a map or an array (text declared MessagePack is none)
      if (!isContainer(this.b[this.p] as number)) throw INVALID;
      this.value(0);
      this.put(10, this.p);
    }
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    const h = this.take(1);
    const c = this.b[h] as number;
    if (c >= 0x80 && c <= 0x8f) this.map(c & 0x0f, depth);
    else if (c >= 0x90 && c <= 0x9f) this.array(c & 0x0f, depth);
    else if (c >= 0xa0 && c <= 0xbf) this.string(c & 0x1f);
    // bin 8/16/32 and str 8/16/32
    else if (c >= 0xc4 && c <= 0xc6) this.string(this.size(c - 0xc4));
    else if (c >= 0xd9 && c <= 0xdb) this.string(this.size(c - 0xd9));
    else if (c === 0xdc || c === 0xdd) this.array(this.size(c - 0xdb), depth);
    else if (c === 0xde || c === 0xdf) this.map(this.size(c - 0xdd), depth);
    else {
      this.ascii(this.scalar(c), h, this.p);
    }
  }

  /** A size field 1, 2 or 4 bytes wide (`width` 0, 1 or 2). */
  private size(width: number): number {
    const v = this.view;
    return width === 0 ? v.getUint8(this.take(1)) : width === 1 ? v.getUint16(this.take(2)) : v.getUint32(this.take(4));
  }

  /** A number or literal as JSON text (it stands for the value's bytes, header and all); an extension is `null`. */
  private scalar(c: number): string {
    const v = this.view;
    if (c <= 0x7f) return String(c);
    if (c >= 0xe0) return String(c - 256);
    switch (c) {
      case 0xc0:
        return 'null';
      case 0xc2:
        return 'false';
      case 0xc3:
        return 'true';
      case 0xc7:
      case 0xc8:
      case 0xc9:
        return this.extension(this.size(c - 0xc7));
      case 0xca:
        return finite(v.getFloat32(this.take(4)));
      case 0xcb:
        return finite(v.getFloat64(this.take(8)));
      case 0xcc:
        return String(v.getUint8(this.take(1)));
      case 0xcd:
        return String(v.getUint16(this.take(2)));
      case 0xce:
        return String(v.getUint32(this.take(4)));
      case 0xcf:
        return String(v.getBigUint64(this.take(8)));
      case 0xd0:
        return String(v.getInt8(this.take(1)));
      case 0xd1:
        return String(v.getInt16(this.take(2)));
      case 0xd2:
        return String(v.getInt32(this.take(4)));
      case 0xd3:
        return String(v.getBigInt64(this.take(8)));
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.extension(1 << (c - 0xd4));
      default:
        throw INVALID;
    }
  }

  /** An extension value of `size` data bytes: the timestamp type (-1) as ISO 8601, any other `null`. */
  private extension(size: number): string {
    const v = this.view;
    const type = v.getInt8(this.take(1));
    const at = this.take(size);
    if (type !== -1) return 'null';
    // 32-bit seconds; 30-bit nanoseconds over 34-bit seconds; 32-bit nanoseconds then 64-bit signed seconds
    const packed = size === 8 ? v.getBigUint64(at) : 0n;
    const [seconds, nanos] =
      size === 4
        ? [v.getUint32(at), 0]
        : size === 8
          ? [Number(packed & 0x3ffffffffn), Number(packed >> 34n)]
          : size === 12
            ? [Number(v.getBigInt64(at + 4)), v.getUint32(at)]
            : [Number.NaN, 0];
    return Number.isNaN(seconds) ? 'null' : integerText(seconds * 1000 + Math.floor(nanos / 1e6), 'ms');
  }

  private array(count: number, depth: number): void {
    this.put(91, this.p);
    for (let i = 0; i < count; i++) {
      if (i > 0) this.put(44, this.p);
      this.value(depth + 1);
    }
    this.put(93, this.p);
  }

  private map(count: number, depth: number): void {
    this.put(123, this.p);
    for (let i = 0; i < count; i++) {
      if (i > 0) this.put(44, this.p);
      this.value(depth + 1);
      this.put(58, this.p);
      this.value(depth + 1);
    }
    this.put(125, this.p);
  }
}
