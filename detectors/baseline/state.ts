import type { Entity } from '../../events/signal.js';

/**
 * Streaming statistics of an entity's egress bytes per bucket: count, sum, sum of squares and a
 * histogram of log2(1 + bytes) in quarter-octave bins. All fields add, so two Lambdas can update one
 * baseline with DynamoDB `ADD` and the result does not depend on order (the histogram gives the
 * median and MAD that a sum cannot).
 */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  /** Bin (floor(4·log2(1 + bytes))) → bucket count. */
  hist: Record<string, number>;
}

/** One recent bucket: raw egress bytes seen, the (clipped) bytes learned, distinct rejected destinations. */
export interface RecentBucket {
  bytes: number;
  learned: number;
  rejected: number;
}

/** A destination (network/24 or AWS service, and port) the entity has sent to. */
export interface PeerStat {
  /** Bucket start (epoch s) of the first contact; merge keeps the minimum. */
  firstSeen: number;
  bytes: number;
}

/**
 * The baseline of one entity, which is also the shape of an update: merging a delta into a state is
 * the same operation as merging two states (a commutative monoid), which is what lets concurrent
 * writers and replays agree.
 */
export interface EntityBaseline {
  entity: Entity;
  /** Epoch seconds of the first bucket seen; merge keeps the minimum (0 = not set). */
  firstSeen: number;
  all: Moments;
  /** Hour of week (0 = Monday 00:00 UTC … 167) → moments of buckets in that hour. */
  slots: Record<string, Moments>;
  /** Moments of distinct rejected destinations per active bucket (recon baseline). */
  rejects: { n: number; sum: number; sumSq: number };
  /** Bucket start (epoch s) → recent bucket; kept for the sustained-egress window (TTL in the store). */
  recent: Record<string, RecentBucket>;
  /** Destination key → first contact and bytes (novelty). */
  peers: Record<string, PeerStat>;
}

/** Bins per octave of the byte histogram. */
export const BINS_PER_OCTAVE = 4;

/** The histogram bin of a byte count. */
export function binOf(bytes: number): number {
  return Math.floor(BINS_PER_OCTAVE * Math.log2(1 + Math.max(0, bytes)));
}

/** Empty moments. */
export function emptyMoments(): Moments {
  return { n: 0, sum: 0, sumSq: 0, hist: {} };
}

/** An empty baseline for an entity. */
export function emptyBaseline(entity: Entity): EntityBaseline {
  return {
    entity,
    firstSeen: 0,
    all: emptyMoments(),
    slots: {},
    rejects: { n: 0, sum: 0, sumSq: 0 },
    recent: {},
    peers: {},
  };
}

/** The key baselines are stored and looked up by: `eni:eni-…` or `instance:i-…`. */
export function entityKey(entity: Entity): string {
  return `${entity.type}:${entity.id}`;
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function addMoments(a: Moments, b: Moments): Moments {
  a.n += b.n;
  a.sum += b.sum;
  a.sumSq += b.sumSq;
  for (const [bin, c] of Object.entries(b.hist)) {
    const v = (a.hist[bin] ?? 0) + c;
    if (v === 0) delete a.hist[bin];
    else a.hist[bin] = v;
  }
  return a;
}

function minSet(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  return Math.min(a, b);
}

/** Merges `b` into `a` (mutates and returns `a`): sums add, first-seen times take the minimum. */
export function mergeInto(a: EntityBaseline, b: EntityBaseline): EntityBaseline {
  a.firstSeen = minSet(a.firstSeen, b.firstSeen);
  addMoments(a.all, b.all);
  for (const [slot, m] of Object.entries(b.slots)) {
    const target = a.slots[slot] ?? emptyMoments();
    a.slots[slot] = target;
    addMoments(target, m);
  }
  a.rejects.n += b.rejects.n;
  a.rejects.sum += b.rejects.sum;
  a.rejects.sumSq += b.rejects.sumSq;
  for (const [k, r] of Object.entries(b.recent)) {
    const t = a.recent[k] ?? { bytes: 0, learned: 0, rejected: 0 };
    a.recent[k] = t;
    t.bytes += r.bytes;
    t.learned += r.learned;
    t.rejected += r.rejected;
  }
  for (const [k, p] of Object.entries(b.peers)) {
    const t = a.peers[k];
    if (t === undefined) a.peers[k] = { ...p };
    else {
      t.firstSeen = minSet(t.firstSeen, p.firstSeen);
      t.bytes += p.bytes;
    }
  }
  return a;
}

/** A deep copy (baselines are plain JSON data). */
export function cloneBaseline(b: EntityBaseline): EntityBaseline {
  return structuredClone(b);
}

/** Pure merge of two baselines of the same entity; associative and commutative. */
export function mergeBaselines(a: EntityBaseline, b: EntityBaseline): EntityBaseline {
  return mergeInto(cloneBaseline(a), b);
}
