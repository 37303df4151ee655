import type { Entity } from '../../events/signal.js';
import type { BaselineConfig } from './config.js';
import { type Reference, referenceFor } from './reference.js';
import { cloneBaseline, type EntityBaseline, emptyBaseline } from './state.js';

/** References are recomputed at least every this many learned buckets (a fallback to "overall" drifts slowly). */
const REFERENCE_REUSE = 12;

/**
 * One entity's working state during a batch: the baseline as it evolves bucket by bucket (so a file
 * spanning days learns before it scores) and the delta that the store will add.
 * @internal
 */
export class EntityWork {
  readonly entity: Entity;
  readonly state: EntityBaseline;
  readonly delta: EntityBaseline;
  readonly interfaceIds: Set<string>;
  peerCount: number;
  private readonly refs = new Map<number, { ref: Reference | undefined; stamp: number }>();
  private readonly cfg: BaselineConfig;

  constructor(entity: Entity, stored: EntityBaseline | undefined, interfaceIds: Set<string>, cfg: BaselineConfig) {
    this.entity = entity;
    this.state = stored ? cloneBaseline(stored) : emptyBaseline(entity);
    this.delta = emptyBaseline(entity);
    this.interfaceIds = interfaceIds;
    this.peerCount = Object.keys(this.state.peers).length;
    this.cfg = cfg;
  }

  /** The bucket being scored (epoch s); cold start is judged against it. */
  at = 0;

  /** Whether the entity is still in cold start: too few active buckets or too little time for a reference. */
  get cold(): boolean {
    const s = this.state;
    return (
      s.all.n < this.cfg.coldStartBuckets || s.firstSeen === 0 || this.at - s.firstSeen < this.cfg.coldStartSeconds
    );
  }

  /** When the entity left cold start by time (peers first seen before it are known, not new). */
  get warmSince(): number {
    return this.state.firstSeen + this.cfg.coldStartSeconds;
  }

  /** The reference for an hour of week, memoised until its slot learns or 12 buckets pass. */
  reference(how: number): Reference | undefined {
    if (this.cold) return undefined;
    const hit = this.refs.get(how);
    if (hit !== undefined && this.state.all.n - hit.stamp < REFERENCE_REUSE) return hit.ref;
    const ref = referenceFor(this.state, how, this.cfg.minSlotSamples, this.cfg.minSpreadLog2);
    this.refs.set(how, { ref, stamp: this.state.all.n });
    return ref;
  }

  /** Forgets the memoised reference of a slot that just learned. */
  invalidate(how: number): void {
    this.refs.delete(how);
  }

  /** Drops recent buckets older than `before` (epoch s) from state and delta. */
  pruneRecent(before: number): void {
    for (const b of [this.state, this.delta]) {
      for (const k of Object.keys(b.recent)) if (Number(k) < before) delete b.recent[k];
    }
  }
}
