import { Category, type Entity, type Signal, SignalSource } from '../../events/signal.js';

/** The kinds of flow anomaly; with entity and bucket they make a signal's deterministic id. */
export const AnomalyKind = {
  VOLUME: 'volume',
  SUSTAINED: 'sustained',
  NEW_DESTINATION: 'new-destination',
  COLD_START: 'cold-start-volume',
  PORT_SCAN: 'port-scan',
} as const;
export type AnomalyKind = (typeof AnomalyKind)[keyof typeof AnomalyKind];

/** Bytes as people read them: "3.2 GB", "12 MB", "870 kB" (decimal units, like the AWS console). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
  let v = Math.max(0, bytes);
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** Deterministic signal id: a redelivered or replayed batch yields the same id. */
export function signalId(kind: AnomalyKind, entity: Entity, bucketStart: number): string {
  return `flowlogs:${kind}:${entity.type}:${entity.id}:${bucketStart}`;
}

/** Severity 0–10 from a score and the threshold that opens an incident: 5 at the threshold, 10 at 4×. */
export function severityOf(score: number, threshold: number): number {
  const r = Math.max(0, score) / threshold;
  const s = r >= 1 ? 5 + 2.5 * Math.log2(r) : 5 * r;
  return Math.round(Math.min(10, Math.max(0, s)) * 10) / 10;
}

/** What every flow signal needs; `build` fills the constant parts. */
export interface FlowSignalParts {
  kind: AnomalyKind;
  entity: Entity;
  bucketStart: number;
  score: number;
  threshold: number;
  opensIncident: boolean;
  summary: string;
  evidence: Record<string, unknown>;
}

/** Assembles a `Signal` (source `flowlogs`; `recon` for port scans, else `exfiltration`). */
export function buildFlowSignal(p: FlowSignalParts): Signal {
  const severity = severityOf(p.score, p.threshold);
  const reason = p.opensIncident
    ? `score ${p.score.toFixed(1)} at or above ${p.threshold}`
    : `score ${p.score.toFixed(1)} or volume below the incident threshold ${p.threshold}`;
  return {
    id: signalId(p.kind, p.entity, p.bucketStart),
    source: SignalSource.FLOWLOGS,
    entity: { type: p.entity.type, id: p.entity.id },
    category: p.kind === AnomalyKind.PORT_SCAN ? Category.RECON : Category.EXFILTRATION,
    severity,
    score: Math.round(p.score * 10) / 10,
    observedAt: new Date(p.bucketStart * 1000).toISOString(),
    opensIncident: p.opensIncident,
    reason,
    summary: p.summary,
    evidence: { kind: p.kind, bucketStart: new Date(p.bucketStart * 1000).toISOString(), ...p.evidence },
  };
}
