/**
 * CBOR bodies (RFC 8949): AWS SDK calls under the Smithy RPC v2 CBOR protocol, IoT telemetry, CBOR sequences (RFC
 * 8742) read as the JSON they hold: their keys name fields as a JSON body's do (a string's header byte hides
 * `"first_name":` from the text scan), and each value found is reported at its own bytes in the body.
 * @see https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html
 */
import { CUT, finite, INVALID, integerText, JsonRenderer, type RenderedJson } from './json-render.js';

/** `Content-Type`s CBOR is sent under: `application/cbor`, `application/cbor-seq` and any `+cbor` (`senml+cbor`). */
const CONTENT_TYPE = /^\s*application\/(?:[\w.-]+\+)?cbor(?:-seq)?\s*(?:;|$)/i;
/** Deepest nesting decoded (tags count): a body nested deeper is no record a service sends (and is read as text). */
const MAX_DEPTH = 64;
/** Tag 55799, "self-described CBOR" (RFC 8949 §3.4.6), as its head bytes: the one mark a CBOR body carries. */
const SELF_DESCRIBED = [0xd9, 0xd9, 0xf7];
const BREAK = 0xff;
/**
 * Deepest nesting of keys that are no strings inside such keys: each level doubles the `\` before a `"`, and real
 * keys (COSE's, CWT's) are integers.
 */
const MAX_KEY_NESTING = 4;

/**
 * @internal True when a body is CBOR: declared so, or opening with the self-described CBOR tag. Nothing else is sniffed:
 * almost any bytes parse as some CBOR (text would read as runs of short strings and small numbers).
 */
export function looksLikeCbor(head: Uint8Array, contentType: string | undefined): boolean {
  if (contentType !== undefined && CONTENT_TYPE.test(contentType)) return true;
  return SELF_DESCRIBED.every((c, k) => head[k] === c);
}

/**
 * @internal The JSON text a CBOR body holds (a sequence of data items, one per line), or undefined when it is no CBOR
 * (reserved header values, a break outside an indefinite-length item, a string chunk of another type, nesting past
 * 64). A body cut short is read as far as it goes. Text and byte strings are JSON strings (indefinite ones joined);
 * a key that is no string is a string of its JSON (`"1"`); dates (tags 0 and 1) are ISO 8601 strings; other tags
 * are their content; simple values, `undefined`, NaN and the infinities are `null`.
 */
export function cborText(body: Uint8Array): RenderedJson | undefined {
  return new CborRenderer(body).render();
}

