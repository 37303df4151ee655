import type { Signal } from '../../events/signal.js';
import { networkOf } from './addresses.js';
import type { BucketFlows, DestFlows } from './aggregate.js';
import type { BaselineConfig } from './config.js';
import { AnomalyKind, buildFlowSignal, formatBytes } from './explain.js';
import { countAtLeast, hourOfDayMoments, hourOfWeek, type Reference } from './reference.js';
import type { EntityWork } from './work.js';

/** The destination a summary names: the largest accepted one, as `addr:port` or `addr (responses)`. */
export function topDestination(bucket: BucketFlows): DestFlows | undefined {
  let top: DestFlows | undefined;
  for (const d of bucket.dests.values())
    if (d.rejected < d.flows && (top === undefined || d.bytes > top.bytes)) top = d;
  return top;
}

/** How a destination reads in a summary. */
export function destLabel(d: DestFlows): string {
  return d.response ? `${d.peer} (responses)` : `${d.peer}:${d.port}`;
}

/** The novelty key of a destination: its /24 (or /48, or AWS service) and port. */
export function noveltyKey(d: DestFlows): string {
  return d.peer.startsWith('aws:') ? `${d.peer}:${d.port}` : `${networkOf(d.peer)}:${d.port}`;
}

/**
 * Whether this hour of week, or this hour on any day, saw buckets at least half this size `recurringMin`
 * times: a daily report or a nightly backup is a rhythm, not an anomaly, even when the median says otherwise.
 */
export function isRecurring(w: EntityWork, how: number, bytes: number, cfg: BaselineConfig): boolean {
  if (countAtLeast(w.state.slots[String(how)], bytes / 2) >= cfg.recurringMin) return true;
  return countAtLeast(hourOfDayMoments(w.state, how % 24), bytes / 2) >= cfg.recurringMin;
}

/** Robust z of a byte count against a reference. */
export function zOf(bytes: number, ref: Reference): number {
  return (Math.log2(1 + bytes) - ref.median) / ref.spread;
}

function bucketMinutes(cfg: BaselineConfig): string {
  return `${cfg.bucketSeconds / 60} min`;
}

/** Volume of one bucket against its seasonal reference (or the cold-start absolute limit). */
export function volumeRule(
  w: EntityWork,
  bucket: BucketFlows,
  total: number,
  ref: Reference | undefined,
  cfg: BaselineConfig,
): Signal | undefined {
  const top = topDestination(bucket);
  const to =
    top === undefined ? '' : ` to ${destLabel(top)}${bucket.dests.size > 1 ? ` (+${bucket.dests.size - 1} more)` : ''}`;
  const evidence = {
    egressBytes: total,
    egressPackets: bucket.egressPackets,
    flows: bucket.egressFlows,
    distinctDestinations: bucket.dests.size,
    topDestination: top === undefined ? undefined : destLabel(top),
    topDestinationBytes: top?.bytes,
    interfaceIds: [...w.interfaceIds],
  };
  if (ref === undefined) {
    if (total < cfg.coldStartIncidentBytes) return undefined;
    const score = (10 * total) / cfg.coldStartIncidentBytes;
    return buildFlowSignal({
      kind: AnomalyKind.COLD_START,
      entity: w.entity,
      bucketStart: bucket.bucketStart,
      score,
      threshold: 10,
      opensIncident: true,
      summary: `${w.entity.id} sent ${formatBytes(total)}${to} in ${bucketMinutes(cfg)}; no baseline yet (${w.state.all.n} buckets of history), above the ${formatBytes(cfg.coldStartIncidentBytes)} cold-start limit; score ${score.toFixed(1)}`,
      evidence: { ...evidence, baseline: { reference: 'cold start', n: w.state.all.n } },
    });
  }
  const z = zOf(total, ref);
  if (
    z < cfg.volumeSignalZ ||
    total < cfg.volumeSignalBytes ||
    isRecurring(w, hourOfWeek(bucket.bucketStart), total, cfg)
  ) {
    return undefined;
  }
  const opens = z >= cfg.volumeIncidentZ && total >= cfg.volumeIncidentBytes;
  return buildFlowSignal({
    kind: AnomalyKind.VOLUME,
    entity: w.entity,
    bucketStart: bucket.bucketStart,
    score: z,
    threshold: cfg.volumeIncidentZ,
    opensIncident: opens,
    summary: `${w.entity.id} sent ${formatBytes(total)}${to} in ${bucketMinutes(cfg)}; its ${ref.label} baseline is ${formatBytes(ref.meanBytes)} ± ${formatBytes(ref.stdBytes)} (median ${formatBytes(ref.medianBytes)}, ${ref.n} buckets); score ${z.toFixed(1)}`,
    evidence: { ...evidence, baseline: referenceEvidence(ref) },
  });
}

