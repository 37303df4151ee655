/**
 * Detection evaluation of the flow baselines on deterministic scenarios (`flows-scenarios.ts`): weeks of
 * benign traffic for dozens of ENIs with daily/weekly rhythm, backups, daily reports and deploy bursts
 * as hard negatives, and 9 injected exfiltrations (3 slow and low, 3 bursts, 3 to a new destination).
 * Targets: all detected, ≤ 1 false incident per 100 entity-weeks, bursts within one batch (10 min).
 */
import { evaluateScenario } from './flows-eval.js';

const SEEDS = (process.env.BENCH_FLOWS_SEEDS ?? '7,19').split(',').map(Number);

export async function run(): Promise<void> {
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const r = evaluateScenario({ seed, entities: 36, weeks: 4 });
    const s = (performance.now() - t0) / 1000;
    const detected = r.injections.filter((i) => i.detected);
    const entityWeeks = r.entities * r.weeks;
    console.log(
      `seed ${seed}: ${r.entities} ENIs x ${r.weeks} weeks, ${r.records} records, ${r.signals} signals, ${r.incidents} incidents (${s.toFixed(1)} s)`,
    );
    console.log(
      `  detection ${detected.length}/${r.injections.length}; false incidents ${r.falseIncidents} = ${((100 * r.falseIncidents) / entityWeeks).toFixed(2)} per 100 entity-weeks (target <= 1)`,
    );
    for (const kind of ['slow-and-low', 'burst', 'new-destination']) {
      const of = r.injections.filter((i) => i.kind === kind);
      const ttd = of.map((i) => (i.minutesToDetect === undefined ? 'missed' : `${i.minutesToDetect} min`));
      const rules = [...new Set(of.flatMap((i) => i.kinds))].join('+');
      console.log(`  ${kind.padEnd(16)} time to detect ${ttd.join(', ')} (by ${rules})`);
    }
    for (const f of r.falseSummaries) console.log(`  false: ${f}`);
  }
}
