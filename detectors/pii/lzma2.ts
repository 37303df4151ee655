/**
 * LZMA2, the compression inside an .xz block: chunks of LZMA (a range coder over adaptive bit probabilities, coding
 * literals and matches that copy earlier bytes) or of stored bytes, each chunk saying whether it resets the dictionary,
 * the LZMA state or its properties. Decoded straight into the capped output, which keeps every byte anyway, so the
 * dictionary the header declares (up to 4 GiB) is never allocated: a match copies from the output since the last reset.
 */
import type { CappedOutput, DecodeEnd } from './capped-output.js';

/** Thrown when the range coder reads past the input's end (the body was cut short), or past its chunk's packed size. */
class Cut extends Error {}
class Corrupt extends Error {}

// The probabilities other than the literals', one array: 12 states, up to 16 position states, 4 length states.
const IS_MATCH = 0;
const IS_REP = 192;
const IS_REP_G0 = 204;
const IS_REP_G1 = 216;
const IS_REP_G2 = 228;
const IS_REP0_LONG = 240;
const POS_SLOT = 432;
/** The reverse bit trees of distances under 128, indexed from `distance - slot` (entry 0 unused). */
const SPEC_POS = 688;
const ALIGN = 803;
/** A length coder: choice, choice 2, 16 low trees of 3 bits, 16 middle trees of 3 bits, one high tree of 8 bits. */
const MATCH_LEN = 819;
const REP_LEN = 1333;
const LEN_MID = 130;
const LEN_HIGH = 258;
const PROBS = 1847;

/**
 * @internal Decodes the LZMA2 data at `input[from]` into `out`: where it ends (past its end marker), or how decoding
 * ended when it did not reach it. Data past `bound` (where the block's declared compressed size ends) is corrupt.
 */
export function unlzma2(input: Uint8Array, from: number, bound: number, out: CappedOutput): number | DecodeEnd {
  const lzma = new Lzma(input);
  let p = from;
  let dictStart = out.n;
  let needDict = true;
  let needProps = true;
  for (;;) {
    if (p >= input.length) return 'cut';
    const control = input[p] as number;
    if (control === 0) return p + 1;
    // 0x01 and 0xe0-0xff reset the dictionary, as the first chunk must: no match reaches back past here
    if (control === 1 || control >= 0xe0) {
      dictStart = out.n;
      needDict = false;
      needProps = true;
    } else if (needDict) {
      return 'corrupt';
    }
    // 0x03-0x7f mean nothing; after a dictionary reset, the first LZMA chunk must set properties (0xc0 and up)
    if ((control > 2 && control < 0x80) || (control >= 0x80 && control < 0xc0 && needProps)) {
      return 'corrupt';
    }
    const header = control < 0x80 ? 3 : control < 0xc0 ? 5 : 6;
    if (p + header > input.length) return 'cut';
    // the packed size (a stored chunk's size) sits after the unpacked size of an LZMA chunk
    const sizeAt = control < 0x80 ? p + 1 : p + 3;
    const packed = ((input[sizeAt] as number) << 8) + (input[sizeAt + 1] as number) + 1;
    const start = p + header;
    // a chunk past the block's declared compressed size (an end marker past it fails the block's own size check)
    if (start + packed > bound) return 'corrupt';
    let end: DecodeEnd;
    if (control < 0x80) {
      // stored bytes, as far as the input goes (a chunk cut short is found cut after it)
      end = out.append(input.subarray(start, start + packed));
    } else {
      if (control >= 0xc0) {
        if (!lzma.properties(input[p + 5] as number)) return 'corrupt';
        needProps = false;
      } else if (control >= 0xa0) {
        lzma.reset();
      }
      const unpacked = ((control & 0x1f) << 16) + ((input[p + 1] as number) << 8) + (input[p + 2] as number) + 1;
      end = lzma.chunk(out, start, start + packed, unpacked, dictStart);
    }
    if (end !== 'whole') return end;
    p = start + packed;
  }
}

