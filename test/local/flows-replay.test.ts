import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

type Printed = { id: string; category: string; entity: { type: string; id: string }; sources: string[] };

describe('breachwatch replay of flow logs', () => {
  it('opens one incident on the exfiltrating ENI with the explanation in its timeline', async () => {
    const dir = `${process.cwd()}/test/out/flows-replay-store`;
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
    const { code, stdout, stderr } = await runCli([
      'replay',
      'samples/flowlogs-exfil-scenario.log.gz',
      '--json',
      '--store',
      dir,
    ]);
    expect(code, stderr).toBe(0);
    const incidents = JSON.parse(stdout) as Printed[];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ category: 'exfiltration', sources: ['flowlogs'], entity: { type: 'eni' } });
    const { startRuntime } = await import('../../local/runtime.js');
    const runtime = await startRuntime({ storeDir: dir });
    try {
      const timeline = await runtime.store.getTimeline(incidents[0]!.id);
      expect(timeline[0]!.summary).toMatch(/sent .* baseline/);
    } finally {
      await runtime.stop();
    }
  });

  it('opens none for the benign twin of the same traffic', async () => {
    const { code, stdout } = await runCli(['replay', 'test/fixtures/flowlogs/benign-twin.log.gz', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('replays every flow-log fixture format without failing, reporting non-flow messages by position', async () => {
    const { code, stderr } = await runCli(['replay', 'test/fixtures/flowlogs', '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/NODATA\/SKIPDATA records \(counted, not scored\)/);
    expect(stderr).not.toContain('unsupported input');
  });
});
