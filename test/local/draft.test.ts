import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DraftStore } from '../../adapters/draft-store.js';
import type { AuthorityNotificationContent, Draft } from '../../incidents/notifications/index.js';
import { startRuntime } from '../../local/runtime.js';
import { runCli } from '../support/cli.js';

const store = mkdtempSync(join(tmpdir(), 'bw-draft-'));
let id = '';

beforeAll(async () => {
  const replayed = await runCli(['replay', 'samples', '--store', store, '--json']);
  expect(replayed.code, replayed.stderr).toBe(0);
  const opened = JSON.parse(replayed.stdout) as { id: string; entity: { id: string } }[];
  id = opened.find((i) => i.entity.id === 'acme-customer-exports')!.id;
});

describe('breachwatch draft', () => {
  it('refuses a field it may not edit, an unknown authority or nothing to do, before opening the store', async () => {
    const bad = await runCli(['draft', id, '--set', 'phase=7', '--store', store]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('draft field phase: not an editable field');
    const other = await runCli(['draft', id, '--authority', 'fr-cnil', '--show', '--store', store]);
    expect(other.stderr).toContain('--authority fr-cnil: not configured; expected one of de-be, de-by');
    expect((await runCli(['draft', id, '--store', store])).stderr).toContain('nothing to do');
  });

  it('shows the pre-filled lead-authority draft, still unsaved, then saves each edit as a new version', async () => {
    const preview = await runCli(['draft', id, '--show', '--store', store]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ kind: 'authority-de-be', version: 1, unsaved: true });

    const first = await runCli([
      'draft',
      id,
      '--set',
      'measuresTaken=Blocked the caller IP; Rotated the bucket policy',
      '--set',
      'approxSubjects=100-250',
      '--by',
      'dpo-anna',
      '--store',
      store,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('saved authority-de-be v2 (measuresTaken, approxSubjects)');
    const second = await runCli(['draft', id, '--set', 'likelyConsequences=Phishing', '--show', '--store', store]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      version: 3,
      content: { likelyConsequences: 'Phishing', approxSubjects: { min: 100, max: 250 } },
    });

    const rt = await startRuntime({ storeDir: store });
    try {
      const versions = (await new DraftStore(rt.store).list(id)) as Draft<AuthorityNotificationContent>[];
      expect(versions.map((d) => [d.version, d.createdBy])).toEqual([
        [1, 'dpo-anna'],
        [2, 'dpo-anna'],
        [3, expect.any(String)],
      ]);
      expect(versions[0]!.note).toBe('pre-filled from the evidence');
      expect(versions[0]!.content.measuresTaken).not.toContain('Blocked the caller IP');
      expect(versions[1]!.content.likelyConsequences).not.toBe('Phishing');
    } finally {
      await rt.stop();
    }
  });
});
