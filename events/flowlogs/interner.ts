/** Upper bound of interned strings; past it the table starts afresh (bounded memory on odd inputs). */
const MAX_ENTRIES = 1 << 16;

/**
 * Turns byte ranges into shared strings keyed by their FNV-1a hash, checked byte for byte: an ENI id seen
 * a million times costs one string. Collisions fall back to a fresh string.
 */
export class Interner {
  private readonly table = new Map<number, string>();

  /** The string of latin1 bytes `buf[from, to)` whose hash is `hash`. */
  intern(buf: Buffer, from: number, to: number, hash: number): string {
    const hit = this.table.get(hash);
    if (hit !== undefined && sameBytes(hit, buf, from, to)) return hit;
    const s = buf.toString('latin1', from, to);
    if (hit === undefined) {
      if (this.table.size >= MAX_ENTRIES) this.table.clear();
      this.table.set(hash, s);
    }
    return s;
  }
}

function sameBytes(s: string, buf: Buffer, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== buf[from + k]) return false;
  return true;
}
