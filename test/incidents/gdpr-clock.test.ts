import { describe, expect, it } from 'vitest';
import { openIncident } from '../../incidents/correlate.js';
import {
  ART33_REMINDER_HOURS,
  art33Deadline,
  dueReminders,
  escalationDue,
  isArt33Overdue,
} from '../../incidents/gdpr-clock.js';
import type { Incident } from '../../incidents/incident.js';
import { applyCommand, type Command } from '../../incidents/lifecycle.js';
import { signal } from '../support/factories.js';

const opened = '2026-11-20T02:20:00.000Z';
const awareAt = '2026-11-20T08:00:00.000Z';
const hoursAfter = (from: string, h: number) => new Date(Date.parse(from) + h * 3_600_000);
const apply = (incident: Incident, command: Command, at: string) => applyCommand(incident, command, at)!.incident;
const confirmed = () =>
  apply(openIncident(signal(), opened).incident, { action: 'confirm-breach', actor: 'dpo', awareAt }, awareAt);

describe('art33Deadline', () => {
  it('is 72 hours after awareness, across a month end', () => {
    expect(art33Deadline(awareAt)).toBe('2026-11-23T08:00:00.000Z');
    expect(art33Deadline('2026-11-29T23:30:00.000Z')).toBe('2026-12-02T23:30:00.000Z');
  });
});

describe('dueReminders', () => {
  it('owes nothing before 24 hours', () => {
    expect(dueReminders(confirmed(), hoursAfter(awareAt, 23.99))).toEqual([]);
  });

  it.each(ART33_REMINDER_HOURS.map((h, i) => [h, ART33_REMINDER_HOURS.slice(0, i)] as const))(
    'owes the %i h reminder once it is due, and only once after it is recorded',
    (hours, earlier) => {
      let incident = confirmed();
      for (const h of earlier)
        incident = apply(incident, { action: 'remind', actor: 'breachwatch', hoursAfterAwareness: h }, awareAt);
      expect(dueReminders(incident, hoursAfter(awareAt, hours - 0.01))).toEqual([]);
      expect(dueReminders(incident, hoursAfter(awareAt, hours))).toEqual([hours]);
      incident = apply(incident, { action: 'remind', actor: 'breachwatch', hoursAfterAwareness: hours }, awareAt);
      expect(dueReminders(incident, hoursAfter(awareAt, hours + 0.5))).toEqual([]);
    },
  );

  it('owes every missed reminder, oldest first, when the scheduler was down', () => {
    expect(dueReminders(confirmed(), hoursAfter(awareAt, 61))).toEqual([24, 48, 60]);
  });

  it('owes the overdue notice (72) past the deadline and marks the incident overdue', () => {
    let incident = confirmed();
    for (const h of ART33_REMINDER_HOURS)
      incident = apply(incident, { action: 'remind', actor: 'breachwatch', hoursAfterAwareness: h }, awareAt);
    expect(isArt33Overdue(incident, hoursAfter(awareAt, 72))).toBe(false);
    expect(dueReminders(incident, hoursAfter(awareAt, 72))).toEqual([]);
    expect(isArt33Overdue(incident, hoursAfter(awareAt, 72.01))).toBe(true);
    expect(dueReminders(incident, hoursAfter(awareAt, 72.01))).toEqual([72]);
  });

  it('stops once the authority is notified or the DPO decided register-only', () => {
    const notified = apply(
      confirmed(),
      { action: 'notify-authority', actor: 'dpo', authority: 'BfDI' },
      hoursAfter(awareAt, 10).toISOString(),
    );
    expect(dueReminders(notified, hoursAfter(awareAt, 80))).toEqual([]);
    expect(isArt33Overdue(notified, hoursAfter(awareAt, 80))).toBe(false);
    const registerOnly = apply(
      confirmed(),
      { action: 'decide', actor: 'dpo', outcome: 'register-only', reasoning: 'encrypted at rest, key not exposed' },
      awareAt,
    );
    expect(dueReminders(registerOnly, hoursAfter(awareAt, 80))).toEqual([]);
  });

  it('owes nothing while the breach is not confirmed', () => {
    expect(dueReminders(openIncident(signal(), opened).incident, hoursAfter(opened, 100))).toEqual([]);
  });
});

describe('escalationDue', () => {
  const minutesAfter = (m: number) => new Date(Date.parse(opened) + m * 60_000);

  it.each([
    [9.5, 'critical', 15],
    [8, 'high', 30],
    [5, 'medium', 120],
    [2, 'low', 480],
  ] as const)('escalates a severity %d (%s) incident after %i unacknowledged minutes', (severity, band, minutes) => {
    const incident = openIncident(signal({ severity }), opened).incident;
    expect(incident.severityBand).toBe(band);
    expect(escalationDue(incident, minutesAfter(minutes - 1))).toBeUndefined();
    expect(escalationDue(incident, minutesAfter(minutes))).toEqual({
      level: 1,
      reason: `not acknowledged within ${minutes} min (${band})`,
    });
  });

  it('escalates to level 2 after twice the window, then stops at the configured maximum', () => {
    let incident = openIncident(signal({ severity: 8 }), opened).incident;
    incident = apply(incident, { action: 'escalate', actor: 'breachwatch', reason: 'x' }, opened);
    expect(escalationDue(incident, minutesAfter(59))).toBeUndefined();
    expect(escalationDue(incident, minutesAfter(60))?.level).toBe(2);
    incident = apply(incident, { action: 'escalate', actor: 'breachwatch', reason: 'x' }, opened);
    expect(escalationDue(incident, minutesAfter(600))).toBeUndefined();
  });

  it('does not escalate an acknowledged incident', () => {
    const incident = apply(openIncident(signal(), opened).incident, { action: 'acknowledge', actor: 'p' }, opened);
    expect(escalationDue(incident, minutesAfter(600))).toBeUndefined();
  });

  it('after a reopen, asks again: the window and the levels count from the reopening', () => {
    let incident = openIncident(signal({ severity: 8 }), opened).incident;
    incident = apply(incident, { action: 'escalate', actor: 'breachwatch', reason: 'x' }, opened);
    incident = apply(incident, { action: 'acknowledge', actor: 'p' }, opened);
    incident = apply(incident, { action: 'dismiss', actor: 'p', reason: 'test data' }, opened);
    const reopenedAt = minutesAfter(24 * 60).toISOString();
    incident = apply(incident, { action: 'reopen', actor: 'p', reason: 'new evidence' }, reopenedAt);
    expect(incident.workflow.acknowledged).toBeUndefined();
    expect(escalationDue(incident, minutesAfter(24 * 60 + 29))).toBeUndefined();
    expect(escalationDue(incident, minutesAfter(24 * 60 + 30))?.level).toBe(1);
  });

  it('follows a configured window', () => {
    const incident = openIncident(signal({ severity: 8 }), opened).incident;
    const policy = { windowMsByBand: { critical: 1, high: 5 * 60_000, medium: 1, low: 1 }, maxLevels: 1 };
    expect(escalationDue(incident, minutesAfter(5), policy)?.level).toBe(1);
  });
});
