import { describe, expect, it } from 'vitest';
import { DraftStore, DraftVersionExistsError } from '../../adapters/draft-store.js';
import {
  type AuthorityNotificationContent,
  draftAuthorityNotifications,
  reviseDraft,
} from '../../incidents/notifications/index.js';
import { draftInput } from '../incidents/notifications/input.js';
import { freshStore } from '../support/dynamo.js';

describe('DraftStore', () => {
  it('keeps every version and never overwrites one', async () => {
    // Prepare
    const drafts = new DraftStore(await freshStore());
    const [v1] = draftAuthorityNotifications(draftInput());
    const v2 = reviseDraft(
      v1!,
      { phase: 2, measuresProposed: ['Notify card issuers'] },
      'dpo',
      '2026-11-21T09:00:00.000Z',
    );
    // Act
    await drafts.save(v1!);
    await drafts.save(v2);
    const overwrite = drafts.save({ ...v2, content: { ...v2.content, nature: 'rewritten history' } });
    // Assess
    await expect(overwrite).rejects.toBeInstanceOf(DraftVersionExistsError);
    await expect(overwrite).rejects.toThrow('draft authority-de-be v2 exists');
    const stored = await drafts.list(v1!.incidentId);
    expect(stored.map((d) => d.version)).toEqual([1, 2]);
    expect(stored[0]).toEqual(v1);
    expect((await drafts.latest(v1!.incidentId, 'authority-de-be'))?.content).toEqual(v2.content);
  });

  it('lets only one of two concurrent saves of the same version win', async () => {
    const drafts = new DraftStore(await freshStore());
    const [v1] = draftAuthorityNotifications(draftInput());
    const results = await Promise.allSettled([drafts.save(v1!), drafts.save({ ...v1!, createdBy: 'someone-else' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await drafts.list(v1!.incidentId, 'authority-de-be')).toHaveLength(1);
  });

  it('keeps kinds apart and lists nothing for an incident without drafts', async () => {
    const drafts = new DraftStore(await freshStore());
    const [lead, other] = draftAuthorityNotifications(draftInput(), { all: true });
    await drafts.save(lead!);
    await drafts.save(other!);
    expect((await drafts.list(lead!.incidentId, 'authority-de-by')).map((d) => d.kind)).toEqual(['authority-de-by']);
    expect(await drafts.list('BW-none')).toEqual([]);
    await expect(drafts.save({ ...lead!, kind: 'Bad#Kind' })).rejects.toThrow('expected [a-z0-9-]');
  });

  it('revises the latest version, on top of a concurrent edit, and refuses a kind with no draft', async () => {
    // Prepare
    const drafts = new DraftStore(await freshStore());
    const [v1] = draftAuthorityNotifications(draftInput());
    await drafts.save(v1!);
    // Act: two people edit at once; neither edit is lost
    const [a, b] = await Promise.all([
      drafts.revise(
        v1!.incidentId,
        v1!.kind,
        { measuresProposed: ['Notify card issuers'] },
        'dpo',
        '2026-11-21T09:00:00.000Z',
      ),
      drafts.revise(v1!.incidentId, v1!.kind, { phase: 2 }, 'deputy-dpo', '2026-11-21T09:00:00.000Z', 'phase 2'),
    ]);
    // Assess
    expect([a.version, b.version].sort()).toEqual([2, 3]);
    const latest = await drafts.latest<AuthorityNotificationContent>(v1!.incidentId, v1!.kind);
    expect(latest?.version).toBe(3);
    expect(latest?.content).toMatchObject({ measuresProposed: ['Notify card issuers'], phase: 2 });
    await expect(drafts.revise(v1!.incidentId, 'subjects-de', {}, 'dpo', '2026-11-21T09:00:00.000Z')).rejects.toThrow(
      `draft subjects-de of incident ${v1!.incidentId} not found`,
    );
  });

  it('saves a pre-filled first version only when there is none, and returns the latest otherwise', async () => {
    const drafts = new DraftStore(await freshStore());
    const [v1] = draftAuthorityNotifications(draftInput());
    let built = 0;
    const first = () => {
      built++;
      return v1!;
    };
    const [x, y] = await Promise.all([
      drafts.latestOrFirst(v1!.incidentId, v1!.kind, first),
      drafts.latestOrFirst(v1!.incidentId, v1!.kind, first),
    ]);
    expect([x.version, y.version]).toEqual([1, 1]);
    await drafts.revise(v1!.incidentId, v1!.kind, { approxRecords: 3 }, 'dpo', '2026-11-21T09:00:00.000Z');
    const before = built;
    expect((await drafts.latestOrFirst(v1!.incidentId, v1!.kind, first)).version).toBe(2);
    expect(built).toBe(before);
    expect(await drafts.list(v1!.incidentId, v1!.kind)).toHaveLength(2);
  });
});
