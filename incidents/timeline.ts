import { createHash } from 'node:crypto';

/** Hash the first entry of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a timeline entry records, before it is chained. Never raw personal data. */
export interface TimelineEvent {
  /** When the change was made (ISO 8601 UTC), injected by the caller. */
  at: string;
  /** What happened: `opened`, `signal-added`, `reopened`, `status-changed`… */
  type: string;
  /** Who did it: `breachwatch` for the platform, a person's id otherwise. */
  actor: string;
  /** One human line. */
  summary: string;
  data?: Record<string, unknown>;
}

/** A chained timeline entry: `hash` covers the entry and the previous entry's hash. */
export interface TimelineEntry extends TimelineEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** JSON with keys sorted at every depth, so the hash does not depend on key order after a round trip. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the previous hash and the canonical form of the entry without its own hash. */
export function hashEntry(entry: Omit<TimelineEntry, 'hash'>): string {
  return createHash('sha256').update(entry.prevHash).update('\n').update(canonical(entry)).digest('hex');
}

/** Appends events after an entry with sequence `lastSeq` and hash `lastHash` (`-1`, GENESIS_HASH for a new chain). */
export function chainEntries(lastSeq: number, lastHash: string, events: TimelineEvent[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let prevHash = lastHash;
  let seq = lastSeq;
  for (const event of events) {
    seq += 1;
    const unhashed = { ...event, seq, prevHash };
    const hash = hashEntry(unhashed);
    out.push({ ...unhashed, hash });
    prevHash = hash;
  }
  return out;
}

/** Result of checking a chain: the first broken sequence number and why, if any. */
export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; atSeq: number; reason: string };

/**
 * Checks that entries are numbered 0…n-1 without gaps, each hash matches its content and each entry
 * points at its predecessor: an edited, removed or reordered entry breaks it. `expectedHead`, the head
 * hash kept on the incident, also catches removal of the last entries.
 */
export function verifyChain(entries: TimelineEntry[], expectedHead?: string): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index) return { ok: false, atSeq: index, reason: `expected entry ${index}, found ${entry.seq}` };
    if (entry.prevHash !== prevHash) return { ok: false, atSeq: index, reason: 'does not point at the previous entry' };
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) return { ok: false, atSeq: index, reason: 'content does not match its hash' };
    prevHash = hash;
  }
  if (expectedHead !== undefined && expectedHead !== prevHash) {
    return { ok: false, atSeq: entries.length, reason: 'chain ends before the head recorded on the incident' };
  }
  return { ok: true, entries: entries.length, head: prevHash };
}
