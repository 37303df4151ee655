import { describe, expect, it } from 'vitest';
import { defaultRelevanceConfig } from '../../detectors/guardduty/classify-finding.js';
import { makeGuardDutyHandler } from '../../functions/guardduty-ingest.js';
import { DeliveryFailedError } from '../../incidents/errors.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';
import { guardDutyEvent } from '../support/factories.js';

describe('guardduty-ingest handler', () => {
  it('opens an incident in DynamoDB for a finding and changes nothing on redelivery', async () => {
    const store = await freshStore();
    const handler = makeGuardDutyHandler(() => ({ sink: store, now: () => new Date('2026-11-20T03:00:00Z') }));
    const first = await handler(guardDutyEvent(), localContext('guardduty-ingest'));
    const again = await handler(guardDutyEvent(), localContext('guardduty-ingest'));
    expect(first).toMatchObject({ received: 1, opened: [expect.stringMatching(/^BW-/)] });
    expect(again).toMatchObject({ received: 1, opened: [], duplicates: 1 });
    expect(await store.listIncidents()).toHaveLength(1);
  });

  it('throws for an invalid event so that Lambda retries it and parks it in the dead-letter queue', async () => {
    const store = await freshStore();
    const handler = makeGuardDutyHandler(() => ({ sink: store, now: () => new Date() }));
    const error = await handler(
      { source: 'aws.guardduty', 'detail-type': 'GuardDuty Finding', id: 'e-1', detail: { id: 'f-9' } },
      localContext('guardduty-ingest'),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as DeliveryFailedError).message).toContain('finding f-9 invalid: detail.type');
    expect(await store.listIncidents()).toEqual([]);
  });
});

describe('guardduty-ingest handler behind SNS', () => {
  it('unwraps GuardDuty events from an SNS notification', async () => {
    const { loadJson } = await import('../support/fixtures.js');
    const store = await freshStore();
    const handler = makeGuardDutyHandler(() => ({
      sink: store,
      now: () => new Date('2026-11-20T03:00:00Z'),
      relevance: { ...defaultRelevanceConfig, includeSamples: true },
    }));
    const report = await handler(
      loadJson('sns/lambda-sns-event-guardduty.constructed.json'),
      localContext('guardduty-ingest'),
    );
    expect(report).toMatchObject({ received: 1, opened: [expect.stringMatching(/^BW-/)] });
  });

  it('rejects an SNS message that is not a GuardDuty event, by its message id', async () => {
    const store = await freshStore();
    const handler = makeGuardDutyHandler(() => ({ sink: store, now: () => new Date() }));
    const event = { Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm-1', Message: 'hello' } }] };
    const error = await handler(event, localContext('guardduty-ingest')).catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as DeliveryFailedError).message).toContain('invalid');
  });
});
