/**
 * Protocol Buffers bodies (OTLP/HTTP exports, Loki pushes, Prometheus remote writes) and gRPC or gRPC-Web frames read
 * as the JSON they hold, without a schema: fields are keyed by their numbers, and a map entry or an OTLP attribute by
 * its own key (`"user.full_name":"Ada Lovelace"` reads as a named field); each value found is reported at its bytes.
 */
import { isUtf8 } from 'node:buffer';
import { Compression } from './decoders.js';
import { undoBlock } from './inflate.js';
import { CUT, INVALID, JsonRenderer, type RenderedJson } from './json-render.js';
import { VARINT, varintAt } from './varint.js';

/** `Content-Type`s one message is sent under. Protobuf has no magic bytes: a body is only ever declared so. */
const MESSAGE_TYPE = /^\s*application\/(?:x-|x-google-|vnd\.google\.)?protobuf\s*(?:;|$)/i;
/** gRPC and gRPC-Web framing (`grpc-web-text` is base64 and `+json` is JSON: both are read as text). */
const GRPC_TYPE = /^\s*application\/grpc(?:-web)?(?:\+proto)?\s*(?:;|$)/i;
/** Deepest nesting decoded: a part nested deeper is written as a string of its bytes. */
const MAX_DEPTH = 64;
/** Highest field number protobuf allows (29 bits). */
const MAX_FIELD = 2 ** 29 - 1;
/** A map entry's or an OTLP attribute's key: a name a field may have, not prose. */
const KEY = /^[A-Za-z_][\w.\-/:]{0,127}$/;

/** How `fieldAt` read: a whole field, the body ending first, or bytes that are no field. */
const READ = { OK: 0, CUT: 1, BAD: 2 } as const;
type Read = (typeof READ)[keyof typeof READ];

/** What the last `fieldAt` read: number, wire type, and where its value lies. Refilled, not allocated. */
const FIELD = { number: 0, wire: 0, start: 0, end: 0 };

/**
 * The field at `b[p]` of a message ending at `end`, whose bytes are there up to `stop` (`end` past `stop`: the body is
 * cut inside it, and a length-delimited value may pass `stop`; `end` infinite: the body's one message, of no known
 * size). A field's value passing `end`, wire types 3, 4, 6 and 7 (groups and none) and field number 0 are bad.
 */
function fieldAt(b: Uint8Array, p: number, stop: number, end: number): Read {
  const tag = varintAt(b, p, stop, 5);
  if (Number.isNaN(tag)) return VARINT.cut && stop < end ? READ.CUT : READ.BAD;
  FIELD.number = Math.floor(tag / 8);
  FIELD.wire = tag % 8;
  FIELD.start = VARINT.next;
  if (FIELD.number < 1 || FIELD.number > MAX_FIELD) return READ.BAD;
  if (FIELD.wire === 0 || FIELD.wire === 2) {
    const n = varintAt(b, FIELD.start, stop, 10);
    if (Number.isNaN(n)) return VARINT.cut && stop < end ? READ.CUT : READ.BAD;
    if (FIELD.wire === 0) FIELD.end = VARINT.next;
    else [FIELD.start, FIELD.end] = [VARINT.next, VARINT.next + n];
  } else if (FIELD.wire === 1 || FIELD.wire === 5) FIELD.end = FIELD.start + (FIELD.wire === 1 ? 8 : 4);
  else return READ.BAD;
  if (FIELD.end > end) return READ.BAD;
  // only a length-delimited value is written as far as the body goes
  return FIELD.end > stop && FIELD.wire !== 2 ? READ.CUT : READ.OK;
}

/**
 * The varint in `b[start, end)` as the unsigned decimal protobuf keeps (64 bits: a negative `int64` is ten bytes of
 * two's complement); past 2^53, where `varintAt` is no longer exact, its bytes are summed again as a bigint.
 */