/** The LZMA decoder's state, kept from one chunk to the next unless a chunk resets it. */
class Lzma {
  private readonly probs = new Uint16Array(PROBS);
  private literals = new Uint16Array(0x300);
  private lc = 0;
  private lpMask = 0;
  private pbMask = 0;
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  private range = 0;
  private code = 0;
  private p = 0;
  private limit = 0;
  private chunkEnd = 0;

  constructor(private readonly input: Uint8Array) {}

  /** Takes lc/lp/pb from a properties byte and resets the state; false when they are out of LZMA2's range. */
  properties(byte: number): boolean {
    const lc = byte % 9;
    const lp = Math.floor(byte / 9) % 5;
    const pb = Math.floor(byte / 45);
    // LZMA2 caps lc + lp at 4, so the literal coders stay small (12,288 probabilities at most)
    if (pb > 4 || lc + lp > 4) return false;
    this.lc = lc;
    this.lpMask = (1 << lp) - 1;
    this.pbMask = (1 << pb) - 1;
    if (this.literals.length !== 0x300 << (lc + lp)) this.literals = new Uint16Array(0x300 << (lc + lp));
    this.reset();
    return true;
  }

  /** A state reset: probabilities (11-bit) back to one half, no distances repeated. */
  reset(): void {
    this.state = this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.probs.fill(1024);
    this.literals.fill(1024);
  }

  /**
   * Decodes the chunk `input[from, to)` into `unpacked` bytes of `out`: it must make exactly those and use exactly its
   * packed bytes, and no match may reach before `dictStart`.
   */
  chunk(out: CappedOutput, from: number, to: number, unpacked: number, dictStart: number): DecodeEnd {
    this.p = from;
    this.chunkEnd = to;
    this.limit = Math.min(to, this.input.length);
    const end = out.n + unpacked;
    const stop = out.reserve(unpacked) ? end : out.max;
    const buf = out.bytes;
    const lit = this.literals;
    let n = out.n;
    try {
      // the range coder starts on a zero byte, then the code's four bytes
      if (this.next() !== 0) return 'corrupt';
      this.code = this.next() * 0x1000000 + this.next() * 0x10000 + this.next() * 0x100 + this.next();
      this.range = 0xffffffff;
      while (n < end) {
        if (n >= stop) return 'full';
        const posState = (n - dictStart) & this.pbMask;
        const state = this.state;
        if (this.bit(this.probs, IS_MATCH + (state << 4) + posState) === 0) {
          const prev = n > dictStart ? (buf[n - 1] as number) : 0;
          const base = 0x300 * ((((n - dictStart) & this.lpMask) << this.lc) + (prev >> (8 - this.lc)));
          let symbol = 1;
          // after a match, the byte the match would have copied next steers the first bits
          if (state >= 7) {
            let match = buf[n - this.rep0 - 1] as number;
            for (;;) {
              const matchBit = (match >> 7) & 1;
              match <<= 1;
              const bit = this.bit(lit, base + 0x100 + (matchBit << 8) + symbol);
              symbol = (symbol << 1) | bit;
              if (bit !== matchBit || symbol >= 0x100) break;
            }
          }
          while (symbol < 0x100) symbol = (symbol << 1) | this.bit(lit, base + symbol);
          buf[n++] = symbol & 0xff;
          this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
          continue;
        }
        let length: number;
        if (this.bit(this.probs, IS_REP + state) === 0) {
          length = this.length(MATCH_LEN, posState);
          this.state = state < 7 ? 7 : 10;
          this.rep3 = this.rep2;
          this.rep2 = this.rep1;
          this.rep1 = this.rep0;
          this.rep0 = this.distance(length);
        } else {
          if (this.bit(this.probs, IS_REP_G0 + state) === 0) {
            if (this.bit(this.probs, IS_REP0_LONG + (state << 4) + posState) === 0) {
              // a short rep: the one byte at the last distance
              this.state = state < 7 ? 9 : 11;
              if (this.rep0 >= n - dictStart) return 'corrupt';
              buf[n] = buf[n - this.rep0 - 1] as number;
              n++;
              continue;
            }
          } else {
            let distance: number;
            if (this.bit(this.probs, IS_REP_G1 + state) === 0) {
              distance = this.rep1;
            } else {
              if (this.bit(this.probs, IS_REP_G2 + state) === 0) {
                distance = this.rep2;
              } else {
                distance = this.rep3;
                this.rep3 = this.rep2;
              }
              this.rep2 = this.rep1;
            }
            this.rep1 = this.rep0;
            this.rep0 = distance;
          }
          length = this.length(REP_LEN, posState);
          this.state = state < 7 ? 8 : 11;
        }
        // before the reset point (or the end-of-payload marker, 0xffffffff, which LZMA2 does not allow)
        if (this.rep0 >= n - dictStart) return 'corrupt';
        // a match does not run on into the next chunk
        if (length > end - n) return 'corrupt';
        const copied = Math.min(length, stop - n);
        // a match may overlap what it writes (a run): byte by byte; cut by `max`, the loop's next turn says full
        for (let from = n - this.rep0 - 1, last = n + copied; n < last; ) buf[n++] = buf[from++] as number;
      }
      // the encoder's flush leaves the code at zero, with every packed byte read
      return this.p === to && this.code === 0 ? 'whole' : 'corrupt';
    } catch (error) {
      return error instanceof Cut ? 'cut' : 'corrupt';
    } finally {
      out.n = n;
    }
  }

