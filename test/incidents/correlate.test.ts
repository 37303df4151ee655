import { describe, expect, it } from 'vitest';
import { incidentIdFor, joinIncident, openIncident, placeSignal } from '../../incidents/correlate.js';
import { IncidentStatus } from '../../incidents/incident.js';
import { verifyChain } from '../../incidents/timeline.js';
import { signal } from '../support/factories.js';

const NOW = '2026-11-20T02:15:00.000Z';

describe('placeSignal', () => {
  const opened = openIncident(signal(), NOW).incident;

  it('joins the active incident of the same entity and category within the window', () => {
    const later = signal({
      id: 'guardduty:def:x:1',
      findingKey: 'guardduty:def',
      observedAt: '2026-11-20T02:50:00.000Z',
    });
    expect(placeSignal(later, { byKey: opened })).toMatchObject({ kind: 'join', via: 'window', reopen: false });
  });

  it('opens a new incident once the window has passed (1 h for high severity)', () => {
    const later = signal({
      id: 'guardduty:def:x:1',
      findingKey: 'guardduty:def',
      observedAt: '2026-11-20T03:15:00.000Z',
    });
    expect(placeSignal(later, { byKey: opened })).toEqual({ kind: 'open' });
  });

  it('keeps low-severity signals together for 24 h', () => {
    const low = openIncident(signal({ severity: 2 }), NOW).incident;
    const later = signal({ id: 'other', findingKey: undefined, severity: 2, observedAt: '2026-11-21T01:00:00.000Z' });
    expect(placeSignal(later, { byKey: low }).kind).toBe('join');
  });

  it('joins the incident holding the finding whatever the window, reopening it if dismissed', () => {
    const dismissed = { ...opened, status: IncidentStatus.DISMISSED };
    const reemit = signal({ id: 'guardduty:abc:2026-12-01T00:00:00.000Z:9', observedAt: '2026-12-01T00:00:00.000Z' });
    expect(placeSignal(reemit, { byFinding: dismissed })).toMatchObject({ kind: 'join', via: 'finding', reopen: true });
  });

  it('does not add to an incident that left the active states', () => {
    const confirmed = { ...opened, status: IncidentStatus.CLOSED };
    expect(placeSignal(signal({ id: 'x', findingKey: undefined }), { byKey: confirmed })).toEqual({ kind: 'open' });
  });

  it('records a signal that may not open an incident when none holds it', () => {
    expect(placeSignal(signal({ opensIncident: false }), {})).toEqual({ kind: 'record-only' });
  });
});

describe('openIncident and joinIncident', () => {
  it('derives the id from the opening signal, so concurrent deliveries agree', () => {
    expect(openIncident(signal(), NOW).incident.id).toBe(incidentIdFor(signal()));
    expect(incidentIdFor(signal())).toMatch(/^BW-20261120-[0-9a-f]{8}$/);
  });

  it('keeps severity at the maximum, widens first/last seen and extends the chain', () => {
    const { incident, timeline } = openIncident(signal(), NOW);
    const earlier = signal({ id: 'b', severity: 9, observedAt: '2026-11-20T01:00:00.000Z' });
    const joined = joinIncident(incident, earlier, '2026-11-20T03:00:00.000Z', false);
    expect(joined.incident).toMatchObject({
      severity: 9,
      severityBand: 'critical',
      signalCount: 2,
      firstSeen: earlier.observedAt,
      lastSeen: incident.lastSeen,
      version: 2,
    });
    expect(verifyChain([...timeline, ...joined.timeline], joined.incident.timelineHead).ok).toBe(true);
  });

  it('says why it reopened in the timeline', () => {
    const { incident } = openIncident(signal(), NOW);
    const reopened = joinIncident({ ...incident, status: IncidentStatus.DISMISSED }, signal({ id: 'v2' }), NOW, true);
    expect(reopened.incident.status).toBe('open');
    expect(reopened.timeline.map((e) => e.type)).toEqual(['reopened', 'signal-added']);
    expect(reopened.timeline[0]!.summary).toBe('reopened from dismissed: guardduty re-emitted guardduty:abc');
  });

  it('clears the acknowledgement of an incident a re-emitted finding reopens, so on-call is asked again', () => {
    const { incident } = openIncident(signal(), NOW);
    const put = {
      ...incident,
      status: IncidentStatus.DISMISSED,
      workflow: {
        acknowledged: { by: 'oncall-sam', at: NOW },
        dismissal: { by: 'oncall-sam', at: NOW, reason: 'test bucket' },
      },
    };
    const later = '2026-11-21T02:15:00.000Z';
    const reopened = joinIncident(put, signal({ id: 'v2' }), later, true).incident;
    expect(reopened.workflow.acknowledged).toBeUndefined();
    expect(reopened.workflow.dismissal).toBeUndefined();
    expect(reopened.workflow.reopened).toEqual({ by: 'breachwatch', at: later });
    const joined = joinIncident({ ...put, status: IncidentStatus.ACKNOWLEDGED }, signal({ id: 'v3' }), later, false);
    expect(joined.incident.workflow.acknowledged).toEqual({ by: 'oncall-sam', at: NOW });
  });
});
