import { ConfigError } from '../../events/errors.js';
import type { Entity, Signal } from '../../events/signal.js';
import type { BucketFlows, FlowAggregator, FlowBatchStats } from './aggregate.js';
import { type BaselineConfig, type BaselineConfigInput, resolveBaselineConfig } from './config.js';
import { hourOfWeek } from './reference.js';
import { isRecurring, noveltyKey, noveltyRule, reconRule, sustainedRule, volumeRule, zOf } from './rules.js';
import { binOf, type EntityBaseline, emptyBaseline, entityKey, mergeInto } from './state.js';
import { EntityWork } from './work.js';

/** Options of `analyzeFlowBatch`: time and ids are arguments (detectors never read the clock). */
export interface AnalyzeFlowOptions {
  /** Processing time; buckets starting more than an hour after it are ignored as clock skew. */
  now: Date;
  /** The delivery's id (SQS messageId, S3 key + etag…); the store uses it to apply updates once. */
  batchId: string;
  config?: BaselineConfigInput;
}

/** Signals raised, the baseline deltas to add in the store (one per entity) and counts. */
export interface FlowBatchResult {
  batchId: string;
  signals: Signal[];
  baselineUpdates: EntityBaseline[];
  stats: FlowBatchStats & { entities: number; buckets: number; futureBuckets: number };
}

/**
 * Scores a batch of aggregated flows against per-entity baselines and returns the signals and the
 * baseline deltas. Buckets are processed in time order and each one learns before the next is scored,
 * so one call over a file spanning days (replay) behaves like the same days arriving batch by batch.
 * @example
 * const agg = new FlowAggregator(600); parseFlowText(buf, {}, (s) => agg.add(s));
 * const { signals, baselineUpdates } = analyzeFlowBatch(agg, await store.load(keys), { now, batchId });
 */
export function analyzeFlowBatch(
  batch: Pick<FlowAggregator, 'entities' | 'stats' | 'bucketSeconds'>,
  baselines: ReadonlyMap<string, EntityBaseline>,
  options: AnalyzeFlowOptions,
): FlowBatchResult {
  const cfg = resolveBaselineConfig(options.config);
  if (batch.bucketSeconds !== cfg.bucketSeconds) {
    throw new ConfigError(
      `flow baseline config: the batch was aggregated in ${batch.bucketSeconds} s buckets, bucketSeconds is ${cfg.bucketSeconds}`,
    );
  }
  const horizon = Math.floor(options.now.getTime() / 1000) + 3600;
  const items: { work: EntityWork; bucket: BucketFlows }[] = [];
  const works = new Map<string, EntityWork>();
  let futureBuckets = 0;
  let last = 0;
  for (const e of batch.entities.values()) {
    const entity = { type: e.type, id: e.id };
    const key = entityKey(entity);
    const work = new EntityWork(entity, baselines.get(key), e.interfaceIds, cfg);
    works.set(key, work);
    for (const bucket of e.buckets.values()) {
      if (bucket.bucketStart > horizon) futureBuckets++;
      else items.push({ work, bucket });
      last = Math.max(last, bucket.bucketStart);
    }
  }
  items.sort((a, b) => a.bucket.bucketStart - b.bucket.bucketStart || (a.work.entity.id < b.work.entity.id ? -1 : 1));
  const signals: Signal[] = [];
  for (const { work, bucket } of items) signals.push(...scoreAndLearn(work, bucket, cfg));
  const keep = last - (cfg.sustainedWindowBuckets + 12) * cfg.bucketSeconds;
  for (const w of works.values()) w.pruneRecent(keep);
  return {
    batchId: options.batchId,
    signals,
    baselineUpdates: [...works.values()].map((w) => w.delta),
    stats: { ...batch.stats, entities: works.size, buckets: items.length, futureBuckets },
  };
}

/** The entities of an aggregated batch, for `BaselineStore.load`. */
export function batchEntities(batch: Pick<FlowAggregator, 'entities'>): Entity[] {
  return [...batch.entities.values()].map((e) => ({ type: e.type, id: e.id }));
}

/** Scores one entity-bucket, then folds it into the entity's baseline (clipped when anomalous). */
function scoreAndLearn(w: EntityWork, bucket: BucketFlows, cfg: BaselineConfig): Signal[] {
  const b = bucket.bucketStart;
  const how = hourOfWeek(b);
  const prev = w.state.recent[String(b)] ?? { bytes: 0, learned: 0, rejected: 0 };
  const total = prev.bytes + bucket.egressBytes;
  w.at = b;
  const ref = w.reference(how);
  const out: Signal[] = [];
  let distinctRejected = 0;
  for (const d of bucket.dests.values()) if (d.rejected > 0) distinctRejected++;
  if (total > 0) {
    const v = volumeRule(w, bucket, total, ref, cfg);
    if (v !== undefined) out.push(v);
  }
  if (!w.cold && w.peerCount < cfg.maxPeersPerEntity) {
    const n = noveltyRule(w, bucket, cfg);
    if (n !== undefined) out.push(n);
  }
  const r = reconRule(w, bucket, distinctRejected, cfg);
  if (r !== undefined) out.push(r);

  let learned = total;
  if (ref !== undefined && zOf(total, ref) > cfg.clipZ && !isRecurring(w, how, total, cfg)) {
    learned = Math.min(total, 2 ** (ref.median + cfg.clipZ * ref.spread) - 1);
  }
  learned = Math.round(learned);
  const piece = emptyBaseline(w.entity);
  piece.firstSeen = b;
  if (total > 0) {
    const m = piece.all;
    m.n = prev.bytes > 0 ? 0 : 1;
    m.sum = learned - prev.learned;
    m.sumSq = learned * learned - prev.learned * prev.learned;
    if (prev.bytes > 0) m.hist[String(binOf(prev.learned))] = -1;
    const bin = String(binOf(learned));
    m.hist[bin] = (m.hist[bin] ?? 0) + 1;
    if (m.hist[bin] === 0) delete m.hist[bin];
    piece.slots[String(how)] = m;
  }
  const learnedRejects = Math.min(distinctRejected, cfg.reconSignalDistinct);
  piece.rejects = { n: 1, sum: learnedRejects, sumSq: learnedRejects * learnedRejects };
  piece.recent[String(b)] = { bytes: bucket.egressBytes, learned: learned - prev.learned, rejected: distinctRejected };
  if (w.peerCount < cfg.maxPeersPerEntity) {
    for (const d of bucket.dests.values()) {
      if (d.response || d.rejected === d.flows) continue;
      const key = noveltyKey(d);
      const p = piece.peers[key] ?? { firstSeen: b, bytes: 0 };
      piece.peers[key] = p;
      p.bytes += d.bytes;
    }
    for (const key of Object.keys(piece.peers)) if (w.state.peers[key] === undefined) w.peerCount++;
  }
  mergeInto(w.state, piece);
  mergeInto(w.delta, piece);
  w.invalidate(how);
  // Slow and low is judged once the bucket is in `recent`.
  if (total > 0 && !w.cold) {
    const s = sustainedRule(w, bucket, cfg);
    if (s !== undefined) out.push(s);
  }
  return out;
}
