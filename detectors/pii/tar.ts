/**
 * tar archives (POSIX ustar, pax and GNU tar): `tar czf - /srv/exports | curl -T -` is how a directory leaves a
 * host. Members are stored as they are, 512-byte headers between them, so each member is read as a body of its own
 * (a CSV member by its header line) at its own offsets. The splitter reads the archive as it streams.
 */

import { HeldBytes } from './held-bytes.js';

/** Bytes in a tar header block, and the unit members are padded to. */
export const TAR_BLOCK = 512;

const NAME = [0, 100] as const;
const SIZE = [124, 136] as const;
const CHECKSUM = [148, 156] as const;
const TYPE = 156;
const LINK_NAME = [157, 257] as const;
const MAGIC = 257;
const PREFIX = [345, 500] as const;
/** A pax extended header is gathered for its `size=` record up to this length (real ones hold a few records). */
const PAX_MAX = 64 * 1024;
/** Type flags of members without data: hard and symbolic links, devices, directories, FIFOs. */
const NO_DATA = new Set('123456'.split('').map((c) => c.charCodeAt(0)));
const PAX = 'x'.charCodeAt(0);

/** True when `head` starts with a tar header: the `ustar` magic and a checksum that adds up. */
export function isTar(head: Uint8Array): boolean {
  if (head.length < TAR_BLOCK) return false;
  for (let k = 0; k < USTAR.length; k++) if (head[MAGIC + k] !== USTAR[k]) return false;
  return checksumMatches(head, 0);
}

/** `ustar`, the magic POSIX and GNU tar both write (then `\0` and `00`, or two spaces and `\0`). */
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72];

