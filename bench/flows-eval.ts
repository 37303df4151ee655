import {
  analyzeFlowBatch,
  type BaselineConfigInput,
  type EntityBaseline,
  entityKey,
  FlowAggregator,
  mergeInto,
} from '../detectors/baseline/index.js';
import { parseFlowText } from '../events/flowlogs/index.js';
import type { Signal } from '../events/signal.js';
import { type Injection, planScenario, type ScenarioOptions, scenarioDay } from './flows-scenarios.js';

/** Incidents are signals that open one, joined per entity within this window (as correlation does). */
const CORRELATION_WINDOW_S = 6 * 3600;

/** One evaluation's figures. */
export interface EvalReport {
  entities: number;
  weeks: number;
  records: number;
  injections: { kind: string; eni: string; detected: boolean; minutesToDetect: number | undefined; kinds: string[] }[];
  incidents: number;
  falseIncidents: number;
  falseSummaries: string[];
  signals: number;
}

/** Runs a scenario day by day through parse → aggregate → analyze, merging deltas like the store would. */
export function evaluateScenario(options: ScenarioOptions = {}, config?: BaselineConfigInput): EvalReport {
  const plan = planScenario(options);
  const baselines = new Map<string, EntityBaseline>();
  const signals: Signal[] = [];
  let records = 0;
  for (let day = 0; day < plan.days; day++) {
    const text = Buffer.from(`${scenarioDay(plan, day).join('\n')}\n`);
    const agg = new FlowAggregator(plan.bucketSeconds);
    agg.noteParse(parseFlowText(text, {}, (s) => agg.add(s)));
    records += agg.stats.records;
    const now = new Date((plan.startSec + (day + 1) * 86_400) * 1000);
    const result = analyzeFlowBatch(agg, baselines, { now, batchId: `day-${day}`, ...(config ? { config } : {}) });
    for (const delta of result.baselineUpdates) {
      const key = entityKey(delta.entity);
      const stored = baselines.get(key);
      baselines.set(key, stored ? mergeInto(stored, delta) : delta);
    }
    signals.push(...result.signals);
  }
  const opening = signals.filter((s) => s.opensIncident).sort((a, b) => a.observedAt.localeCompare(b.observedAt));
  const incidents: Signal[][] = [];
  const lastOpen = new Map<string, { at: number; group: Signal[] }>();
  for (const s of opening) {
    const at = Date.parse(s.observedAt) / 1000;
    const prev = lastOpen.get(s.entity.id);
    if (prev !== undefined && at - prev.at <= CORRELATION_WINDOW_S) {
      prev.group.push(s);
      prev.at = at;
      continue;
    }
    const group = [s];
    incidents.push(group);
    lastOpen.set(s.entity.id, { at, group });
  }
  const matches = (inj: Injection, s: Signal) => {
    const at = Date.parse(s.observedAt) / 1000;
    return s.entity.id === inj.eni && at >= inj.startSec && at <= inj.endSec + 3600;
  };
  const injections = plan.injections.map((inj) => {
    const hits = opening.filter((s) => matches(inj, s));
    const first = hits[0];
    return {
      kind: inj.kind,
      eni: inj.eni,
      detected: first !== undefined,
      minutesToDetect: first === undefined ? undefined : (Date.parse(first.observedAt) / 1000 - inj.startSec) / 60,
      kinds: [...new Set(hits.map((s) => String(s.evidence.kind)))],
    };
  });
  const falseGroups = incidents.filter((g) => !g.some((s) => plan.injections.some((inj) => matches(inj, s))));
  return {
    entities: plan.entities.length,
    weeks: plan.days / 7,
    records,
    injections,
    incidents: incidents.length,
    falseIncidents: falseGroups.length,
    falseSummaries: falseGroups.slice(0, 5).map((g) => `${g[0]!.observedAt} ${g[0]!.summary}`),
    signals: signals.length,
  };
}
