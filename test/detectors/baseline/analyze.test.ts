import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  analyzeFlowBatch,
  type EntityBaseline,
  entityKey,
  FlowAggregator,
  type FlowBatchResult,
  mergeInto,
} from '../../../detectors/baseline/index.js';
import { FlowTextParser } from '../../../events/flowlogs/index.js';
import { SignalSchema } from '../../../events/signal.js';
import { fixturesDir } from '../../support/fixtures.js';

const root = join(fixturesDir, '..', '..');
const exfil = gunzipSync(readFileSync(join(root, 'samples', 'flowlogs-exfil-scenario.log.gz')));
const twin = gunzipSync(readFileSync(join(fixturesDir, 'flowlogs', 'benign-twin.log.gz')));
const VICTIM = 'eni-00000005a17c0fcef';

/** Replays a flow log text the way `replay` does: batches of `perBatch` records, baselines merged in between. */
function replay(text: Buffer, perBatch: number, baselines = new Map<string, EntityBaseline>()): FlowBatchResult[] {
  const results: FlowBatchResult[] = [];
  let agg = new FlowAggregator(600);
  let batch = 0;
  const flush = () => {
    const result = analyzeFlowBatch(agg, baselines, { now: new Date('2026-03-11T00:00:00Z'), batchId: `b${batch++}` });
    for (const d of result.baselineUpdates) {
      const stored = baselines.get(entityKey(d.entity));
      baselines.set(entityKey(d.entity), stored ? mergeInto(stored, d) : d);
    }
    results.push(result);
    agg = new FlowAggregator(600);
  };
  const parser = new FlowTextParser({}, (s) => {
    agg.add(s);
    if (agg.stats.records >= perBatch) flush();
  });
  parser.push(text);
  parser.end();
  flush();
  return results;
}

const opening = (results: FlowBatchResult[]) => results.flatMap((r) => r.signals).filter((s) => s.opensIncident);

describe('analyzeFlowBatch', () => {
  it('opens on the exfiltrating ENI only, in the burst bucket, with the explanation in numbers', () => {
    const signals = opening(replay(exfil, Number.POSITIVE_INFINITY));
    expect(new Set(signals.map((s) => s.entity.id))).toEqual(new Set([VICTIM]));
    const volume = signals.find((s) => s.evidence.kind === 'volume')!;
    expect(SignalSchema.parse(volume)).toEqual(volume);
    expect(volume).toMatchObject({
      source: 'flowlogs',
      category: 'exfiltration',
      entity: { type: 'eni', id: VICTIM },
      observedAt: '2026-03-09T14:00:00.000Z',
      id: `flowlogs:volume:eni:${VICTIM}:1773064800`,
    });
    expect(volume.summary).toMatch(
      /^eni-00000005a17c0fcef sent 3\.3 GB to 203\.0\.113\.7:443 \(\+\d+ more\) in 10 min; its (Mon 14:00|14:00 daily) baseline is [\d.]+ [kMG]B ± [\d.]+ [kMG]B \(median [\d.]+ [kMG]B, \d+ buckets\); score [\d.]+$/,
    );
    expect(volume.severity).toBeGreaterThanOrEqual(5);
  });

  it('opens nothing on the benign twin', () => {
    expect(opening(replay(twin, Number.POSITIVE_INFINITY))).toEqual([]);
  });

  it('finds the same incidents when the file is replayed in batches of 2,000 records', () => {
    const whole = opening(replay(exfil, Number.POSITIVE_INFINITY)).map((s) => s.id);
    const batched = opening(replay(exfil, 2000)).map((s) => s.id);
    expect(batched).toEqual(whole);
    expect(opening(replay(twin, 2000))).toEqual([]);
  });

  it('gives a redelivered batch the same signal ids', () => {
    const text = Buffer.from(
      [0, 1, 2]
        .map(
          (i) =>
            `2 123456789012 eni-0new 10.0.0.5 203.0.113.7 50000 443 6 1000 ${3e9 + i} 1773064800 1773064860 ACCEPT OK`,
        )
        .join('\n'),
    );
    const run = () => {
      const agg = new FlowAggregator(600);
      new FlowTextParser({}, (s) => agg.add(s)).push(text);
      return analyzeFlowBatch(agg, new Map(), { now: new Date('2026-03-10T00:00:00Z'), batchId: 'x' });
    };
    const a = run();
    expect(a.signals.map((s) => s.id)).toEqual(run().signals.map((s) => s.id));
    expect(a.signals[0]).toMatchObject({ opensIncident: true, evidence: { kind: 'cold-start-volume' } });
    expect(a.signals[0]!.summary).toMatch(
      /no baseline yet \(0 buckets of history\), above the 2\.1 GB cold-start limit/,
    );
  });

  it('raises recon for one ENI probing 150 closed ports', () => {
    const lines = Array.from(
      { length: 150 },
      (_, p) =>
        `2 123456789012 eni-0scan 10.0.0.9 198.51.100.20 40000 ${1000 + p} 6 1 40 1773064800 1773064860 REJECT OK`,
    );
    const agg = new FlowAggregator(600);
    const parser = new FlowTextParser({}, (s) => agg.add(s));
    parser.push(Buffer.from(lines.join('\n')));
    parser.end();
    const { signals, stats } = analyzeFlowBatch(agg, new Map(), {
      now: new Date('2026-03-10T00:00:00Z'),
      batchId: 'scan',
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ category: 'recon', opensIncident: true, entity: { id: 'eni-0scan' } });
    expect(signals[0]!.summary).toContain('150 rejected connection attempts to 150 distinct destinations in 10 min');
    expect(stats).toMatchObject({ records: 150, entities: 1, buckets: 1 });
  });

  it('refuses a mistyped setting, naming it', () => {
    const agg = new FlowAggregator(600);
    expect(() =>
      analyzeFlowBatch(agg, new Map(), { now: new Date(), batchId: 'c', config: { bucketSeconds: 700 } }),
    ).toThrow(/bucketSeconds must divide 3600/);
    expect(() =>
      analyzeFlowBatch(agg, new Map(), { now: new Date(), batchId: 'c', config: { bucketSeconds: 300 } }),
    ).toThrow(/aggregated in 600 s buckets, bucketSeconds is 300/);
    expect(() =>
      analyzeFlowBatch(agg, new Map(), { now: new Date(), batchId: 'c', config: { volumeZ: 3 } as never }),
    ).toThrow(/volumeZ/);
  });
});
