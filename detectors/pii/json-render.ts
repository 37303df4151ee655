/**
 * Binary record formats (MessagePack, CBOR, BSON, Avro, Parquet, protobuf) rendered as JSON text, so their keys name fields as a JSON
 * body's do, with the body offset of every byte written: what the text scan finds is reported at its own bytes.
 */

/**
 * @internal JSON text rendered from a body. Text byte `k` stands for the body's bytes `[starts[k], ends[k])`: a string's
 * byte for itself, every digit of a number for the whole number (its header too), punctuation for none.
 */
export interface RenderedJson {
  text: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** The body's bytes not read because decoding them would pass the decoded-size cap, if any. */
  capped?: { start: number; end: number };
}

/** @internal Thrown while rendering: the body ends inside a value (what came before it is kept). */
export const CUT = Symbol('cut');
/** @internal Thrown while rendering: the body is not in the format after all (it is read as text instead). */
export const INVALID = Symbol('invalid');
/** Thrown while rendering: the text reached `MAX_TEXT`. */
const FULL = Symbol('full');
/**
 * Most text rendered from one body: each byte costs 9 in memory (itself and its two offsets), so 8 MiB of text holds
 * about 72 MB. What a larger body holds past it is said (`capped`) and read as the body's own bytes.
 */
const MAX_TEXT = 8 * 1024 * 1024;

/**
 * @internal Reads a body from `p` and writes JSON, each written byte with the offset it comes from. A format's
 * renderer walks its values in `values` with `take`, `put`, `ascii` and `string`.
 */
export abstract class JsonRenderer {
  /** Where reading goes on in `b`. */
  p = 0;
  protected view: DataView;
  /**
   * The body range every byte written stands for while `b` is not the body itself but a part decoded from it (an Avro
   * block inflated): offsets inside it are not the body's.
   */
  protected decodedFrom: { start: number; end: number } | undefined;
  /** Set when the rest of the body is not read, its decoding past the size cap (see `RenderedJson.capped`). */
  protected capped: { start: number; end: number } | undefined;
  private out: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;
  private readonly bodyLength: number;

  /** `b`: the bytes read (the body, or a part decoded from it while `decodedFrom` is set). */
  constructor(protected b: Uint8Array) {
    this.bodyLength = b.length;
    this.out = new Uint8Array(Math.min(b.length * 2 + 16, 1 << 20));
    this.starts = new Int32Array(this.out.length);
    this.ends = new Int32Array(this.out.length);
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Writes every value of the body (the body is not in the format: `INVALID`; it ends inside a value: `CUT`). */
  protected abstract values(): void;

  /** The JSON text, as far as the body decodes (the rest as one string); undefined when it is not in the format. */
  render(): RenderedJson | undefined {
    try {
      this.values();
    } catch (e) {
      if (e === INVALID) return undefined;
      if (e !== CUT && e !== FULL) throw e;
      // a value's size past the body's end: the bytes after the cut are kept as a string, read as text at their offsets
      if (e === CUT && this.p < this.b.length) this.rest();
    }
    const n = this.n;
    const text = Buffer.from(this.out.buffer, 0, n);
    return { text, starts: this.starts.slice(0, n), ends: this.ends.slice(0, n), capped: this.capped };
  }

  private rest(): void {
    try {
      this.put(10, this.p);
      this.string(this.b.length - this.p);
    } catch (e) {
      if (e !== FULL) throw e;
    }
  }

  /**
   * Runs `read` over `data`, a part decoded from the body's `[start, end)` (a compressed block or page): everything
   * written meanwhile stands for that range. A part that does not decode to its end is kept as far as it went.
   */
  protected readDecoded(data: Uint8Array, start: number, end: number, read: () => void): void {
    const [b, view, p] = [this.b, this.view, this.p];
    this.b = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.p = 0;
    this.decodedFrom = { start, end };
    try {
      read();
    } catch (e) {
      if (e !== CUT && e !== INVALID) throw e;
    } finally {
      [this.b, this.view, this.p] = [b, view, p];
      this.decodedFrom = undefined;
    }
  }

  /** Writes `byte`, which stands for the body's bytes `[from, to)` (none for punctuation: `to` is `from`). */
  protected put(byte: number, from: number, to = from): void {
    if (this.n === MAX_TEXT) {
      this.capped ??= { start: this.decodedFrom?.start ?? from, end: this.bodyLength };
      throw FULL;
    }
    if (this.n === this.out.length) {
      const out = new Uint8Array(this.out.length * 2);
      out.set(this.out);
      this.out = out;
      this.starts = grown(this.starts, out.length);
      this.ends = grown(this.ends, out.length);
    }
    this.out[this.n] = byte;
    this.starts[this.n] = this.decodedFrom?.start ?? from;
    this.ends[this.n++] = this.decodedFrom?.end ?? to;
  }

  /** Takes `size` bytes from `p`, returning where they start; the body ending first cuts the decoding there. */
  protected take(size: number): number {
    const at = this.p;
    if (at + size > this.b.length) throw CUT;
    this.p = at + size;
    return at;
  }

  /** Writes a number or literal, every byte of it standing for the whole value, the body's `[from, to)`. */
  protected ascii(text: string, from: number, to: number): void {
    for (let k = 0; k < text.length; k++) this.put(text.charCodeAt(k), from, to);
  }

  /** Takes `size` bytes as a JSON string (`"` and `\` escaped, UTF-8 kept); a body cut inside it keeps what it has. */
  protected string(size: number): void {
    this.put(34, this.p);
    const whole = this.stringBytes(size);
    this.put(34, this.p);
    if (!whole) throw CUT;
  }

  /** Takes `size` bytes as a JSON string's inside (escaped); false when the body ends first (what came is written). */
  protected stringBytes(size: number): boolean {
    const s = this.p;
    const end = Math.min(this.b.length, s + size);
    for (let k = s; k < end; k++) this.escaped(this.b[k] as number, k, k + 1);
    this.p = end;
    return end === s + size;
  }

  /** Writes byte `c` of a JSON string, escaped where JSON needs it, standing for the body's `[from, to)`. */
  protected escaped(c: number, from: number, to: number): void {
    if (c === 34 || c === 92) this.put(92, from, to);
    else if (c < 0x20) {
      for (const e of [92, 117, 48, 48, HEX[c >> 4] as number, HEX[c & 0x0f] as number]) this.put(e, from, to);
      return;
    }
    this.put(c, from, to);
  }
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');

function grown(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

/** @internal How an integer counts time: days, milliseconds or microseconds since the epoch. */
export type TimeUnit = 'day' | 'ms' | 'us';

const UNIT_MS: Record<TimeUnit, number> = { day: 86_400_000, ms: 1, us: 0.001 };

/**
 * @internal An integer as JSON: as an ISO 8601 string when it counts time in `unit` (a date, `1985-12-10`, for days; a
 * timestamp otherwise), so a birth date stored as a number reads as one.
 */
export function integerText(n: number, unit: TimeUnit | undefined): string {
  if (unit === undefined) return String(n);
  const date = new Date(n * UNIT_MS[unit]);
  if (Number.isNaN(date.getTime())) return 'null';
  const iso = date.toISOString();
  return JSON.stringify(unit === 'day' ? iso.slice(0, 10) : iso);
}

/** @internal A float as JSON: NaN and the infinities have no JSON number. */
export function finite(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}
