import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentItem, keys, timelineItem } from '../../adapters/incident-items.js';
import { IncidentBusEventSchema, IncidentEventSchema } from '../../events/incident-events.js';
import { joinIncident, openIncident } from '../../incidents/correlate.js';
import type { Incident } from '../../incidents/incident.js';
import { incidentEventsFromStreamRecord } from '../../incidents/incident-events.js';
import { applyCommand, type Command } from '../../incidents/lifecycle.js';
import { signal } from '../support/factories.js';

const at = '2026-11-20T02:20:00.000Z';
const image = (incident: Incident) => marshall(incidentItem(incident), { removeUndefinedValues: true });
const insert = (incident: Incident) => ({
  eventName: 'INSERT',
  dynamodb: { Keys: marshall(keys.incident(incident.id)), NewImage: image(incident) },
});
const modify = (before: Incident, after: Incident) => ({
  eventName: 'MODIFY',
  dynamodb: { Keys: marshall(keys.incident(after.id)), OldImage: image(before), NewImage: image(after) },
});
const apply = (incident: Incident, command: Command, when = at) => applyCommand(incident, command, when)!.incident;
const opened = () => openIncident(signal(), at).incident;
const typesOf = (record: Parameters<typeof incidentEventsFromStreamRecord>[0]) =>
  incidentEventsFromStreamRecord(record).map((e) => e.detailType);

describe('incidentEventsFromStreamRecord', () => {
  it('publishes "Incident Opened" for a new META item, with a deterministic id and the incident state', () => {
    const incident = opened();
    const events = incidentEventsFromStreamRecord(insert(incident));
    expect(events).toHaveLength(1);
    const event = IncidentEventSchema.parse(events[0]);
    expect(event).toMatchObject({
      detailType: 'Incident Opened',
      detail: {
        eventId: `${incident.id}:v1:opened`,
        incidentId: incident.id,
        status: 'open',
        severity: 8,
        severityBand: 'high',
        category: 'exfiltration',
        signalCount: 1,
      },
    });
    expect(incidentEventsFromStreamRecord(insert(incident))).toEqual(events);
  });

  it('publishes "Incident Updated" when a later signal joins, never a second "Opened"', () => {
    const first = opened();
    const joined = joinIncident(first, signal({ id: 's-2', observedAt: '2026-11-20T02:30:00.000Z' }), at, false);
    expect(incidentEventsFromStreamRecord(modify(first, joined.incident))).toEqual([
      expect.objectContaining({ detailType: 'Incident Updated', detail: expect.objectContaining({ newSignals: 1 }) }),
    ]);
  });

  it('follows the whole lifecycle with one event per step, each valid against its schema', () => {
    const steps: Array<[Command, string[]]> = [
      [
        { action: 'escalate', actor: 'breachwatch', reason: 'not acknowledged within 30 min (high)' },
        ['Incident Escalated'],
      ],
      [{ action: 'acknowledge', actor: 'oncall-sam' }, ['Incident Acknowledged']],
      [{ action: 'investigate', actor: 'oncall-sam' }, ['Investigation Started']],
      [{ action: 'confirm-breach', actor: 'dpo-anna' }, ['Breach Confirmed']],
      [{ action: 'remind', actor: 'breachwatch', hoursAfterAwareness: 24 }, ['Art 33 Reminder']],
      [{ action: 'remind', actor: 'breachwatch', hoursAfterAwareness: 72 }, ['Art 33 Overdue']],
      [
        { action: 'decide', actor: 'dpo-anna', outcome: 'notify-authority', reasoning: 'r' },
        ['Risk Decision Recorded'],
      ],
      [{ action: 'notify-authority', actor: 'dpo-anna', authority: 'BfDI' }, ['Authority Notified']],
      [{ action: 'notify-authority', actor: 'dpo-anna', authority: 'BfDI' }, ['Authority Notified']],
      [
        { action: 'exempt-subjects', actor: 'dpo-anna', exemption: 'art34-3-a', justification: 'j' },
        ['Data Subjects Exempt'],
      ],
      [{ action: 'close', actor: 'dpo-anna' }, ['Incident Closed']],
      [{ action: 'reopen', actor: 'dpo-anna', reason: 'new evidence' }, ['Incident Reopened']],
    ];
    let incident = opened();
    const ids = new Set<string>();
    for (const [command, expected] of steps) {
      const next = apply(incident, command);
      const events = incidentEventsFromStreamRecord(modify(incident, next));
      expect(
        events.map((e) => e.detailType),
        command.action,
      ).toEqual(expected);
      for (const e of events) {
        IncidentEventSchema.parse(e);
        ids.add(e.detail.eventId);
      }
      incident = next;
    }
    expect(ids.size).toBe(steps.length);
  });

  it('tells who confirmed awareness and when the Art. 33 deadline falls', () => {
    const before = opened();
    const after = apply(before, { action: 'confirm-breach', actor: 'dpo-anna', awareAt: '2026-11-20T08:00:00.000Z' });
    const [ack, confirmed] = incidentEventsFromStreamRecord(modify(before, after));
    expect(ack).toMatchObject({ detailType: 'Incident Acknowledged', detail: { actor: 'dpo-anna' } });
    expect(confirmed).toMatchObject({
      detailType: 'Breach Confirmed',
      detail: {
        actor: 'dpo-anna',
        awarenessAt: '2026-11-20T08:00:00.000Z',
        art33DeadlineAt: '2026-11-23T08:00:00.000Z',
      },
    });
  });

  it('publishes no free text: dismissal reasons stay in the timeline', () => {
    const before = opened();
    const after = apply(before, { action: 'dismiss', actor: 'oncall-sam', reason: 'Jane Doe ran the export herself' });
    const events = incidentEventsFromStreamRecord(modify(before, after));
    expect(events.map((e) => e.detailType)).toEqual(['Incident Dismissed']);
    expect(JSON.stringify(events)).not.toContain('Jane');
  });

  it('reports a reopening by a re-emitted finding together with its new signal', () => {
    const dismissed = apply(opened(), { action: 'dismiss', actor: 'p', reason: 'r' });
    const reopened = joinIncident(dismissed, signal({ id: 's-9' }), at, true).incident;
    expect(typesOf(modify(dismissed, reopened))).toEqual(['Incident Reopened', 'Incident Updated']);
  });

  it('ignores other items, removals and rewrites of the same version', () => {
    const incident = opened();
    const tl = {
      eventName: 'INSERT',
      dynamodb: {
        Keys: marshall(keys.timeline(incident.id, 0)),
        NewImage: marshall(
          timelineItem(incident.id, {
            seq: 0,
            at,
            type: 'opened',
            actor: 'breachwatch',
            summary: 's',
            prevHash: '0',
            hash: '1',
          }),
        ),
      },
    };
    expect(typesOf(tl)).toEqual([]);
    expect(
      typesOf({
        eventName: 'INSERT',
        dynamodb: { Keys: marshall(keys.dedup('s-1')), NewImage: marshall(keys.dedup('s-1')) },
      }),
    ).toEqual([]);
    expect(
      typesOf({
        eventName: 'REMOVE',
        dynamodb: { Keys: marshall(keys.incident(incident.id)), OldImage: image(incident) },
      }),
    ).toEqual([]);
    expect(typesOf(modify(incident, incident))).toEqual([]);
  });
});

