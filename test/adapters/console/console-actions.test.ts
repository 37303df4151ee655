import { describe, expect, it } from 'vitest';
import { art33Countdown, consoleActions } from '../../../adapters/console/index.js';
import { openIncident } from '../../../incidents/correlate.js';
import { type Incident, IncidentStatus } from '../../../incidents/incident.js';
import { transitions } from '../../../incidents/lifecycle.js';
import { signal } from '../../support/factories.js';

const now = new Date('2026-11-21T12:00:00.000Z');
const base = openIncident(signal(), '2026-11-20T03:00:00.000Z').incident;
const withState = (status: Incident['status'], workflow: Incident['workflow'] = {}): Incident => ({
  ...base,
  status,
  workflow,
});
const aware = { by: 'dpo@acme', at: '2026-11-20T12:00:00.000Z' };

describe('consoleActions', () => {
  it.each(Object.values(IncidentStatus))(
    'offers from %s exactly the viewer actions the transitions table allows',
    (status) => {
      const offered = consoleActions(withState(status, { awareness: aware }), now).map((a) => a.action);
      const allowed = Object.entries(transitions)
        .filter(([action, rule]) => action !== 'remind' && rule.from.includes(status))
        .map(([action]) => action);
      const expected = allowed.filter((a) => !(a === 'close' && status === IncidentStatus.BREACH_CONFIRMED));
      expect(offered.sort()).toEqual(expected.sort());
    },
  );

  it('offers closing a confirmed breach only after a register-only decision', () => {
    const decided = withState(IncidentStatus.BREACH_CONFIRMED, {
      awareness: aware,
      decision: { ...aware, outcome: 'register-only', reasoning: 'encrypted at rest, key not exposed' },
    });
    expect(consoleActions(decided, now).map((a) => a.action)).toContain('close');
  });

  it('asks for a delay reason on an authority notification only past 72 h after awareness', () => {
    const form = (at: Date) =>
      consoleActions(withState(IncidentStatus.BREACH_CONFIRMED, { awareness: aware }), at)
        .find((a) => a.action === 'notify-authority')
        ?.fields.find((f) => f.name === 'delayReason');
    expect(form(now)?.required).toBe(false);
    expect(form(new Date('2026-11-23T12:00:01.000Z'))?.required).toBe(true);
  });
});

describe('art33Countdown', () => {
  it('has not started before a person confirms awareness', () => {
    expect(art33Countdown(withState(IncidentStatus.ACKNOWLEDGED), now)).toEqual({ state: 'not-started' });
  });

  it('runs for 72 h from awareness, then is overdue', () => {
    const confirmed = withState(IncidentStatus.BREACH_CONFIRMED, { awareness: aware });
    expect(art33Countdown(confirmed, now)).toEqual({
      state: 'running',
      awareAt: aware.at,
      deadline: '2026-11-23T12:00:00.000Z',
      remainingMs: 48 * 3_600_000,
    });
    expect(art33Countdown(confirmed, new Date('2026-11-23T13:00:00.000Z'))).toMatchObject({
      state: 'overdue',
      remainingMs: -3_600_000,
    });
  });

  it('stops at the first authority notification, saying whether it was in time', () => {
    const notified = withState(IncidentStatus.AUTHORITY_NOTIFIED, {
      awareness: aware,
      authorityNotifications: [{ by: 'dpo@acme', at: '2026-11-23T11:00:00.000Z', phase: 1, authority: 'BfDI' }],
    });
    expect(art33Countdown(notified, new Date('2026-12-01T00:00:00.000Z'))).toMatchObject({
      state: 'notified',
      notifiedAt: '2026-11-23T11:00:00.000Z',
      onTime: true,
    });
  });

  it('stops at a register-only decision (Art. 33(1): unlikely to result in a risk)', () => {
    const decided = withState(IncidentStatus.BREACH_CONFIRMED, {
      awareness: aware,
      decision: { ...aware, outcome: 'register-only', reasoning: 'encrypted at rest' },
    });
    expect(art33Countdown(decided, now)).toMatchObject({ state: 'not-required', decidedAt: aware.at });
  });
});
