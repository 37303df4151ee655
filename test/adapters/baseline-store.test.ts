import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type BaselineStore, createBaselineStore } from '../../adapters/baseline-store.js';
import { type EntityBaseline, emptyBaseline, mergeBaselines } from '../../detectors/baseline/index.js';

const endpoint = inject('dynamoEndpoint');
const tableName = `baselines-${process.pid}-${Date.now()}`;
const now = new Date('2026-03-10T12:00:00Z');
const eni = { type: 'eni', id: 'eni-0123456789abcdef0' };

/** A realistic delta: one bucket of 12 MB at Tue 12:00, two peers, one recent bucket. */
function delta(bytes = 12_000_000, entity = eni): EntityBaseline {
  const d = emptyBaseline(entity);
  d.firstSeen = 1773144000;
  d.all = { n: 1, sum: bytes, sumSq: bytes * bytes, hist: { '94': 1 } };
  d.slots['36'] = { n: 1, sum: bytes, sumSq: bytes * bytes, hist: { '94': 1 } };
  d.rejects = { n: 1, sum: 2, sumSq: 4 };
  d.recent['1773144000'] = { bytes, learned: bytes, rejected: 2 };
  d.peers['52.1.2.0/24:443'] = { firstSeen: 1773144000, bytes };
  d.peers['aws:S3:443'] = { firstSeen: 1773144000, bytes: 5 };
  return d;
}

let store: BaselineStore;

beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  store = createBaselineStore({ client, tableName });
});

describe('BaselineStore on DynamoDB Local', () => {
  it('round-trips a delta into the same baseline', async () => {
    // Prepare
    const d = delta(12_000_000, { type: 'eni', id: 'eni-roundtrip' });
    // Act
    const outcome = await store.apply('batch-rt', [d], now);
    const loaded = await store.load([d.entity]);
    // Assess
    expect(outcome).toEqual({ applied: 1, duplicates: 0, updates: 5 });
    expect(loaded.get('eni:eni-roundtrip')).toEqual(d);
  });

  it('counts a batch delivered five times concurrently once', async () => {
    const e = { type: 'eni', id: 'eni-redelivered' };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => store.apply('batch-dup', [delta(1000, e)], now)),
    );
    expect(outcomes.reduce((s, o) => s + o.applied, 0)).toBe(1);
    expect(outcomes.reduce((s, o) => s + o.duplicates, 0)).toBe(4);
    expect((await store.load([e])).get('eni:eni-redelivered')!.all.n).toBe(1);
  });

  it('adds concurrent batches atomically, equal to the pure merge', async () => {
    const e = { type: 'instance', id: 'i-0abc' };
    const parts = Array.from({ length: 8 }, (_, i) => delta(1_000_000 * (i + 1), e));
    await Promise.all(parts.map((p, i) => store.apply(`batch-c${i}`, [p], now)));
    const expected = parts.reduce((a, b) => mergeBaselines(a, b));
    expect((await store.load([e])).get('instance:i-0abc')).toEqual(expected);
  });

  it('keeps sums of squares beyond 2^53 exact enough (38-digit decimals, no exponent)', async () => {
    const e = { type: 'eni', id: 'eni-big' };
    await store.apply('batch-big', [delta(3_200_000_000, e)], now);
    const b = (await store.load([e])).get('eni:eni-big')!;
    expect(b.all.sumSq).toBeCloseTo(3.2e9 ** 2, -6);
  });

  it('splits more than 99 updates into marked transactions and still applies them once', async () => {
    const e = { type: 'eni', id: 'eni-many-peers' };
    const d = delta(10, e);
    for (let i = 0; i < 250; i++) d.peers[`198.51.${i}.0/24:443`] = { firstSeen: 1773144000, bytes: i + 1 };
    const first = await store.apply('batch-many', [d], now);
    const again = await store.apply('batch-many', [d], now);
    expect(first.applied).toBe(3);
    expect(again).toMatchObject({ applied: 0, duplicates: 3 });
    expect(Object.keys((await store.load([e])).get('eni:eni-many-peers')!.peers)).toHaveLength(252);
  });

  it('returns nothing for an entity it has never seen', async () => {
    expect((await store.load([{ type: 'eni', id: 'eni-unknown' }])).size).toBe(0);
  });
});
