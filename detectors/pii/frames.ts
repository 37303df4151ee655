/**
 * What the Zstandard and LZ4 frame formats share: little-endian 32-bit fields, and skippable frames (magic numbers
 * `0x184d2a50` to `0x184d2a5f`, then a 32-bit size: metadata a decoder passes over), which both formats define alike.
 */

const SKIPPABLE = 0x184d2a50;

/** @internal The unsigned 32-bit little-endian integer at `b[p]` (0 for bytes past the end). */
export function u32le(b: Uint8Array, p: number): number {
  return ((b[p] ?? 0) | ((b[p + 1] ?? 0) << 8) | ((b[p + 2] ?? 0) << 16) | ((b[p + 3] ?? 0) << 24)) >>> 0;
}

/** @internal Where the skippable frame at `b[p]` ends (past `b`'s end when it is cut), or -1 when none is there. */
export function skippableEnd(b: Uint8Array, p: number): number {
  return (u32le(b, p) & 0xfffffff0) >>> 0 === SKIPPABLE && p + 8 <= b.length ? p + 8 + u32le(b, p + 4) : -1;
}
