import { describe, expect, it } from 'vitest';
import { classifyFinding } from '../../detectors/guardduty/classify-finding.js';
import { GuardDutyEventSchema } from '../../events/guardduty.js';
import { IncidentStatus } from '../../incidents/incident.js';
import { verifyChain } from '../../incidents/timeline.js';
import { freshStore } from '../support/dynamo.js';
import { guardDutyEvent, signal } from '../support/factories.js';

const now = new Date('2026-11-20T03:00:00.000Z');
const findingAbout = (bucket: string, id: string, minute: number) =>
  classifyFinding(
    GuardDutyEventSchema.parse(
      guardDutyEvent({
        id,
        updatedAt: `2026-11-20T02:${String(minute).padStart(2, '0')}:00.000Z`,
        resource: { resourceType: 'S3Bucket', s3BucketDetails: [{ name: bucket, type: 'Destination' }] },
      }),
    ).detail,
  );

describe('IncidentStore on DynamoDB Local', () => {
  it('records the same finding delivered 20 times concurrently as one signal in one incident', async () => {
    const store = await freshStore();
    const s = findingAbout('acme-exports', 'f-1', 10);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.recordSignal(s, now)));
    expect(outcomes.filter((o) => o.outcome === 'opened')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(19);
    const incidents = await store.listIncidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.signalCount).toBe(1);
    expect(await store.getSignals(incidents[0]!.id)).toHaveLength(1);
  });

  it('joins 20 different findings about one bucket within the window into one incident with 20 signals', async () => {
    const store = await freshStore();
    const signals = Array.from({ length: 20 }, (_, i) => findingAbout('acme-exports', `f-${i}`, 10 + i));
    await Promise.all(signals.map((s) => store.recordSignal(s, now)));
    const incidents = await store.listIncidents();
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident.signalCount).toBe(20);
    expect(incident.version).toBe(20);
    expect(await store.getSignals(incident.id)).toHaveLength(20);
    const timeline = await store.getTimeline(incident.id);
    expect(timeline).toHaveLength(20);
    expect(verifyChain(timeline, incident.timelineHead).ok).toBe(true);
    expect(incident.firstSeen).toBe('2026-11-20T02:10:00.000Z');
    expect(incident.lastSeen).toBe('2026-11-20T02:29:00.000Z');
  });

  it('adds a re-emitted finding version to its incident and reopens it if dismissed', async () => {
    const store = await freshStore();
    const first = findingAbout('acme-exports', 'f-re', 10);
    const opened = await store.recordSignal(first, now);
    if (opened.outcome !== 'opened') throw new Error(`expected opened, got ${opened.outcome}`);
    const dismissed = { ...opened.incident, status: IncidentStatus.DISMISSED, version: opened.incident.version + 1 };
    expect(await store.commitChange({ incident: dismissed, timeline: [] }, opened.incident.version)).toBe(true);

    const weekLater = {
      ...first,
      id: 'guardduty:f-re:2026-11-27T00:00:00.000Z:7',
      observedAt: '2026-11-27T00:00:00.000Z',
    };
    const reopened = await store.recordSignal(weekLater, new Date('2026-11-27T00:01:00.000Z'));
    expect(reopened).toMatchObject({ outcome: 'reopened', incidentId: opened.incidentId });
    const incident = await store.getIncident(opened.incidentId);
    expect(incident).toMatchObject({ status: 'open', signalCount: 2 });
    expect((await store.getTimeline(opened.incidentId)).map((e) => e.type)).toEqual([
      'opened',
      'reopened',
      'signal-added',
    ]);
    expect(await store.recordSignal(weekLater, now)).toEqual({ outcome: 'duplicate' });
  });

  it('opens a second incident for the same key after the window, and lists only active ones as open', async () => {
    const store = await freshStore();
    await store.recordSignal(signal({ id: 'a', findingKey: undefined }), now);
    const later = await store.recordSignal(
      signal({ id: 'b', findingKey: undefined, observedAt: '2026-11-20T05:00:00.000Z' }),
      now,
    );
    expect(later.outcome).toBe('opened');
    expect(await store.listIncidents({ openOnly: true })).toHaveLength(2);
  });

  it('keeps signals that open nothing for the register, once', async () => {
    const store = await freshStore();
    const noise = signal({ id: 'noise', opensIncident: false, reason: 'sample finding' });
    expect(await store.recordSignal(noise, now)).toEqual({ outcome: 'recorded' });
    expect(await store.recordSignal(noise, now)).toEqual({ outcome: 'duplicate' });
    expect(await store.getUnattachedSignals('2026-11-20')).toEqual([noise]);
    expect(await store.listIncidents()).toEqual([]);
  });

  it('refuses a change made against a stale version', async () => {
    const store = await freshStore();
    const opened = await store.recordSignal(signal({ id: 'v' }), now);
    if (opened.outcome !== 'opened') throw new Error('expected opened');
    const stale = { ...opened.incident, status: IncidentStatus.ACKNOWLEDGED, version: 2 };
    expect(await store.commitChange({ incident: stale, timeline: [] }, 1)).toBe(true);
    expect(
      await store.commitChange(
        { incident: { ...stale, status: IncidentStatus.DISMISSED, version: 2 }, timeline: [] },
        1,
      ),
    ).toBe(false);
    expect((await store.getIncident(opened.incidentId))?.status).toBe('acknowledged');
  });
});

describe('IncidentStore.applyCommand', () => {
  it('lets only one of two people acting at once win, and a double click acknowledges once', async () => {
    const store = await freshStore();
    const opened = await store.recordSignal(signal({ id: 'cmd' }), now);
    if (opened.outcome !== 'opened') throw new Error('expected opened');
    const results = await Promise.allSettled([
      store.applyCommand(opened.incidentId, { action: 'acknowledge', actor: 'U1' }, now),
      store.applyCommand(opened.incidentId, { action: 'acknowledge', actor: 'U1' }, now),
      store.applyCommand(opened.incidentId, { action: 'dismiss', actor: 'U2', reason: 'noise' }, now),
    ]);
    const changed = results.filter((r) => r.status === 'fulfilled' && r.value.changed);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    const timeline = await store.getTimeline(opened.incidentId);
    expect(timeline.filter((e) => e.type === 'acknowledge').length).toBeLessThanOrEqual(1);
    const incident = await store.getIncident(opened.incidentId);
    expect(verifyChain(timeline, incident!.timelineHead).ok).toBe(true);
    expect(incident!.version).toBe(1 + changed.length);
  });
});
