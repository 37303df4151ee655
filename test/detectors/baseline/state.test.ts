import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baselineFromItems,
  type EntityBaseline,
  mergeBaselines,
  updatesOf,
} from '../../../detectors/baseline/index.js';

const entity = { type: 'eni', id: 'eni-0aaa' };
const count = fc.integer({ min: -3, max: 50 });
const moments = fc.record({
  n: fc.nat(100),
  sum: fc.nat(1e9),
  sumSq: fc.nat(1e12),
  hist: fc.dictionary(
    fc.integer({ min: 0, max: 140 }).map(String),
    count.filter((c) => c !== 0),
    { maxKeys: 5 },
  ),
});
const baseline: fc.Arbitrary<EntityBaseline> = fc.record({
  entity: fc.constant(entity),
  firstSeen: fc.oneof(fc.constant(0), fc.integer({ min: 1_700_000_000, max: 1_800_000_000 })),
  all: moments,
  slots: fc.dictionary(fc.integer({ min: 0, max: 167 }).map(String), moments, { maxKeys: 4 }),
  rejects: fc.record({ n: fc.nat(100), sum: fc.nat(1000), sumSq: fc.nat(100000) }),
  recent: fc.dictionary(
    fc.integer({ min: 0, max: 20 }).map((i) => String(1_773_100_200 + i * 600)),
    fc.record({ bytes: fc.nat(1e9), learned: fc.nat(1e9), rejected: fc.nat(50) }),
    { maxKeys: 4 },
  ),
  peers: fc.dictionary(
    fc.constantFrom('203.0.113.0/24:443', 'aws:S3:443', '52.1.2.0/24:443', '2001:db8::/48:22'),
    fc.record({ firstSeen: fc.integer({ min: 1, max: 1_800_000_000 }), bytes: fc.nat(1e9) }),
  ),
});

/** Histogram bins that cancel to zero are dropped by merges; compare without them. */
function normal(b: EntityBaseline): EntityBaseline {
  const c = structuredClone(b);
  for (const m of [c.all, ...Object.values(c.slots)])
    for (const [k, v] of Object.entries(m.hist)) if (v === 0) delete m.hist[k];
  return c;
}

describe('baseline merge', () => {
  it('is associative (property)', () => {
    fc.assert(
      fc.property(baseline, baseline, baseline, (a, b, c) => {
        expect(normal(mergeBaselines(mergeBaselines(a, b), c))).toEqual(
          normal(mergeBaselines(a, mergeBaselines(b, c))),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is commutative (property), so concurrent writers agree', () => {
    fc.assert(
      fc.property(baseline, baseline, (a, b) => {
        expect(normal(mergeBaselines(a, b))).toEqual(normal(mergeBaselines(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it('does not mutate its inputs', () => {
    fc.assert(
      fc.property(baseline, baseline, (a, b) => {
        const before = structuredClone([a, b]);
        mergeBaselines(a, b);
        expect([a, b]).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('survives the item layout of the store (property)', () => {
    fc.assert(
      fc.property(baseline, (b) => {
        const items = updatesOf(b, { recentExpiresAt: 1 }).map((op) => {
          const item: Record<string, number | string> = { pk: op.pk, sk: op.sk };
          for (const [name, attr] of Object.entries(op.names)) {
            const v = op.values[`:${name.slice(1)}`];
            if (v !== undefined) item[attr] = v;
          }
          return item;
        });
        const back = baselineFromItems(entity, items);
        // Zero-valued fields are not written (ADD 0 is a no-op); compare against that normal form.
        const expected = normal(b);
        for (const [k, r] of Object.entries(expected.recent))
          if (r.bytes === 0 && r.learned === 0 && r.rejected === 0) delete expected.recent[k];
        for (const [k, m] of Object.entries(expected.slots))
          if (m.n === 0 && m.sum === 0 && m.sumSq === 0 && Object.keys(m.hist).length === 0) delete expected.slots[k];
        expect(back).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
