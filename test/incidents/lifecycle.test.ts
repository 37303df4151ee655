import { describe, expect, it } from 'vitest';
import { openIncident } from '../../incidents/correlate.js';
import { IllegalTransitionError } from '../../incidents/errors.js';
import type { Incident } from '../../incidents/incident.js';
import { allowedActions, applyCommand, type Command, transitions } from '../../incidents/lifecycle.js';
import { verifyChain } from '../../incidents/timeline.js';
import { signal } from '../support/factories.js';

const T0 = '2026-11-20T03:00:00.000Z';
const hoursLater = (h: number) => new Date(Date.parse(T0) + h * 3_600_000).toISOString();

function run(commands: Array<[Command, string]>): Incident {
  let incident = openIncident(signal(), T0).incident;
  for (const [command, at] of commands) incident = applyCommand(incident, command, at)?.incident ?? incident;
  return incident;
}

describe('incident lifecycle', () => {
  it('walks open → acknowledged → investigating → breach-confirmed → authority-notified → subjects-notified → closed', () => {
    const incident = run([
      [{ action: 'acknowledge', actor: 'U-oncall' }, hoursLater(0.1)],
      [{ action: 'investigate', actor: 'U-oncall' }, hoursLater(0.5)],
      [{ action: 'confirm-breach', actor: 'dpo@acme.example' }, hoursLater(2)],
      [
        {
          action: 'decide',
          actor: 'dpo@acme.example',
          outcome: 'notify-authority-and-subjects',
          reasoning: 'health data of 1,200 people',
        },
        hoursLater(3),
      ],
      [{ action: 'notify-authority', actor: 'dpo@acme.example', authority: 'IE-DPC' }, hoursLater(20)],
      [
        { action: 'notify-authority', actor: 'dpo@acme.example', authority: 'IE-DPC', reference: 'phase 2' },
        hoursLater(40),
      ],
      [{ action: 'notify-subjects', actor: 'dpo@acme.example', channel: 'email' }, hoursLater(41)],
      [{ action: 'close', actor: 'dpo@acme.example' }, hoursLater(100)],
    ]);
    expect(incident.status).toBe('closed');
    expect(incident.workflow.awareness).toEqual({ by: 'dpo@acme.example', at: hoursLater(2) });
    expect(incident.workflow.authorityNotifications?.map((n) => n.phase)).toEqual([1, 2]);
    expect(incident.timelineSeq).toBe(8);
  });

  it('treats a repeated acknowledgement as one', () => {
    const acked = run([[{ action: 'acknowledge', actor: 'U1' }, hoursLater(0.1)]]);
    expect(applyCommand(acked, { action: 'acknowledge', actor: 'U2' }, hoursLater(0.2))).toBeUndefined();
  });

  it('refuses an illegal transition with a clear error', () => {
    const incident = openIncident(signal(), T0).incident;
    expect(() =>
      applyCommand(incident, { action: 'notify-authority', actor: 'x', authority: 'IE-DPC' }, T0),
    ).toThrowError(
      new IllegalTransitionError(
        incident.id,
        'notify-authority',
        'open',
        'allowed from breach-confirmed, authority-notified',
      ),
    );
  });

  it('requires a reason to dismiss, and keeps the dismissal on record', () => {
    const incident = openIncident(signal(), T0).incident;
    expect(() => applyCommand(incident, { action: 'dismiss', actor: 'x', reason: ' ' }, T0)).toThrow(
      /a reason is required/,
    );
    const dismissed = applyCommand(incident, { action: 'dismiss', actor: 'x', reason: 'pen test' }, T0)!.incident;
    expect(dismissed.workflow.dismissal).toEqual({ by: 'x', at: T0, reason: 'pen test' });
  });

  it('past 72 h after awareness requires a reason for the delay (Art. 33(1))', () => {
    const confirmed = run([[{ action: 'confirm-breach', actor: 'dpo', awareAt: T0 }, T0]]);
    const late = { action: 'notify-authority', actor: 'dpo', authority: 'IE-DPC' } as const;
    expect(() => applyCommand(confirmed, late, hoursLater(73))).toThrow(/reason for the delay/);
    expect(applyCommand(confirmed, { ...late, delayReason: 'forensics' }, hoursLater(73))?.incident.status).toBe(
      'authority-notified',
    );
    expect(applyCommand(confirmed, late, hoursLater(71))?.incident.status).toBe('authority-notified');
  });

  it('asks only the first notification for the delay: a later phase past 72 h follows a timely one (Art. 33(4))', () => {
    const confirmed = run([[{ action: 'confirm-breach', actor: 'dpo', awareAt: T0 }, T0]]);
    const notify = { action: 'notify-authority', actor: 'dpo', authority: 'IE-DPC' } as const;
    const first = applyCommand(confirmed, notify, hoursLater(20))!.incident;
    const second = applyCommand(first, { ...notify, reference: 'phase 2' }, hoursLater(100))!.incident;
    expect(second.workflow.authorityNotifications?.map((n) => [n.phase, n.delayReason])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
  });

  it('closes a confirmed breach without notification only after a register-only decision', () => {
    const confirmed = run([[{ action: 'confirm-breach', actor: 'dpo' }, T0]]);
    expect(() => applyCommand(confirmed, { action: 'close', actor: 'dpo' }, T0)).toThrow(/register-only/);
    const decided = applyCommand(
      confirmed,
      { action: 'decide', actor: 'dpo', outcome: 'register-only', reasoning: 'encrypted laptop' },
      T0,
    )!.incident;
    expect(applyCommand(decided, { action: 'close', actor: 'dpo' }, T0)?.incident.status).toBe('closed');
  });

  it('chains every transition into the timeline with who, when and why', () => {
    const { incident, timeline } = openIncident(signal(), T0);
    const change = applyCommand(incident, { action: 'dismiss', actor: 'U1', reason: 'known scanner' }, hoursLater(1))!;
    expect(change.timeline[0]).toMatchObject({
      type: 'dismiss',
      actor: 'U1',
      summary: 'open → dismissed by U1: known scanner',
      data: { from: 'open', to: 'dismissed', reason: 'known scanner' },
    });
    expect(verifyChain([...timeline, ...change.timeline], change.incident.timelineHead).ok).toBe(true);
  });

  it('lists the actions a person may take from each status, from the table', () => {
    expect(allowedActions('open')).toEqual(['acknowledge', 'escalate', 'investigate', 'confirm-breach', 'dismiss']);
    expect(allowedActions('acknowledged')).toEqual(['escalate', 'investigate', 'confirm-breach', 'dismiss']);
    expect(allowedActions('investigating')).toEqual(['confirm-breach', 'dismiss']);
    expect(allowedActions('subjects-notified')).toEqual(['close']);
    expect(allowedActions('closed')).toEqual(['reopen']);
  });

  it('reopens with a reason and clears the acknowledgement, keeping it in the timeline', () => {
    const closed = run([
      [{ action: 'acknowledge', actor: 'U-oncall' }, hoursLater(0.1)],
      [{ action: 'dismiss', actor: 'U-oncall', reason: 'test data' }, hoursLater(1)],
    ]);
    expect(() => applyCommand(closed, { action: 'reopen', actor: 'dpo', reason: ' ' }, hoursLater(2))).toThrow(
      IllegalTransitionError,
    );
    const reopened = applyCommand(closed, { action: 'reopen', actor: 'dpo', reason: 'new evidence' }, hoursLater(2))!;
    expect(reopened.incident.status).toBe('open');
    expect(reopened.incident.workflow.acknowledged).toBeUndefined();
    expect(reopened.incident.workflow.reopened).toEqual({ by: 'dpo', at: hoursLater(2) });
  });

  it('names only existing states in its table', () => {
    const states = new Set([
      'open',
      'acknowledged',
      'investigating',
      'breach-confirmed',
      'dismissed',
      'authority-notified',
      'subjects-notified',
      'subjects-exempt',
      'closed',
    ]);
    for (const rule of Object.values(transitions)) {
      for (const from of rule.from) expect(states.has(from)).toBe(true);
      expect(rule.to === 'same' || states.has(rule.to)).toBe(true);
    }
  });
});
