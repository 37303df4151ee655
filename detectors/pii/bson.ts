/**
 * BSON documents (a `mongodump` collection file, a body posted as `application/bson`) read as the JSON they hold: their
 * keys name fields as a JSON body's do (a type byte and a NUL around each key hide `"first_name":` from the text scan),
 * and each value found is reported at its own bytes in the body.
 */
import { CUT, finite, INVALID, integerText, JsonRenderer, type RenderedJson } from './json-render.js';

/** `Content-Type`s BSON is sent under. */
const CONTENT_TYPE = /^\s*application\/(?:x-)?bson\b/i;
/** Largest document MongoDB stores (16 MiB): a first size beyond it is no BSON. */
const MAX_DOCUMENT = 16 * 1024 * 1024;
/** Deepest nesting decoded (MongoDB allows 100; a service's records nest far less, and a deeper body is read as text). */
const MAX_DEPTH = 64;

/** An element type byte: 0x01 to 0x13, min key (0xff), max key (0x7f). */
function isElementType(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x01 && c <= 0x13) || c === 0x7f || c === 0xff);
}

/**
 * @internal True when a body is BSON: declared so, or its head holds a document size (5 bytes to 16 MiB, little-endian)
 * and a first element whose name is printable ASCII up to its NUL. Text has no NUL so early.
 */
export function looksLikeBson(head: Uint8Array, contentType: string | undefined): boolean {
  if (contentType !== undefined && CONTENT_TYPE.test(contentType)) return true;
  if (head.length < 7) return false;
  const size = Buffer.from(head.buffer, head.byteOffset, head.byteLength).readInt32LE(0);
  if (size < 7 || size > MAX_DOCUMENT || !isElementType(head[4])) return false;
  let k = 5;
  for (; k < head.length && head[k] !== 0; k++)
    if ((head[k] as number) < 0x20 || (head[k] as number) > 0x7e) return false;
  return k > 5 && k < head.length;
}

/**
 * @internal The JSON text a BSON body holds (its documents, one per line), or undefined when it is no BSON (a size
 * that does not end at its document's NUL, an unknown element type, nesting past 64). A body cut short is read as far
 * as it goes. Dates are ISO 8601 strings (`"dob": ISODate(…)` reads as a birth date); ObjectIds, regular expressions,
 * code, decimals and MongoDB's internal timestamps are `null`.
 */
export function bsonText(body: Uint8Array): RenderedJson | undefined {
  return new BsonRenderer(body).render();
}

class BsonRenderer extends JsonRenderer {
  protected values(): void {
    while (this.p < this.b.length) {
      this.document(0, false);
      this.put(10, this.p);
    }
  }

  /** A document at `p` (an array's is keyed "0", "1", …: written as a JSON array). */
  private document(depth: number, array: boolean): void {
    if (depth > MAX_DEPTH) throw INVALID;
    const start = this.take(4);
    const size = this.view.getInt32(start, true);
    if (size < 5 || size > MAX_DOCUMENT) throw INVALID;
    const end = start + size;
    this.put(array ? 91 : 123, start);
    for (let first = true; ; first = false) {
      const at = this.take(1);
      const type = this.b[at] as number;
      if (type === 0) break;
      if (!first) this.put(44, at);
      const nameEnd = this.b.indexOf(0, this.p);
      if (nameEnd < 0) throw CUT;
      if (array) this.p = nameEnd;
      else this.string(nameEnd - this.p);
      this.take(1);
      if (!array) this.put(58, this.p);
      this.element(type, depth);
    }
    if (this.p !== end) throw INVALID;
    this.put(array ? 93 : 125, end);
  }

  private element(type: number, depth: number): void {
    const h = this.p;
    if (type === 0x02 || type === 0x0d || type === 0x0e) this.stringValue();
    else if (type === 0x03 || type === 0x04) this.document(depth + 1, type === 0x04);
    else if (type === 0x05) {
      const size = this.view.getInt32(this.take(4), true);
      if (size < 0) throw INVALID;
      this.take(1);
      this.string(size);
    } else {
      const text = this.scalar(type);
      this.ascii(text, h, this.p);
    }
  }

  /** A number, date or literal as JSON text; an id, a regular expression, code or a decimal is `null`. */
  private scalar(type: number): string {
    const v = this.view;
    switch (type) {
      case 0x01:
        return finite(v.getFloat64(this.take(8), true));
      case 0x06:
      case 0x0a:
      case 0x7f:
      case 0xff:
        return 'null';
      case 0x07:
        return this.skipped(12);
      case 0x08:
        return this.b[this.take(1)] === 0 ? 'false' : 'true';
      // a UTC datetime: milliseconds since the epoch (`"dob": ISODate(…)` reads as a birth date)
      case 0x09:
        return integerText(Number(v.getBigInt64(this.take(8), true)), 'ms');
      case 0x0b:
        this.cstring();
        this.cstring();
        return 'null';
      case 0x0c:
        this.skipped(v.getInt32(this.take(4), true));
        return this.skipped(12);
      case 0x0f:
        return this.skipped(v.getInt32(this.take(4), true) - 4);
      case 0x10:
        return String(v.getInt32(this.take(4), true));
      case 0x11:
        return this.skipped(8);
      case 0x12:
        return String(v.getBigInt64(this.take(8), true));
      case 0x13:
        return this.skipped(16);
      default:
        throw INVALID;
    }
  }

  /** A string: its size (with the NUL), its bytes, its NUL. */
  private stringValue(): void {
    const size = this.view.getInt32(this.take(4), true);
    if (size < 1) throw INVALID;
    this.string(size - 1);
    if (this.b[this.take(1)] !== 0) throw INVALID;
  }

  /** Passes over a NUL-terminated name. */
  private cstring(): void {
    const end = this.b.indexOf(0, this.p);
    if (end < 0) throw CUT;
    this.p = end + 1;
  }

  /** Passes over `size` bytes of a value not worth reading: `null`. */
  private skipped(size: number): string {
    if (size < 0) throw INVALID;
    this.take(size);
    return 'null';
  }
}
