import { describe, expect, it } from 'vitest';
import { GuardDutyEventSchema } from '../../events/guardduty.js';
import { parseWith } from '../../events/parse.js';
import { guardDutyEvent } from '../support/factories.js';
import { fixtureNames, loadJson } from '../support/fixtures.js';

describe('GuardDutyEventSchema', () => {
  it.each(fixtureNames('guardduty/eventbridge'))('accepts %s', (file) => {
    expect(GuardDutyEventSchema.safeParse(loadJson(`guardduty/eventbridge/${file}`)).success).toBe(true);
  });

  it('accepts type drift: unknown fields, numeric asn, epoch launchTime, missing action', () => {
    type Loose = {
      detail: { resource: { instanceDetails: Record<string, unknown> }; service: Record<string, unknown> };
    };
    const event = guardDutyEvent({ brandNewField: { nested: [1, 2] } }) as unknown as Loose;
    event.detail.resource.instanceDetails.launchTime = 1_470_103_506;
    delete event.detail.service.action;
    event.detail.service.evidence = { asn: -1 };
    expect(GuardDutyEventSchema.safeParse(event).success).toBe(true);
  });

  it('normalises space-separated UTC timestamps to ISO 8601', () => {
    const parsed = GuardDutyEventSchema.parse(
      loadJson('guardduty/eventbridge/panther-attacksequence-iam-compromisedcredentials.event.json'),
    );
    expect(parsed.detail.updatedAt).toBe('2025-02-25T20:40:06.721Z');
  });

  it('reports an invalid finding with its id and the reason, never a value', () => {
    const event = guardDutyEvent({ severity: 'very high', updatedAt: 'yesterday' });
    const result = parseWith(GuardDutyEventSchema, event, 'finding d2bf27df0ab79625e3331b89648e1328');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.ref).toBe('finding d2bf27df0ab79625e3331b89648e1328');
    expect(result.error.issues).toEqual([
      'detail.severity: Invalid input: expected number, received string',
      'detail.updatedAt: expected an ISO 8601 timestamp',
    ]);
    expect(result.error.message).not.toContain('very high');
    expect(result.error.message).not.toContain('yesterday');
  });

  it('rejects events from other sources', () => {
    const event = { ...guardDutyEvent(), source: 'aws.securityhub' };
    expect(GuardDutyEventSchema.safeParse(event).success).toBe(false);
  });
});