function unsigned(b: Uint8Array, start: number, end: number): string {
  const n = varintAt(b, start, end, 10);
  if (n <= Number.MAX_SAFE_INTEGER) return String(n);
  let big = 0n;
  for (let k = end - 1; k >= start; k--) big = (big << 7n) | BigInt((b[k] as number) & 0x7f);
  return String(BigInt.asUintN(64, big));
}

/**
 * @internal True when a body is Protocol Buffers or gRPC by its `Content-Type` (`head` is not looked at: any bytes
 * could be a message, so a body is never sniffed).
 */
export function looksLikeProtobuf(_head: Uint8Array, contentType: string | undefined): boolean {
  return contentType !== undefined && (MESSAGE_TYPE.test(contentType) || GRPC_TYPE.test(contentType));
}

/**
 * @internal The JSON text a protobuf body (one message) or a gRPC body (its frames, one per line) holds, or undefined
 * when the message has a group or a wire type no field has. A body cut short is read as far as it goes. Varints are
 * unsigned numbers, fixed-size values `null`; a length-delimited value is a string when it is text, a message when it
 * parses as one, else a string of its bytes. A gzip-compressed frame is inflated within `maxDecoded` bytes.
 */
export function protobufText(
  body: Uint8Array,
  contentType: string | undefined,
  maxDecoded: number,
): RenderedJson | undefined {
  return new ProtobufRenderer(body, GRPC_TYPE.test(contentType ?? ''), maxDecoded).render();
}

class ProtobufRenderer extends JsonRenderer {
  private decoded = 0;

  constructor(
    body: Uint8Array,
    private readonly grpc: boolean,
    private readonly maxDecoded: number,
  ) {
    super(body);
  }

  protected values(): void {
    if (!this.grpc) {
      this.message(Number.POSITIVE_INFINITY, 0);
      this.put(10, this.p);
    }
    while (this.grpc && this.p < this.b.length) {
      this.frame();
      this.put(10, this.p);
    }
  }

  /** A gRPC frame: a flag byte (1: compressed, 0x80: gRPC-Web trailers), a big-endian 4-byte size, the message. */
  private frame(): void {
    const flag = this.b[this.take(1)] as number;
    if ((flag & 0x7e) !== 0) throw INVALID;
    const size = this.view.getUint32(this.take(4));
    const end = this.p + size;
    // trailers are `name: value` lines; a frame compressed other than by gzip is kept as its bytes
    if (flag & 0x80 || (flag & 1 && !this.gzipped(end))) this.string(size);
    else if (flag & 1) this.inflated(end);
    else if (this.isMessage(this.p, end)) this.message(end, 0);
    else this.string(size);
  }

  private gzipped(end: number): boolean {
    return end - this.p >= 2 && this.b[this.p] === 0x1f && this.b[this.p + 1] === 0x8b;
  }

  /** A gzip frame's message, read from its inflated bytes (a frame cut short inflates as far as it goes). */
  private inflated(end: number): void {
    const start = this.p;
    const stop = Math.min(end, this.b.length);
    const data = undoBlock(Compression.GZIP, this.b.subarray(start, stop), this.maxDecoded - this.decoded);
    if (data === 'capped') {
      this.capped = { start, end: this.b.length };
      this.p = this.b.length;
      return;
    }
    if (!data) {
      this.string(end - start);
      return;
    }
    this.decoded += data.length;
    // of no known size: inflated bytes that end inside a field are kept as far as they go
    this.readDecoded(data, start, stop, () => {
      if (this.isMessage(0, Number.POSITIVE_INFINITY)) this.message(Number.POSITIVE_INFINITY, 0);
      else this.string(data.length);
    });
    this.p = stop;
    if (stop < end) throw CUT;
  }

  /** True when `[start, end)` holds fields from end to end (up to the body's end, when it is cut inside them). */
  private isMessage(start: number, end: number): boolean {
    const stop = Math.min(end, this.b.length);
    for (let p = start; p < stop; p = FIELD.end) {
      const read = fieldAt(this.b, p, stop, end);
      if (read !== READ.OK) return read === READ.CUT;
    }
    return true;
  }

