import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dynamoDestinationMemory } from '../../adapters/destination-memory.js';
import { makeEgressHandler } from '../../functions/egress-ingest.js';
import { DeliveryFailedError } from '../../incidents/errors.js';
import type { EgressIngestDeps } from '../../incidents/ingest-egress.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';

const demo = readFileSync('samples/egress-demo-capture.json');
const notification = (key: string) => ({
  Records: [
    {
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'captures' }, object: { key: encodeURIComponent(key).replace(/%20/g, '+') } },
    },
  ],
});

async function handlerWith(objects: Record<string, Buffer>) {
  const store = await freshStore();
  const deps: EgressIngestDeps = {
    sink: store,
    now: () => new Date('2026-11-20T10:00:00Z'),
    config: { allowlist: [], fingerprintKey: 'test-fingerprint-key-0123' },
    destinations: dynamoDestinationMemory(store),
    readObject: async (ref) => {
      const body = objects[`${ref.bucket}/${ref.key}`];
      if (!body) throw new Error('NoSuchKey');
      return body;
    },
  };
  return { store, handler: makeEgressHandler(async () => deps) };
}

describe('egress-ingest handler', () => {
  it('reads the sample named by an S3 notification (key decoded) and opens one incident', async () => {
    const { store, handler } = await handlerWith({ 'captures/2026/11/20/demo capture.json': demo });
    const report = await handler(notification('2026/11/20/demo capture.json'), localContext('egress-ingest'));
    expect(report).toMatchObject({ received: 1, opened: [expect.stringMatching(/^BW-/)] });
    const [incident] = await store.listIncidents();
    const [signal] = await store.getSignals(incident!.id);
    expect(JSON.stringify(signal)).not.toMatch(/Jane|Doe|@example\.(com|org)/);
  });

  it('sees the destination as known the second time, and a redelivered sample changes nothing', async () => {
    const { store, handler } = await handlerWith({});
    const sample = JSON.parse(demo.toString('utf8'));
    await handler(sample, localContext('egress-ingest'));
    const again = await handler(sample, localContext('egress-ingest'));
    expect(again).toMatchObject({ duplicates: 1, opened: [] });
    const later = { ...sample, metadata: { ...sample.metadata, capturedAt: '2026-11-20T09:30:00Z' } };
    await handler(later, localContext('egress-ingest'));
    const [incident] = await store.listIncidents();
    const signals = await store.getSignals(incident!.id);
    expect(signals.map((s) => s.evidence.novelDestination)).toEqual([true, false]);
  });

  it('reports a malformed sample by its S3 key and throws so the delivery is retried or parked', async () => {
    const { store, handler } = await handlerWith({ 'captures/bad.json': Buffer.from('{"metadata":{}}') });
    const error = await handler(notification('bad.json'), localContext('egress-ingest')).catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as DeliveryFailedError).report.invalid[0]?.ref).toBe('s3://captures/bad.json');
    expect(await store.listIncidents()).toEqual([]);
  });
});
