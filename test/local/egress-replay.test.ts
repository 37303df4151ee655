import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const demo = join('samples', 'egress-demo-capture.json');

describe('breachwatch replay of an egress sample', () => {
  it('opens an incident when planted personal data goes to an unknown destination', async () => {
    const { code, stdout, stderr } = await runCli(['replay', demo, '--json']);
    expect(code, stderr).toBe(0);
    const incidents = JSON.parse(stdout) as Array<{ category: string; sources: string[]; entity: { id: string } }>;
    expect(incidents).toEqual([
      expect.objectContaining({
        category: 'exfiltration',
        sources: ['egress'],
        entity: { type: 'instance', id: 'i-0abc12345def67890' },
      }),
    ]);
  });

  it('opens none when the destination is allowed to receive those types', async () => {
    const allowlist = JSON.stringify([{ host: 'paste.example.net', types: '*' }]);
    const { code, stdout, stderr } = await runCli(['replay', demo, '--json'], {
      BREACHWATCH_EGRESS_ALLOWLIST: allowlist,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(stderr).toContain('all PII types found are allowed for paste.example.net:443');
  });
});
