import { describe, expect, it } from 'vitest';
import { makeGuardDutyHandler } from '../../functions/guardduty-ingest.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';
import { guardDutyEvent } from '../support/factories.js';
import { injectFaults } from '../support/faults.js';

const now = () => new Date('2026-11-20T03:00:00Z');
const eventAbout = (i: number, bucket = `bucket-${i % 3}`) =>
  guardDutyEvent({
    id: `fault-${i}`,
    updatedAt: `2026-11-20T02:${String(i % 60).padStart(2, '0')}:00.000Z`,
    resource: { resourceType: 'S3Bucket', s3BucketDetails: [{ name: bucket }] },
  });

/** Invokes like Lambda's async retries: up to 3 attempts, then the event would go to the DLQ. */
async function invokeWithRetries(
  handler: ReturnType<typeof makeGuardDutyHandler>,
  event: unknown,
): Promise<'ok' | 'dlq'> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await handler(event, localContext('guardduty-ingest'));
      return 'ok';
    } catch {}
  }
  return 'dlq';
}

async function countSignals(store: Awaited<ReturnType<typeof freshStore>>): Promise<number> {
  const incidents = await store.listIncidents();
  const perIncident = await Promise.all(incidents.map(async (i) => (await store.getSignals(i.id)).length));
  expect(perIncident).toEqual(incidents.map((i) => i.signalCount));
  return perIncident.reduce((a, b) => a + b, 0);
}

describe('GuardDuty ingest under faults', () => {
  it('loses no signal and duplicates none when every fourth DynamoDB call is throttled once', async () => {
    const store = await freshStore();
    injectFaults(store.client, (_command, seen) => (seen % 4 === 0 ? 'throttle' : undefined));
    const handler = makeGuardDutyHandler(() => ({ sink: store, now }));
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => invokeWithRetries(handler, eventAbout(i))));
    expect(outcomes.filter((o) => o === 'dlq')).toEqual([]);
    expect(await countSignals(store)).toBe(12);
    expect(await store.listIncidents()).toHaveLength(3);
  });

  it('opens one incident when the response to the committing write is lost and Lambda retries', async () => {
    const store = await freshStore();
    injectFaults(store.client, (command, seen) =>
      command === 'TransactWriteItemsCommand' && seen === 1 ? 'lose-response' : undefined,
    );
    const handler = makeGuardDutyHandler(() => ({ sink: store, now }));
    const first = await handler(eventAbout(1), localContext('guardduty-ingest')).catch((e: Error) => e);
    expect(first).toBeInstanceOf(Error);
    expect(await invokeWithRetries(handler, eventAbout(1))).toBe('ok');
    expect(await store.listIncidents()).toHaveLength(1);
    expect(await countSignals(store)).toBe(1);
  });

  it('re-decides after transaction conflicts and still joins every finding into one incident', async () => {
    const store = await freshStore();
    injectFaults(store.client, (command, seen) =>
      command === 'TransactWriteItemsCommand' && seen % 2 === 0 ? 'conflict' : undefined,
    );
    const handler = makeGuardDutyHandler(() => ({ sink: store, now }));
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => invokeWithRetries(handler, eventAbout(i, 'one-bucket'))),
    );
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
    const incidents = await store.listIncidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.signalCount).toBe(12);
  });

  it('parks an event in the DLQ only after every retry failed, having written nothing', async () => {
    const store = await freshStore();
    injectFaults(store.client, (command) => (command === 'TransactWriteItemsCommand' ? 'deny' : undefined));
    const handler = makeGuardDutyHandler(() => ({ sink: store, now }));
    expect(await invokeWithRetries(handler, eventAbout(7))).toBe('dlq');
    expect(await store.listIncidents()).toEqual([]);
  });
});