describe('IncidentBusEventSchema', () => {
  it('reads an event as EventBridge delivers it to a target', () => {
    const [event] = incidentEventsFromStreamRecord(insert(opened()));
    const delivered = JSON.parse(
      JSON.stringify({ source: 'breachwatch', 'detail-type': event!.detailType, detail: event!.detail }),
    );
    expect(IncidentBusEventSchema.parse(delivered)).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it('rejects an event whose detail does not match its detail-type', () => {
    const result = IncidentBusEventSchema.safeParse({
      source: 'breachwatch',
      'detail-type': 'Incident Escalated',
      detail: {},
    });
    expect(result.success).toBe(false);
  });
});

describe('incidentEventsFromChange, over arbitrary command sequences', () => {
  const marker = 'FREE-TEXT-MARKER';
  const commands: Command[] = [
    { action: 'acknowledge', actor: 'p' },
    { action: 'escalate', actor: 's', reason: marker },
    { action: 'investigate', actor: 'p' },
    { action: 'confirm-breach', actor: 'dpo', reason: marker },
    { action: 'dismiss', actor: 'p', reason: marker },
    { action: 'decide', actor: 'dpo', outcome: 'register-only', reasoning: marker },
    { action: 'notify-authority', actor: 'dpo', authority: 'BfDI', delayReason: marker },
    { action: 'notify-subjects', actor: 'dpo', channel: 'email' },
    { action: 'exempt-subjects', actor: 'dpo', exemption: 'art34-3-c', justification: marker },
    { action: 'close', actor: 'dpo', reason: marker },
    { action: 'reopen', actor: 'dpo', reason: marker },
    { action: 'remind', actor: 's', hoursAfterAwareness: 24 },
  ];

  it('gives every committed change at least one valid event, unique ids, and never free text', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: commands.length - 1 }), { maxLength: 25 }), (picks) => {
        let incident = opened();
        const ids = new Set<string>();
        for (const [step, pick] of picks.entries()) {
          let next: Incident | undefined;
          const when = new Date(Date.parse(at) + (step + 1) * 60_000).toISOString(); // commits happen at distinct times
          try {
            next = applyCommand(incident, commands[pick]!, when)?.incident;
          } catch {
            continue; // illegal here: nothing committed, nothing published
          }
          if (!next) continue;
          const events = incidentEventsFromStreamRecord(modify(incident, next));
          expect(events.length).toBeGreaterThan(0);
          expect(incidentEventsFromStreamRecord(modify(incident, next))).toEqual(events);
          for (const e of events) {
            IncidentEventSchema.parse(e);
            expect(ids.has(e.detail.eventId)).toBe(false);
            ids.add(e.detail.eventId);
          }
          expect(JSON.stringify(events)).not.toContain(marker);
          incident = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});