function referenceEvidence(ref: Reference): Record<string, unknown> {
  return {
    reference: ref.label,
    n: ref.n,
    meanBytes: Math.round(ref.meanBytes),
    stdBytes: Math.round(ref.stdBytes),
    medianBytes: Math.round(ref.medianBytes),
  };
}

/** A window score: Stouffer's combination of bucket z-scores (clipped to [−2, 4]) and the bytes behind it. */
export interface WindowScore {
  score: number;
  buckets: number;
  bytes: number;
  expected: number;
}

/**
 * The strongest of the windows of ⅓, ⅔ and all of `sustainedWindowBuckets` ending at `end` that also
 * carries `sustainedIncidentBytes` above normal: a short window catches a steady leak early, a long one
 * a slower leak (measured on the scenarios: a 6 h-only window reached 6.8 for a 3× leak, the 2 h one 10+).
 */
export function windowScore(w: EntityWork, end: number, cfg: BaselineConfig): WindowScore {
  const n = cfg.sustainedWindowBuckets;
  const checks = new Set([Math.max(1, Math.round(n / 3)), Math.max(1, Math.round((2 * n) / 3)), n]);
  let best: WindowScore = { score: 0, buckets: 0, bytes: 0, expected: 0 };
  let sumZ = 0;
  let count = 0;
  let bytes = 0;
  let expected = 0;
  for (let k = 0; k < n; k++) {
    const j = end - k * cfg.bucketSeconds;
    const ref = w.reference(hourOfWeek(j));
    if (ref !== undefined) {
      const x = w.state.recent[String(j)]?.bytes ?? 0;
      sumZ += Math.min(4, Math.max(-2, zOf(x, ref)));
      count++;
      bytes += x;
      expected += ref.medianBytes;
    }
    if (!checks.has(k + 1) || count === 0) continue;
    const score = sumZ / Math.sqrt(count);
    const qualifies = bytes - expected >= cfg.sustainedIncidentBytes;
    if (qualifies && score > best.score) best = { score, buckets: k + 1, bytes, expected };
  }
  return best;
}

/** Slow and low: a window score crosses the threshold in this bucket, with enough bytes above normal. */
export function sustainedRule(w: EntityWork, bucket: BucketFlows, cfg: BaselineConfig): Signal | undefined {
  const now = windowScore(w, bucket.bucketStart, cfg);
  if (now.score < cfg.sustainedIncidentZ) return undefined;
  const before = windowScore(w, bucket.bucketStart - cfg.bucketSeconds, cfg);
  if (before.score >= cfg.sustainedIncidentZ) return undefined;
  const excess = now.bytes - now.expected;
  const hours = Math.round(((now.buckets * cfg.bucketSeconds) / 3600) * 10) / 10;
  const top = topDestination(bucket);
  return buildFlowSignal({
    kind: AnomalyKind.SUSTAINED,
    entity: w.entity,
    bucketStart: bucket.bucketStart,
    score: now.score,
    threshold: cfg.sustainedIncidentZ,
    opensIncident: true,
    summary: `${w.entity.id} sent ${formatBytes(now.bytes)} in the last ${hours} h${top ? `, lately most to ${destLabel(top)}` : ''}; its seasonal baseline for that window is ${formatBytes(now.expected)} (median per bucket), ${formatBytes(excess)} above; score ${now.score.toFixed(1)}`,
    evidence: {
      windowHours: hours,
      windowBytes: now.bytes,
      expectedBytes: Math.round(now.expected),
      excessBytes: Math.round(excess),
      topDestination: top === undefined ? undefined : destLabel(top),
    },
  });
}