/** A half-precision float (IEEE 754 binary16), which DataView cannot read on Node 20. */
function half(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const magnitude =
    exponent === 0
      ? fraction * 2 ** -24
      : exponent === 31
        ? fraction === 0
          ? Number.POSITIVE_INFINITY
          : Number.NaN
        : (fraction + 1024) * 2 ** (exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

class CborRenderer extends JsonRenderer {
  /**
   * How many keys that are no strings are being written: their JSON goes inside a JSON string, its `"` and `\`
   * escaped once per level.
   */
  private quoting = 0;

  protected values(): void {
    while (this.p < this.b.length) {
      this.value(0);
      this.put(10, this.p);
    }
  }

  protected override put(byte: number, from: number, to = from): void {
    this.quoted(byte, from, to, this.quoting);
  }

  private quoted(byte: number, from: number, to: number, level: number): void {
    if (level === 0) super.put(byte, from, to);
    else {
      if (byte === 34 || byte === 92) this.quoted(92, from, to, level - 1);
      this.quoted(byte, from, to, level - 1);
    }
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    const h = this.take(1);
    const c = this.b[h] as number;
    const major = c >> 5;
    const info = c & 0x1f;
    if (info === 31) {
      // indefinite length; a break here, where an item should be, or an indefinite integer or tag is no CBOR
      if (major === 2 || major === 3) this.chunks(major);
      else if (major === 4) this.array(-1, depth);
      else if (major === 5) this.map(-1, depth);
      else throw INVALID;
      return;
    }
    const n = major === 7 ? 0 : this.argument(info);
    if (major === 7) this.ascii(this.simple(info), h, this.p);
    else if (major === 0) this.ascii(String(n), h, this.p);
    else if (major === 1) this.ascii(typeof n === 'bigint' ? String(-1n - n) : String(-1 - n), h, this.p);
    else if (major === 2 || major === 3) this.string(Number(n));
    else if (major === 4) this.array(Number(n), depth);
    else if (major === 5) this.map(Number(n), depth);
    else if (n === 1) this.epoch(h, depth);
    // tag 0 holds its date as a text string already; 55799 and the rest stand around their content
    else this.value(depth + 1);
  }

  /** The argument in a head's additional information `info` and the bytes after it (a bigint past 2^53). */
  private argument(info: number): number | bigint {
    const v = this.view;
    if (info < 24) return info;
    if (info === 24) return v.getUint8(this.take(1));
    if (info === 25) return v.getUint16(this.take(2));
    if (info === 26) return v.getUint32(this.take(4));
    if (info !== 27) throw INVALID;
    const n = v.getBigUint64(this.take(8));
    return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }

  /** A major type 7 item as JSON text: a literal, a float, or `null` for any other simple value. */
  private simple(info: number): string {
    const v = this.view;
    if (info === 20) return 'false';
    if (info === 21) return 'true';
    if (info < 24) return 'null';
    if (info === 25) return finite(half(v.getUint16(this.take(2))));
    if (info === 26) return finite(v.getFloat32(this.take(4)));
    if (info === 27) return finite(v.getFloat64(this.take(8)));
    // a one-byte simple value below 32 is not well-formed (RFC 8949 §3.3)
    if (info !== 24 || v.getUint8(this.take(1)) < 32) throw INVALID;
    return 'null';
  }

  /** Tag 1's content: seconds since the epoch, an integer or a float, as ISO 8601 standing for the tag and all. */
  private epoch(h: number, depth: number): void {
    const c = this.b[this.p];
    const major = c === undefined ? -1 : c >> 5;
    const info = c === undefined ? -1 : c & 0x1f;
    const float = major === 7 && info >= 25 && info <= 27;
    if (!float && !((major === 0 || major === 1) && info < 28)) {
      this.value(depth + 1);
      return;
    }
    this.take(1);
    const n = float ? Number(this.simple(info)) : Number(this.argument(info));
    const seconds = major === 1 ? -1 - n : n;
    this.ascii(Number.isNaN(seconds) ? 'null' : integerText(Math.round(seconds * 1000), 'ms'), h, this.p);
  }

  /** An indefinite-length string: its chunks (definite strings of its `major` type) as one JSON string. */
  private chunks(major: number): void {
    this.put(34, this.p);
    try {
      while (this.b[this.take(1)] !== BREAK) {
        const c = this.b[this.p - 1] as number;
        if (c >> 5 !== major || (c & 0x1f) === 31) throw INVALID;
        if (!this.stringBytes(Number(this.argument(c & 0x1f)))) throw CUT;
      }
    } catch (e) {
      // cut short, the string keeps what it has (closed, as a definite one is)
      if (e === CUT) this.put(34, this.p);
      throw e;
    }
    this.put(34, this.p - 1);
  }

  /** True when a break ends an indefinite-length array or map at `p` (`count` -1) or `count` items are read. */
  private ended(count: number, i: number): boolean {
    if (count >= 0) return i >= count;
    if (this.b[this.take(1)] === BREAK) return true;
    this.p--;
    return false;
  }

  private array(count: number, depth: number): void {
    this.put(91, this.p);
    for (let i = 0; !this.ended(count, i); i++) {
      if (i > 0) this.put(44, this.p);
      this.value(depth + 1);
    }
    this.put(93, this.p);
  }

  private map(count: number, depth: number): void {
    this.put(123, this.p);
    for (let i = 0; !this.ended(count, i); i++) {
      if (i > 0) this.put(44, this.p);
      this.key(depth + 1);
      this.put(58, this.p);
      this.value(depth + 1);
    }
    this.put(125, this.p);
  }

  /** A map key: a string as itself, any other item (an integer, as COSE and CWT keys are) as a string of its JSON. */
  private key(depth: number): void {
    const major = (this.b[this.p] ?? 0) >> 5;
    if (major === 2 || major === 3) {
      this.value(depth);
      return;
    }
    if (this.quoting === MAX_KEY_NESTING) throw INVALID;
    this.put(34, this.p);
    this.quoting++;
    try {
      this.value(depth);
    } finally {
      this.quoting--;
    }
    this.put(34, this.p);
  }
}
