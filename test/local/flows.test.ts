import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowRecordSchema } from '../../events/flowlogs/index.js';
import { runCli } from '../support/cli.js';
import { fixturesDir } from '../support/fixtures.js';

const dir = join(fixturesDir, 'flowlogs');

describe('breachwatch flows', () => {
  it('prints one normalized record per line for every fixture in a walked folder', async () => {
    const { code, stdout, stderr } = await runCli(['flows', dir]);
    expect(code).toBe(0);
    const records = stdout
      .trim()
      .split('\n')
      .map((l) => FlowRecordSchema.parse(JSON.parse(l)));
    // 775 + 7 + 8 + 4 + 6 + 2 text records, 25 + 25 CWL, 1 Firehose, 200 in the S3 object, 2 twins of 19,718.
    expect(records.length).toBeGreaterThan(1000);
    expect(records.some((r) => r.pktDstAwsService === 'S3' && r.trafficPath === 8)).toBe(true);
    expect(stderr).toMatch(/cwl-control-message\.json: cloudwatch-logs-event, 0 records .*1 control messages skipped/);
    expect(stderr).toMatch(/s3\/AWSLogs\/.*\.log\.gz: text, 200 records/);
  });

  it('reports malformed lines by position and reason on stderr, never their content', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'flows-'));
    const file = join(tmp, 'mixed.log');
    writeFileSync(
      file,
      [
        'version interface-id srcaddr dstaddr bytes',
        '2 eni-0a 10.0.0.5 203.0.113.7 1000',
        '2 eni-0a 10.0.0.5 203.0.113.999 1000',
        '2 eni-0a 10.0.0.5',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runCli(['flows', file]);
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ version: 2, interfaceId: 'eni-0a', srcAddr: '10.0.0.5', dstAddr: '203.0.113.7', bytes: 1000 }]);
    expect(stderr).toContain('2 malformed: line 3 BAD_ADDRESS (dstaddr), line 4 FIELD_COUNT');
    expect(stderr).not.toContain('203.0.113.999');
  });

  it('fails with the reason for an input it does not support', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(join(tmp, 'other.json'), '{"hello": "world"}');
    const { code, stderr } = await runCli(['flows', join(tmp, 'other.json')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/JSON that is no CloudWatch Logs event or payload/);
  });
});