  /** The next packed byte: past the chunk's end it is corrupt, past the input's end the input was cut. */
  private next(): number {
    if (this.p >= this.limit) throw this.p >= this.chunkEnd ? new Corrupt() : new Cut();
    return this.input[this.p++] as number;
  }

  /** One bit coded with the probability `probs[i]`, which then adapts to it. */
  private bit(probs: Uint16Array, i: number): number {
    const prob = probs[i] as number;
    const bound = (this.range >>> 11) * prob;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = prob + ((2048 - prob) >> 5);
      bit = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = prob - (prob >> 5);
      bit = 1;
    }
    this.normalize();
    return bit;
  }

  /** Normalised after each bit, so at a chunk's end every byte the encoder flushed has been read. */
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + this.next();
    }
  }

  /** A `bits`-bit symbol, most significant bit first, from the tree of probabilities at `base`. */
  private tree(base: number, bits: number): number {
    let m = 1;
    for (let k = 0; k < bits; k++) m = (m << 1) | this.bit(this.probs, base + m);
    return m - (1 << bits);
  }

  /** A `bits`-bit symbol, least significant bit first. */
  private reverse(base: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let k = 0; k < bits; k++) {
      const bit = this.bit(this.probs, base + m);
      m = (m << 1) | bit;
      symbol |= bit << k;
    }
    return symbol;
  }

  /** A match's length, 2 to 273. */
  private length(base: number, posState: number): number {
    if (this.bit(this.probs, base) === 0) return 2 + this.tree(base + 2 + (posState << 3), 3);
    if (this.bit(this.probs, base + 1) === 0) return 10 + this.tree(base + LEN_MID + (posState << 3), 3);
    return 18 + this.tree(base + LEN_HIGH, 8);
  }

  /** A match's distance less one: a slot (its top two bits), then its low bits, the lowest four coded apart. */
  private distance(length: number): number {
    const slot = this.tree(POS_SLOT + ((length < 6 ? length - 2 : 3) << 6), 6);
    if (slot < 4) return slot;
    const bits = (slot >> 1) - 1;
    const base = ((2 | (slot & 1)) << bits) >>> 0;
    if (slot < 14) return base + this.reverse(SPEC_POS + base - slot, bits);
    // the middle bits are equally likely: direct bits, which adapt nothing
    let direct = 0;
    for (let k = bits - 4; k > 0; k--) {
      this.range = this.range >>> 1;
      const bit = this.code >= this.range ? 1 : 0;
      this.code -= this.range * bit;
      direct = direct * 2 + bit;
      this.normalize();
    }
    return base + direct * 16 + this.reverse(ALIGN, 4);
  }
}
