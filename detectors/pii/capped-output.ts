/** Bytes a decoder makes, kept up to a cap: LZ4's, bzip2's and xz's output, grown as it comes. */

/** @internal How decoding a compressed body ended: see `unlz4`, `unbzip2`, `unxz` and `unzstd`. */
export type DecodeEnd = 'whole' | 'cut' | 'full' | 'corrupt';

/** @internal Decoded bytes, at most `max` of them. */
export class CappedOutput {
  bytes: Uint8Array = new Uint8Array(0);
  n = 0;
  constructor(readonly max: number) {}

  /** Room for `size` more bytes, as far as `max` allows: false when `max` cuts them short. */
  reserve(size: number): boolean {
    const want = Math.min(this.n + size, this.max);
    if (want > this.bytes.length) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(want, this.bytes.length * 2, 4096)));
      grown.set(this.bytes.subarray(0, this.n));
      this.bytes = grown;
    }
    return this.n + size <= this.max;
  }

  /** Appends one byte; false, keeping nothing, once `max` bytes are kept. */
  push(byte: number): boolean {
    if (this.n === this.bytes.length && !this.reserve(1)) return false;
    this.bytes[this.n++] = byte;
    return true;
  }

  /** Appends stored bytes, as many as `max` allows: `full` when it cut them short. */
  append(stored: Uint8Array): 'whole' | 'full' {
    const fits = this.reserve(stored.length);
    const kept = Math.min(stored.length, this.max - this.n);
    this.bytes.set(stored.subarray(0, kept), this.n);
    this.n += kept;
    return fits ? 'whole' : 'full';
  }

  /** The bytes kept, and how decoding ended. */
  result(end: DecodeEnd): { bytes: Buffer; end: DecodeEnd } {
    return { bytes: Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.n), end };
  }
}
