import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixturesDir } from '../support/fixtures.js';

const folder = join(fixturesDir, 'guardduty', 'eventbridge');
type Printed = {
  id: string;
  status: string;
  severity: number;
  category: string;
  entity: { type: string; id: string };
  signalCount: number;
  sources: string[];
  firstSeen: string;
  lastSeen: string;
};

describe('breachwatch replay', () => {
  it('opens incidents for exfiltration, data-store and credential findings and none for low-severity noise', async () => {
    const { code, stdout, stderr } = await runCli(['replay', folder, '--include-samples', '--json']);
    expect(code, stderr).toBe(0);
    const incidents = JSON.parse(stdout) as Printed[];
    const keys = incidents.map((i) => `${i.category} ${i.entity.type} ${i.entity.id}`).sort();
    expect(keys).toEqual([
      'data-store-access access-key GeneratedFindingAccessKeyId',
      'data-store-access bucket bucketName',
      'data-store-access db-instance GeneratedFindingDBInstanceId',
      'exfiltration access-key GeneratedFindingAccessKeyId',
      'exfiltration account 123456789012',
      'exfiltration bucket bucketName',
      'exfiltration instance i-99999999',
      'host-compromise instance i-05746eb48123455e0',
      'host-compromise instance i-99999999',
    ]);
    for (const i of incidents) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining([
          'id',
          'status',
          'severity',
          'category',
          'entity',
          'signalCount',
          'sources',
          'firstSeen',
          'lastSeen',
        ]),
      );
      expect(i.severity).toBeGreaterThanOrEqual(4);
    }
    expect(stderr).toContain('2 severity below minimum for recon');
    expect(stderr).toContain('1 archived finding');
  });

  it('opens nothing for sample findings unless asked: only the two unflagged findings open', async () => {
    const { code, stdout } = await runCli(['replay', folder, '--json']);
    expect(code).toBe(0);
    const incidents = JSON.parse(stdout) as Printed[];
    expect(incidents.map((i) => `${i.category} ${i.entity.type}`).sort()).toEqual([
      'exfiltration account',
      'host-compromise instance',
    ]);
  });

  it('lists a malformed record with its reason and replays the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-replay-'));
    const good = join(folder, 'panther-attacksequence-iam-compromisedcredentials.event.json');
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({
        source: 'aws.guardduty',
        'detail-type': 'GuardDuty Finding',
        id: 'e',
        detail: { id: 'f-broken', severity: 'x' },
      }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not telemetry');
    const { code, stdout, stderr } = await runCli(['replay', dir, good, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(1);
    expect(stderr).toMatch(/invalid \S*broken\.json: finding f-broken: detail\.type: .*detail\.severity/);
    expect(stderr).toContain('notes.txt: unsupported input');
  });
});
