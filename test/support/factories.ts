import type { GuardDutyEvent } from '../../events/guardduty.js';
import type { Signal } from '../../events/signal.js';
import { loadJson } from './fixtures.js';

/** A real GuardDuty S3 exfiltration event (not a sample) with the overrides applied to its detail. */
export function guardDutyEvent(detail: Record<string, unknown> = {}): GuardDutyEvent {
  const event = loadJson<GuardDutyEvent & { detail: Record<string, unknown> }>(
    'guardduty/eventbridge/elastic-exfiltration-s3-maliciousipcaller.event.json',
  );
  const service = event.detail.service as { additionalInfo: Record<string, unknown> };
  delete service.additionalInfo.sample;
  Object.assign(event.detail, detail);
  return event;
}

/** A signal with realistic defaults: a high-severity exfiltration from a bucket. */
export function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    id: 'guardduty:abc:2026-11-20T02:14:07.000Z:1',
    source: 'guardduty',
    entity: { type: 'bucket', id: 'acme-customer-exports' },
    category: 'exfiltration',
    severity: 8,
    score: 8,
    observedAt: '2026-11-20T02:14:07.000Z',
    opensIncident: true,
    reason: 'exfiltration, severity 8 ≥ 1',
    summary: 'GuardDuty Exfiltration:S3/MaliciousIPCaller (high 8) on bucket acme-customer-exports, seen 1×',
    findingKey: 'guardduty:abc',
    evidence: {},
    ...overrides,
  };
}