/** New destinations: first contact (signal) and bytes to a still-new destination crossing the limit (incident). */
export function noveltyRule(w: EntityWork, bucket: BucketFlows, cfg: BaselineConfig): Signal | undefined {
  let firstContacts = 0;
  let worst: { dest: DestFlows; cum: number; crossed: boolean; first: boolean } | undefined;
  for (const d of bucket.dests.values()) {
    if (d.response || d.bytes === 0 || d.rejected === d.flows) continue;
    const p = w.state.peers[noveltyKey(d)];
    if (p !== undefined && (p.firstSeen < bucket.bucketStart - cfg.noveltyWindowSeconds || p.firstSeen < w.warmSince)) {
      continue;
    }
    const before = p?.bytes ?? 0;
    const cum = before + d.bytes;
    const crossed = before < cfg.newDestIncidentBytes && cum >= cfg.newDestIncidentBytes;
    if (p === undefined) firstContacts++;
    const first = p === undefined;
    if ((first && d.bytes >= cfg.newDestSignalBytes) || crossed) {
      if (worst === undefined || (crossed && !worst.crossed) || (crossed === worst.crossed && cum > worst.cum)) {
        worst = { dest: d, cum, crossed, first };
      }
    }
  }
  if (worst === undefined) return undefined;
  const score = (10 * worst.cum) / cfg.newDestIncidentBytes;
  const when = worst.first ? 'first contact in this bucket' : 'first contact within the novelty window';
  return buildFlowSignal({
    kind: AnomalyKind.NEW_DESTINATION,
    entity: w.entity,
    bucketStart: bucket.bucketStart,
    score,
    threshold: 10,
    opensIncident: worst.crossed,
    summary: `${w.entity.id} sent ${formatBytes(worst.cum)} to new destination ${destLabel(worst.dest)} (${when}; ${firstContacts} new this bucket, ${w.peerCount} known); limit ${formatBytes(cfg.newDestIncidentBytes)}; score ${score.toFixed(1)}`,
    evidence: {
      destination: destLabel(worst.dest),
      destinationNetwork: noveltyKey(worst.dest),
      bytesToDestination: worst.cum,
      newDestinations: firstContacts,
      knownDestinations: w.peerCount,
    },
  });
}

/** Many distinct rejected destinations from the entity in one bucket: a scan (category `recon`). */
export function reconRule(
  w: EntityWork,
  bucket: BucketFlows,
  distinct: number,
  cfg: BaselineConfig,
): Signal | undefined {
  if (distinct < cfg.reconSignalDistinct) return undefined;
  const r = w.state.rejects;
  const mean = r.n > 0 ? r.sum / r.n : 0;
  const std = r.n > 1 ? Math.sqrt(Math.max(0, (r.sumSq - r.n * mean * mean) / (r.n - 1))) : 0;
  const z = (distinct - mean) / Math.max(std, 1, mean * 0.25);
  if (r.n >= 10 && z < 5) return undefined;
  const opens = distinct >= cfg.reconIncidentDistinct;
  const score = (10 * distinct) / cfg.reconIncidentDistinct;
  return buildFlowSignal({
    kind: AnomalyKind.PORT_SCAN,
    entity: w.entity,
    bucketStart: bucket.bucketStart,
    score,
    threshold: 10,
    opensIncident: opens,
    summary: `${w.entity.id} made ${bucket.rejected} rejected connection attempts to ${distinct} distinct destinations in ${bucketMinutes(cfg)}; its baseline is ${mean.toFixed(1)} ± ${std.toFixed(1)} per bucket; score ${score.toFixed(1)}`,
    evidence: { rejectedAttempts: bucket.rejected, distinctRejected: distinct, baselineMean: mean, baselineStd: std },
  });
}