  /** The message from `p` to `end` (see `fieldAt`), as an object keyed by field number, in wire order. */
  private message(end: number, depth: number): void {
    const stop = Math.min(end, this.b.length);
    this.put(123, this.p);
    for (let first = true; this.p < stop; first = false) {
      const at = this.p;
      const read = fieldAt(this.b, at, stop, end);
      if (read === READ.BAD) throw INVALID;
      if (read === READ.CUT) throw CUT;
      const { number, wire, start, end: valueEnd } = FIELD;
      // the key is no byte of the body: it stands for none
      this.ascii(`${first ? '' : ','}"${number}":`, at, at);
      this.value(wire, start, valueEnd, depth);
    }
    // a message the body is cut inside is closed where the body ends
    this.put(125, this.p);
  }

  /** A field's value in `[start, end)`: a number, `null` for a fixed-size one, or a length-delimited part. */
  private value(wire: number, start: number, end: number, depth: number): void {
    this.p = start;
    if (wire === 2) this.part(end, depth);
    else {
      this.p = end;
      this.ascii(wire === 0 ? unsigned(this.b, start, end) : 'null', start, end);
    }
  }

  /** A length-delimited value from `p` to `end`: text as a string, else a message, else a string of its bytes. */
  private part(end: number, depth: number): void {
    const start = this.p;
    if (this.isText(start, end) || depth >= MAX_DEPTH || !this.isMessage(start, end)) this.string(end - start);
    else if (!this.keyed(end, depth)) this.message(end, depth + 1);
  }

  /** UTF-8 with no control byte but TAB (a message's tags and lengths mostly are control bytes); empty too. */
  private isText(start: number, end: number): boolean {
    const stop = Math.min(end, this.b.length);
    for (let k = start; k < stop; k++) {
      const c = this.b[k] as number;
      if ((c < 0x20 && c !== 9) || c === 0x7f) return false;
    }
    return isUtf8(this.b.subarray(start, stop));
  }

  /**
   * A message from `p` to `end` that is a map entry or an OTLP `KeyValue` (field 1 a key, then field 2 to its end),
   * written `{"<key>":<value>}`, its key standing for its own bytes; false, writing nothing, when it is none.
   */
  private keyed(end: number, depth: number): boolean {
    const stop = Math.min(end, this.b.length);
    const at = this.p;
    const read = fieldAt(this.b, at, stop, end);
    const { number, wire: keyWire, start: keyStart, end: keyEnd } = FIELD;
    if (read !== READ.OK || number !== 1 || keyWire !== 2 || keyEnd - keyStart > 128 || keyEnd > stop) return false;
    if (!KEY.test(Buffer.from(this.b.buffer, this.b.byteOffset + keyStart, keyEnd - keyStart).toString('latin1')))
      return false;
    if (fieldAt(this.b, keyEnd, stop, end) !== READ.OK || FIELD.number !== 2 || FIELD.end !== end) return false;
    const { wire, start } = FIELD;
    this.put(123, at);
    this.p = keyStart;
    this.string(keyEnd - keyStart);
    this.put(58, this.p);
    if (wire !== 2) this.value(wire, start, end, depth);
    else {
      this.p = start;
      if (this.isText(start, end) || !this.unwrapped(end)) this.part(end, depth + 1);
    }
    this.put(125, this.p);
    return true;
  }

  /**
   * A value from `p` to `end` that is a message of one number or text field (OTLP's `AnyValue`, a protobuf wrapper),
   * written as that field's value alone; false, writing nothing, when it is none.
   */
  private unwrapped(end: number): boolean {
    const stop = Math.min(end, this.b.length);
    if (fieldAt(this.b, this.p, stop, end) !== READ.OK || FIELD.end !== end) return false;
    const { wire, start } = FIELD;
    if (wire === 2 && !this.isText(start, end)) return false;
    this.value(wire, start, end, 0);
    return true;
  }
}
