import { describe, expect, it } from 'vitest';
import { listBreachConfirmed } from '../../adapters/deadline-query.js';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { makeDeadlineHandler, runDeadlines, SCHEDULER_ACTOR } from '../../functions/deadline-scheduler.js';
import { defaultEscalationPolicy } from '../../incidents/gdpr-clock.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';
import { signal } from '../support/factories.js';

const openedAt = new Date('2026-11-20T02:20:00.000Z');
const awareAt = '2026-11-20T08:00:00.000Z';
const plus = (from: string | Date, ms: number) => new Date(new Date(from).getTime() + ms);
const H = 3_600_000;

async function setup(severity = 8) {
  const store = await freshStore();
  const opened = await store.recordSignal(signal({ severity }), openedAt);
  if (opened.outcome !== 'opened') throw new Error(opened.outcome);
  const run = (now: Date) =>
    runDeadlines({
      store,
      listBreachConfirmed: () => listBreachConfirmed(store.client, store.tableName),
      escalation: defaultEscalationPolicy,
      now: () => now,
    });
  return { store: store as IncidentStore, id: opened.incidentId, run };
}

describe('deadline-scheduler', () => {
  it('escalates a high incident not acknowledged within 30 minutes, once per level', async () => {
    const { store, id, run } = await setup(8);
    expect((await run(plus(openedAt, 29 * 60_000))).escalated).toEqual([]);
    expect((await run(plus(openedAt, 30 * 60_000))).escalated).toEqual([{ incidentId: id, level: 1 }]);
    expect((await run(plus(openedAt, 35 * 60_000))).escalated).toEqual([]);
    expect((await run(plus(openedAt, 60 * 60_000))).escalated).toEqual([{ incidentId: id, level: 2 }]);
    expect((await run(plus(openedAt, 600 * 60_000))).escalated).toEqual([]);
    const escalations = (await store.getIncident(id))!.workflow.escalations!;
    expect(escalations.map((e) => [e.level, e.by, e.reason])).toEqual([
      [1, SCHEDULER_ACTOR, 'not acknowledged within 30 min (high)'],
      [2, SCHEDULER_ACTOR, 'not acknowledged within 60 min (high)'],
    ]);
  });

  it('does not escalate an acknowledged incident', async () => {
    const { store, id, run } = await setup(9.5);
    await store.applyCommand(id, { action: 'acknowledge', actor: 'oncall-sam' }, plus(openedAt, 60_000));
    expect((await run(plus(openedAt, 5 * H))).escalated).toEqual([]);
  });

  it('sends each Art. 33 reminder at 24, 48, 60 and 70 hours once, then the overdue notice past 72 hours', async () => {
    const { store, id, run } = await setup();
    await store.applyCommand(id, { action: 'confirm-breach', actor: 'dpo-anna', awareAt }, new Date(awareAt));
    const schedule: Array<[number, number[]]> = [
      [23.9, []],
      [24, [24]],
      [30, []],
      [48, [48]],
      [59.9, []],
      [60, [60]],
      [70, [70]],
      [71.9, []],
      [72, []],
      [72.1, [72]],
      [96, []],
    ];
    for (const [hours, expected] of schedule) {
      const report = await run(plus(awareAt, hours * H));
      expect(
        report.reminded.map((r) => r.hours),
        `at ${hours} h`,
      ).toEqual(expected);
    }
    const incident = (await store.getIncident(id))!;
    expect(incident.workflow.remindersSent).toEqual([24, 48, 60, 70, 72]);
    const reminders = (await store.getTimeline(id)).filter((e) => e.type === 'remind');
    expect(reminders).toHaveLength(5);
  });

  it('requires a reason for the delay when the authority is notified past 72 hours', async () => {
    const { store, id } = await setup();
    await store.applyCommand(id, { action: 'confirm-breach', actor: 'dpo-anna', awareAt }, new Date(awareAt));
    const late = plus(awareAt, 73 * H);
    await expect(
      store.applyCommand(id, { action: 'notify-authority', actor: 'dpo-anna', authority: 'BfDI' }, late),
    ).rejects.toThrow(/reason for the delay/);
    await store.applyCommand(
      id,
      { action: 'notify-authority', actor: 'dpo-anna', authority: 'BfDI', delayReason: 'forensics' },
      late,
    );
    expect((await store.getIncident(id))!.status).toBe('authority-notified');
  });

  it('stops reminding once the authority is notified', async () => {
    const { store, id, run } = await setup();
    await store.applyCommand(id, { action: 'confirm-breach', actor: 'dpo-anna', awareAt }, new Date(awareAt));
    await store.applyCommand(
      id,
      { action: 'notify-authority', actor: 'dpo-anna', authority: 'BfDI' },
      plus(awareAt, 10 * H),
    );
    expect((await run(plus(awareAt, 80 * H))).reminded).toEqual([]);
  });

  it('runs as a scheduled handler and reports what it did', async () => {
    const { store, id } = await setup();
    const handler = makeDeadlineHandler(() => ({
      store,
      listBreachConfirmed: () => listBreachConfirmed(store.client, store.tableName),
      escalation: defaultEscalationPolicy,
      now: () => plus(openedAt, H),
    }));
    expect(await handler({}, localContext('deadline-scheduler'))).toMatchObject({
      escalated: [{ incidentId: id, level: 1 }],
    });
  });
});
