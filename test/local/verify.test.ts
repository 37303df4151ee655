import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys, timelineItem } from '../../adapters/incident-items.js';
import { startRuntime } from '../../local/runtime.js';
import { runCli } from '../support/cli.js';

const store = mkdtempSync(join(tmpdir(), 'bw-verify-'));
let ids: string[] = [];

const cli = runCli;
const runtimeOn = (storeDir: string) => startRuntime({ storeDir });

/** Sequence number of each incident's `acknowledge` entry, the one tampered with. */
const ackSeq = new Map<string, number>();

/** Four demo incidents taken three steps further; then one edited, one with an entry removed, one reordered. */
beforeAll(async () => {
  const replayed = await cli(['replay', 'samples', '--store', store, '--json']);
  expect(replayed.code, replayed.stderr).toBe(0);
  ids = (JSON.parse(replayed.stdout) as { id: string }[]).map((i) => i.id).sort();
  expect(ids.length).toBeGreaterThanOrEqual(4);
  ids = ids.slice(0, 4);
  const rt = await runtimeOn(store);
  try {
    const at = (iso: string) => new Date(iso);
    for (const id of ids) {
      await rt.store.applyCommand(
        id,
        { action: 'acknowledge', actor: 'oncall@acme.example' },
        at('2026-11-20T04:00:00Z'),
      );
      await rt.store.applyCommand(
        id,
        { action: 'investigate', actor: 'oncall@acme.example' },
        at('2026-11-20T04:10:00Z'),
      );
      await rt.store.applyCommand(
        id,
        { action: 'confirm-breach', actor: 'dpo@acme.example' },
        at('2026-11-20T06:00:00Z'),
      );
      ackSeq.set(id, (await rt.store.getTimeline(id)).find((e) => e.type === 'acknowledge')!.seq);
    }
    const table = rt.tableName;
    const [edited, removed, reordered] = ids as [string, string, string];
    await rt.store.client.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.timeline(edited, ackSeq.get(edited)!),
        UpdateExpression: 'SET summary = :s',
        ExpressionAttributeValues: { ':s': 'nothing to see here' },
      }),
    );
    await rt.store.client.send(
      new DeleteCommand({ TableName: table, Key: keys.timeline(removed, ackSeq.get(removed)!) }),
    );
    const k = ackSeq.get(reordered)!;
    const tl = await rt.store.getTimeline(reordered);
    const [a, b] = [tl[k]!, tl[k + 1]!];
    await rt.store.client.send(
      new PutCommand({ TableName: table, Item: { ...timelineItem(reordered, b), ...keys.timeline(reordered, k) } }),
    );
    await rt.store.client.send(
      new PutCommand({ TableName: table, Item: { ...timelineItem(reordered, a), ...keys.timeline(reordered, k + 1) } }),
    );
  } finally {
    await rt.stop();
  }
}, 300_000);

describe('breachwatch verify', () => {
  it('exits 1 and names the edited, the removed and the reordered entry; the untouched chain is intact', async () => {
    // Act
    const { code, stdout, stderr } = await cli(['verify', ...ids, '--store', store]);
    // Assess
    expect(code, stderr).toBe(1);
    const lines = stdout.trim().split('\n');
    const [edited, removed, reordered, intact] = ids as [string, string, string, string];
    const k = (id: string) => ackSeq.get(id)!;
    expect(lines).toEqual([
      `${edited}: chain broken at entry ${k(edited)} (acknowledge at 2026-11-20T04:00:00.000Z): content does not match its hash`,
      `${removed}: chain broken at entry ${k(removed)} (investigate at 2026-11-20T04:10:00.000Z): expected entry ${k(removed)}, found ${k(removed) + 1}`,
      `${reordered}: chain broken at entry ${k(reordered)} (investigate at 2026-11-20T04:10:00.000Z): expected entry ${k(reordered)}, found ${k(reordered) + 1}`,
      expect.stringMatching(new RegExp(`^${intact}: chain intact: ${k(intact) + 3} entries, head [0-9a-f]{16}…$`)),
    ]);
  }, 180_000);

  it('exits 0 for an intact chain alone and 1 for an unknown incident', async () => {
    const ok = await cli(['verify', ids[3]!, '--store', store]);
    expect(ok.code, ok.stderr).toBe(0);
    const missing = await cli(['verify', 'BW-20990101-00000000', '--store', store]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('breachwatch verify: incident BW-20990101-00000000 not found');
  }, 180_000);
});