/** The header at `at` adds up to its checksum (unsigned, or signed as some old writers summed). */
function checksumMatches(bytes: Uint8Array, at: number): boolean {
  const stored = octal(bytes, at + CHECKSUM[0], at + CHECKSUM[1]);
  if (stored < 0) return false;
  let unsigned = 0;
  let signed = 0;
  for (let k = 0; k < TAR_BLOCK; k++) {
    const inField = k >= CHECKSUM[0] && k < CHECKSUM[1];
    const b = inField ? 32 : (bytes[at + k] as number);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** An octal field (leading spaces, digits, then a NUL or space), or GNU's base-256 form; -1 when it is neither. */
function octal(bytes: Uint8Array, from: number, to: number): number {
  if (((bytes[from] as number) & 0x80) !== 0) {
    // GNU tar writes sizes of 8 GiB and more as big-endian binary after a 0x80 flag byte
    let value = (bytes[from] as number) & 0x7f;
    for (let k = from + 1; k < to; k++) value = value * 256 + (bytes[k] as number);
    return value;
  }
  let k = from;
  while (k < to && bytes[k] === 32) k++;
  let value = 0;
  let digits = 0;
  for (; k < to; k++) {
    const c = bytes[k] as number;
    if (c < 48 || c > 55) break;
    value = value * 8 + (c - 48);
    digits++;
  }
  if (k < to && bytes[k] !== 0 && bytes[k] !== 32) return -1;
  return digits === 0 ? 0 : value;
}

/** A pax header's `size=` record (it overrides the next member's size field), or -1. */
function paxSize(records: Buffer): number {
  const m = /(?:^|\n)\d+ size=(\d+)\n/.exec(records.toString('latin1'));
  return m ? Number(m[1]) : -1;
}

/**
 * What the splitter reports, in input order; offsets are into the whole archive. A member's data comes between its
 * `part` and `end`. A header's names come as a part of their own: the header block with every other field blanked.
 */
export type TarEvent =
  | { kind: 'part'; start: number }
  | { kind: 'data'; bytes: Buffer }
  | { kind: 'end'; end: number }
  /** A member cut short by the end of the input, or a header that does not add up (the rest is read as a part). */
  | { kind: 'corrupt'; start: number; end: number };

/**
 * Splits a tar archive fed in chunks of any size into its members, with memory bounded by a header block (and a pax
 * header's records): member data is passed on as it arrives. Zero blocks (the end-of-archive marker, and the padding
 * of concatenated archives) are skipped; a header whose checksum fails makes the rest of the input one plain part.
 */
export class TarSplitter extends HeldBytes<TarEvent> {
  private state: 'header' | 'data' | 'pad' | 'rest' = 'header';
  /** Data bytes left in the current member, then padding bytes left after it. */
  private left = 0;
  private memberStart = 0;
  /** The records of a pax header being gathered (it sets the next member's size). */
  private pax: Buffer[] | undefined;
  private nextSize = -1;
  /** Where the rest read as one plain part starts. */
  private restStart = 0;

  protected run(final: boolean): TarEvent[] {
    const out: TarEvent[] = [];
    for (;;) {
      const buf = this.held;
      if (this.state === 'rest') {
        if (buf.length > 0) out.push({ kind: 'data', bytes: this.consume(buf.length) });
        if (final)
          out.push({ kind: 'end', end: this.base }, { kind: 'corrupt', start: this.restStart, end: this.base });
        return out;
      }
      if (this.state === 'data') {
        const n = Math.min(this.left, buf.length);
        if (n > 0) {
          const bytes = this.consume(n);
          this.left -= n;
          this.pax?.push(bytes);
          out.push({ kind: 'data', bytes });
        }
        if (this.left > 0) {
          if (final)
            out.push({ kind: 'end', end: this.base }, { kind: 'corrupt', start: this.memberStart, end: this.base });
          return out;
        }
        out.push({ kind: 'end', end: this.base });
        if (this.pax) this.nextSize = paxSize(Buffer.concat(this.pax));
        this.pax = undefined;
        this.left = (TAR_BLOCK - ((this.base - this.memberStart) % TAR_BLOCK)) % TAR_BLOCK;
        this.state = 'pad';
        continue;
      }
      if (this.state === 'pad') {
        const n = Math.min(this.left, buf.length);
        this.consume(n);
        this.left -= n;
        if (this.left > 0) return out;
        this.state = 'header';
        continue;
      }
      if (buf.length < TAR_BLOCK) {
        if (!final) return out;
        // a header cut short (a capture stopped at a size limit) is read as text, not lost
        if (buf.some((b) => b !== 0)) {
          this.readRestAsText(out);
          continue;
        }
        this.consume(buf.length);
        return out;
      }
      if (buf.subarray(0, TAR_BLOCK).every((b) => b === 0)) {
        this.consume(TAR_BLOCK);
        continue;
      }
      if (!checksumMatches(buf, 0)) {
        this.readRestAsText(out);
        continue;
      }
      this.header(buf, out);
    }
  }

  /** The header at the start of `held`: its names as a part, then its member's data (if any) as one. */
  private header(buf: Buffer, out: TarEvent[]): void {
    const type = buf[TYPE] as number;
    const field = octal(buf, SIZE[0], SIZE[1]);
    const size = NO_DATA.has(type) ? 0 : this.nextSize >= 0 ? this.nextSize : Math.max(0, field);
    this.nextSize = -1;
    const names = Buffer.alloc(TAR_BLOCK, 32);
    for (const [from, to] of [NAME, LINK_NAME, PREFIX]) {
      const nul = buf.indexOf(0, from);
      buf.copy(names, from, from, nul < 0 || nul > to ? to : nul);
    }
    out.push({ kind: 'part', start: this.base }, { kind: 'data', bytes: names });
    this.consume(TAR_BLOCK);
    out.push({ kind: 'end', end: this.base });
    if (size === 0) return;
    this.memberStart = this.base;
    this.left = size;
    // only a pax header for the next member (`x`, not a global `g`) sets its size
    this.pax = type === PAX && size <= PAX_MAX ? [] : undefined;
    out.push({ kind: 'part', start: this.base });
    this.state = 'data';
  }

  /** A header that does not add up: nothing after it can be trusted as tar, so the rest is one plain part. */
  private readRestAsText(out: TarEvent[]): void {
    this.restStart = this.base;
    out.push({ kind: 'part', start: this.base });
    this.state = 'rest';
  }
}
