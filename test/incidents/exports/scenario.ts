import type { Signal } from '../../../events/signal.js';
import { joinIncident, openIncident } from '../../../incidents/correlate.js';
import type { Incident } from '../../../incidents/incident.js';
import { applyCommand, type Command } from '../../../incidents/lifecycle.js';
import { draftAuthorityNotifications } from '../../../incidents/notifications/index.js';
import { assessRisk } from '../../../incidents/risk.js';
import type { TimelineEntry } from '../../../incidents/timeline.js';
import { signal } from '../../support/factories.js';
import { config } from '../notifications/input.js';

/** A raw value planted in the evidence: no export may ever show it. */
export const PLANTED = 'max.mustermann@example.de';

/** A GuardDuty exfiltration and an egress sample whose evidence also carries a planted raw value. */
export function scenarioSignals(): Signal[] {
  const gd = signal({ evidence: { findingType: 'Exfiltration:S3/MaliciousIPCaller', sampleBody: PLANTED } });
  const egress = signal({
    id: 'egress:acme-customer-exports:1',
    source: 'egress',
    findingKey: undefined,
    severity: 7,
    observedAt: '2026-11-20T02:30:00.000Z',
    summary: 'egress sample from bucket acme-customer-exports carried IBAN ×130, EMAIL ×118',
    evidence: {
      bytes: 48_213,
      matched: [PLANTED],
      pii: {
        byType: {
          IBAN: { detections: 130, distinct: 120, validated: 120, category: 'financial', jurisdictions: ['DE'] },
          EMAIL: {
            detections: 118,
            distinct: 118,
            validated: 118,
            category: 'contact',
            jurisdictions: [],
            first: PLANTED,
          },
          [PLANTED]: { detections: 1 },
        },
        categories: ['contact', 'financial', PLANTED],
        art9: false,
      },
    },
  });
  return [gd, egress];
}

/** Applies commands at the given times, collecting the timeline. */
export function run(start: { incident: Incident; timeline: TimelineEntry[] }, steps: Array<[string, Command]>) {
  let { incident } = start;
  const timeline = [...start.timeline];
  for (const [at, command] of steps) {
    const change = applyCommand(incident, command, at);
    if (!change) continue;
    incident = change.incident;
    timeline.push(...change.timeline);
  }
  return { incident, timeline };
}

/** The demo breach taken to closed: aware at 06:00, authority notified 52 h later, subjects told. */
export function notifiedBreach() {
  const signals = scenarioSignals();
  const opened = openIncident(signals[0]!, '2026-11-20T02:15:00.000Z');
  const joined = joinIncident(opened.incident, signals[1]!, '2026-11-20T02:31:00.000Z', false);
  const start = { incident: joined.incident, timeline: [...opened.timeline, ...joined.timeline] };
  const risk = assessRisk(joined.incident, signals);
  const { incident, timeline } = run(start, [
    ['2026-11-20T02:40:00.000Z', { action: 'acknowledge', actor: 'oncall@acme.example' }],
    ['2026-11-20T06:00:00.000Z', { action: 'confirm-breach', actor: 'dpo@acme.example' }],
    [
      '2026-11-20T07:00:00.000Z',
      {
        action: 'decide',
        actor: 'dpo@acme.example',
        outcome: risk.suggestion,
        reasoning: risk.reasoning,
        riskScore: risk.score,
      },
    ],
    [
      '2026-11-22T10:00:00.000Z',
      { action: 'notify-authority', actor: 'dpo@acme.example', authority: 'de-be', reference: 'BlnBDI-2026-0042' },
    ],
    ['2026-11-22T12:00:00.000Z', { action: 'notify-subjects', actor: 'dpo@acme.example', channel: 'email' }],
    ['2026-11-25T09:00:00.000Z', { action: 'close', actor: 'dpo@acme.example', reason: 'remediated' }],
  ]);
  const drafts = draftAuthorityNotifications({
    incident,
    signals,
    risk,
    config,
    at: '2026-11-22T09:00:00.000Z',
    by: 'dpo@acme.example',
  });
  return { incident, timeline, signals, drafts, risk };
}

/** A second incident dismissed as a false positive, first seen the next day. */
export function dismissedIncident() {
  const s = signal({
    id: 'guardduty:def:2026-11-21T23:30:00.000Z:1',
    findingKey: 'guardduty:def',
    entity: { type: 'instance', id: 'i-0a1b2c3d4e5f60718' },
    observedAt: '2026-11-21T23:30:00.000Z',
    summary: 'GuardDuty Trojan:EC2/DNSDataExfiltration (high 8) on instance i-0a1b2c3d4e5f60718, seen 1×',
  });
  return run(openIncident(s, '2026-11-21T23:31:00.000Z'), [
    [
      '2026-11-22T08:00:00.000Z',
      { action: 'dismiss', actor: 'oncall@acme.example', reason: 'penetration test, ticket SEC-881' },
    ],
  ]);
}
