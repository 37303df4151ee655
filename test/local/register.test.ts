import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_HEADER, type RegisterRow } from '../../incidents/exports/index.js';
import { startRuntime } from '../../local/runtime.js';
import { runCli } from '../support/cli.js';

const store = mkdtempSync(join(tmpdir(), 'bw-register-'));
let ids: string[] = [];

const cli = runCli;
const runtimeOn = (storeDir: string) => startRuntime({ storeDir });

/** The demo incidents: the first dismissed with a reason, the second a confirmed breach decided register-only. */
beforeAll(async () => {
  const replayed = await cli(['replay', 'samples', '--store', store, '--json']);
  expect(replayed.code, replayed.stderr).toBe(0);
  ids = (JSON.parse(replayed.stdout) as { id: string }[]).map((i) => i.id);
  const rt = await runtimeOn(store);
  try {
    const at = (iso: string) => new Date(iso);
    await rt.store.applyCommand(
      ids[0]!,
      { action: 'dismiss', actor: 'oncall@acme.example', reason: 'penetration test SEC-881' },
      at('2026-11-20T05:00:00Z'),
    );
    await rt.store.applyCommand(
      ids[1]!,
      { action: 'confirm-breach', actor: 'dpo@acme.example' },
      at('2026-11-20T06:00:00Z'),
    );
    await rt.store.applyCommand(
      ids[1]!,
      {
        action: 'decide',
        actor: 'dpo@acme.example',
        outcome: 'register-only',
        reasoning: 'data were encrypted (Art. 34(3)(a))',
      },
      at('2026-11-20T07:00:00Z'),
    );
  } finally {
    await rt.stop();
  }
}, 300_000);

describe('breachwatch register', () => {
  it('lists every incident as CSV, dismissed and unnotified ones included, in UTC and Europe/Berlin', async () => {
    const { code, stdout, stderr } = await cli([
      'register',
      '--format',
      'csv',
      '--tz',
      'Europe/Berlin',
      '--store',
      store,
    ]);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(REGISTER_HEADER.join(','));
    expect(lines).toHaveLength(ids.length + 1);
    const dismissed = lines.find((l) => l.startsWith(`${ids[0]},`))!;
    expect(dismissed).toMatch(/^BW-\d{8}-[0-9a-f]{8},dismissed,/);
    expect(dismissed).toContain(',no-breach-confirmed,');
    expect(dismissed).toContain(',penetration test SEC-881,');
    const registerOnly = lines.find((l) => l.startsWith(`${ids[1]},`))!;
    expect(registerOnly).toContain(
      '2026-11-20T06:00:00.000Z,2026-11-20T07:00:00+01:00,2026-11-23T06:00:00.000Z,2026-11-23T07:00:00+01:00,not-required,',
    );
    expect(registerOnly).toContain(',register-only,data were encrypted (Art. 34(3)(a)),');
  }, 180_000);

  it('filters JSON rows by day and refuses a malformed day before starting the store', async () => {
    const { code, stdout, stderr } = await cli([
      'register',
      '--format',
      'json',
      '--from',
      '2026-11-21',
      '--store',
      store,
    ]);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout) as RegisterRow[]).toEqual([]);
    const all = await cli([
      'register',
      '--format',
      'json',
      '--from',
      '2026-11-20',
      '--to',
      '2026-11-20',
      '--store',
      store,
    ]);
    const rows = JSON.parse(all.stdout) as RegisterRow[];
    // The demo's flow-log incident was first seen on 2026-03-09, outside the day asked for.
    const ofTheDay = ids.filter((id) => id.startsWith('BW-20261120-'));
    expect(ofTheDay.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.incident_id).sort()).toEqual([...ofTheDay].sort());
    expect(Object.keys(rows[0]!)).toEqual([...REGISTER_HEADER]);
    const bad = await runCli(['register', '--format', 'json', '--from', '20.11.2026']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('breachwatch register: --from: expected a day as YYYY-MM-DD, got "20.11.2026"');
  }, 240_000);
});
