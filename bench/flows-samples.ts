/**
 * Writes the two replayable flow log samples (deterministic, seed 11): `samples/flowlogs-exfil-scenario.log.gz`,
 * an S3-style gzip flow log with header, 8 days of 4 ENIs whose last day holds a 3.2 GB burst from one ENI
 * to a new address, and `test/fixtures/flowlogs/benign-twin.log.gz`, the same days without it.
 * Run: `node bin/run-ts.mjs bench/flows-samples.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { InjectionKind, planScenario, type ScenarioPlan, scenarioDay } from './flows-scenarios.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

/** The sample plan: 4 ENIs, 8 days from Monday 2026-03-02, one burst on day 8 at 14:00 UTC. */
export function samplePlan(): ScenarioPlan {
  const plan = planScenario({ seed: 11, entities: 4, days: 8, inject: false });
  const victim = plan.entities[1]!;
  const start = plan.startSec + 7 * 86_400 + 14 * 3600;
  plan.injections.push({
    kind: InjectionKind.BURST,
    eni: victim.eni,
    startSec: start,
    endSec: start + 600,
    bytesPerBucket: 3.2e9,
    dest: '203.0.113.7',
    port: 443,
  });
  return plan;
}

/** The gzip bytes of the sample, with or without the exfiltration. */
export function sampleBytes(plan: ScenarioPlan, withExfiltration: boolean): Buffer {
  const lines = [HEADER];
  for (let day = 0; day < plan.days; day++) lines.push(...scenarioDay(plan, day, withExfiltration));
  return gzipSync(`${lines.join('\n')}\n`, { level: 9 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const plan = samplePlan();
  const exfil = sampleBytes(plan, true);
  const twin = sampleBytes(plan, false);
  writeFileSync(join(root, 'samples', 'flowlogs-exfil-scenario.log.gz'), exfil);
  writeFileSync(join(root, 'test', 'fixtures', 'flowlogs', 'benign-twin.log.gz'), twin);
  console.log(
    `exfil sample ${exfil.length} bytes, benign twin ${twin.length} bytes; victim ${plan.injections[0]!.eni}`,
  );
}
