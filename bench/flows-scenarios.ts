/**
 * Deterministic VPC flow log scenarios for the detection evaluation and the replay samples: weeks of
 * benign traffic with daily and weekly rhythm for dozens of ENIs (web servers answering clients, workers
 * calling APIs, databases with nightly S3 backups, batch hosts with a daily report upload, deploy bursts
 * at random times, the odd new SaaS peer), plus injected exfiltration: slow and low over hours to a known
 * peer, one large burst to a new address, and a moderate transfer to a new destination. Records follow
 * the real default v2 shape of `../shared/fixtures/flowlogs` (account, eni-…, ACCEPT OK, 60 s windows).
 */

import { prng } from './support.js';

export { prng };

export const Role = { WEB: 'web', WORKER: 'worker', DB: 'db', BATCH: 'batch' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** One simulated ENI. */
export interface SimEntity {
  eni: string;
  addr: string;
  role: Role;
  /** Peak egress bytes per 10-minute bucket. */
  peakBytes: number;
  peers: string[];
  /** Deploy bursts: bucket indexes (from scenario start) where egress runs 4–6× for 30 min. */
  deploys: Set<number>;
  /** Day → bucket of a first contact with a new SaaS peer (benign novelty). */
  newPeers: Map<number, { bucket: number; peer: string }>;
}

export const InjectionKind = { SLOW: 'slow-and-low', BURST: 'burst', NEW_DESTINATION: 'new-destination' } as const;
export type InjectionKind = (typeof InjectionKind)[keyof typeof InjectionKind];

/** An injected exfiltration: who, when (epoch s, bucket-aligned), how much per bucket, where to. */
export interface Injection {
  kind: InjectionKind;
  eni: string;
  startSec: number;
  endSec: number;
  bytesPerBucket: number;
  dest: string;
  port: number;
}

/** A planned scenario; lines are generated day by day from it. */
export interface ScenarioPlan {
  seed: number;
  startSec: number;
  days: number;
  bucketSeconds: number;
  entities: SimEntity[];
  injections: Injection[];
}

export interface ScenarioOptions {
  seed?: number;
  entities?: number;
  weeks?: number;
  /** Overrides `weeks` (injections then fall in the last 7 days, or the whole span if shorter). */
  days?: number;
  /** Monday 00:00 UTC; default 2026-03-02. */
  startSec?: number;
  /** Inject exfiltrations in the last week (default true): 3 of each kind for ≥ 9 entities. */
  inject?: boolean;
}

export const ACCOUNT = '123456789012';
const BUCKET = 600;
const PER_DAY = 86_400 / BUCKET;

function ip(r: () => number, first: number): string {
  return `${first}.${1 + Math.floor(r() * 250)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 250)}`;
}

/** Plans entities, their rhythm and hard negatives, and the injections. */
export function planScenario(options: ScenarioOptions = {}): ScenarioPlan {
  const seed = options.seed ?? 7;
  const r = prng(seed);
  const n = options.entities ?? 36;
  const days = options.days ?? 7 * (options.weeks ?? 4);
  const startSec = options.startSec ?? Date.UTC(2026, 2, 2) / 1000;
  const roles = [Role.WEB, Role.WORKER, Role.DB, Role.BATCH] as const;
  const entities: SimEntity[] = [];
  for (let i = 0; i < n; i++) {
    const role = roles[i % roles.length]!;
    const peers = Array.from({ length: 4 + Math.floor(r() * 12) }, () =>
      ip(r, [52, 35, 34, 151, 104][Math.floor(r() * 5)]!),
    );
    const deploys = new Set<number>();
    for (let d = 0; d < days; d++) if (r() < 0.3) deploys.add(d * PER_DAY + 54 + Math.floor(r() * 60));
    const newPeers = new Map<number, { bucket: number; peer: string }>();
    for (let d = 3; d < days; d++)
      if (r() < 0.25) newPeers.set(d, { bucket: 48 + Math.floor(r() * 80), peer: ip(r, 13) });
    entities.push({
      eni: `eni-0${(0x5a17c0de00 + i * 7919).toString(16).padStart(16, '0')}`,
      addr: `10.0.${Math.floor(i / 200)}.${10 + (i % 200)}`,
      role,
      peakBytes: (role === Role.WEB ? 40 : role === Role.WORKER ? 15 : 4) * 1e6 * (0.5 + r()),
      peers,
      deploys,
      newPeers,
    });
  }
  const injections: Injection[] = [];
  if (options.inject ?? true) {
    const lastWeek = startSec + Math.max(0, days - 7) * 86_400;
    const kinds = [InjectionKind.SLOW, InjectionKind.BURST, InjectionKind.NEW_DESTINATION] as const;
    for (let k = 0; k < 9 && k < n; k++) {
      const e = entities[(k * 4 + 1 + Math.floor(k / 3)) % n]!;
      const kind = kinds[k % 3]!;
      const day = 1 + ((k * 2) % 6);
      const start = lastWeek + day * 86_400 + (8 + ((k * 5) % 12)) * 3600;
      const hours = kind === InjectionKind.SLOW ? 8 : kind === InjectionKind.BURST ? 1 / 6 : 2;
      const typical = e.peakBytes * 0.6;
      injections.push({
        kind,
        eni: e.eni,
        startSec: start,
        endSec: start + hours * 3600,
        bytesPerBucket:
          kind === InjectionKind.SLOW ? Math.max(2 * typical, 6e6) : kind === InjectionKind.BURST ? 3.2e9 : 25e6,
        dest: kind === InjectionKind.SLOW ? e.peers[0]! : `203.0.113.${7 + k}`,
        port: 443,
      });
    }
  }
  return { seed, startSec, days, bucketSeconds: BUCKET, entities, injections };
}

/** Business-hours rhythm: 0.15 at night, 1 at 14:00 UTC; weekends at 35 %. */
function rhythm(sec: number): number {
  const hour = (sec % 86_400) / 3600;
  const dow = (Math.floor(sec / 86_400) + 3) % 7; // 0 = Monday
  const day = 0.15 + 0.85 * Math.max(0, Math.cos(((hour - 14) / 12) * Math.PI)) ** 2;
  return dow >= 5 ? day * 0.35 : day;
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function line(e: SimEntity, src: string, dst: string, sport: number, dport: number, bytes: number, t: number): string {
  const b = Math.max(40, Math.round(bytes));
  return `2 ${ACCOUNT} ${e.eni} ${src} ${dst} ${sport} ${dport} 6 ${Math.ceil(b / 1200)} ${b} ${t} ${t + 60} ACCEPT OK`;
}

/** The flow log lines of one day (0-based), in time order, with or without the injections. */
export function scenarioDay(plan: ScenarioPlan, day: number, withInjections = true): string[] {
  const out: { t: number; s: string }[] = [];
  const dayNoise = prng(plan.seed * 1000 + day);
  const dayFactor = plan.entities.map(() => Math.exp(0.15 * gauss(dayNoise)));
  for (let k = 0; k < PER_DAY; k++) {
    const bucketIndex = day * PER_DAY + k;
    const t0 = plan.startSec + bucketIndex * BUCKET;
    for (const [i, e] of plan.entities.entries()) {
      const r = prng((plan.seed << 20) ^ (i * 100_003 + bucketIndex));
      let bytes = e.peakBytes * rhythm(t0) * dayFactor[i]! * Math.exp(0.35 * gauss(r));
      if ([0, 1, 2].some((d) => e.deploys.has(bucketIndex - d))) bytes *= 4 + 2 * r();
      const t = t0 + Math.floor(r() * (BUCKET - 60));
      if (e.role === Role.WEB) {
        for (let c = 0; c < 4; c++)
          out.push({
            t,
            s: line(e, e.addr, ip(r, 81 + c), 443, 32768 + Math.floor(r() * 28000), (bytes * 0.7) / 4, t),
          });
        out.push({ t, s: line(e, ip(r, 81), e.addr, 32768 + Math.floor(r() * 28000), 443, bytes * 0.05, t) });
        bytes *= 0.3;
      }
      const flows = 2 + Math.floor(r() * 3);
      for (let f = 0; f < flows; f++) {
        const peer = e.peers[Math.floor(r() ** 2 * e.peers.length)]!;
        out.push({ t, s: line(e, e.addr, peer, 40000 + Math.floor(r() * 20000), 443, bytes / flows, t) });
      }
      if (e.role === Role.DB && k >= 12 && k < 15)
        out.push({ t, s: line(e, e.addr, '52.216.8.1', 45000 + k, 443, 1e9 * (0.8 + 0.4 * r()), t) });
      if (e.role === Role.BATCH && k === 36)
        out.push({ t, s: line(e, e.addr, e.peers[0]!, 47000, 443, 3e8 * (0.8 + 0.4 * r()), t) });
      const np = e.newPeers.get(day);
      if (np !== undefined && k >= np.bucket && k < np.bucket + 3)
        out.push({ t, s: line(e, e.addr, np.peer, 41000 + k, 443, 4e6 * r(), t) });
      if (!withInjections) continue;
      for (const inj of plan.injections) {
        if (inj.eni !== e.eni || t0 < inj.startSec || t0 >= inj.endSec) continue;
        const bytesNow = inj.bytesPerBucket * (0.8 + 0.4 * r());
        out.push({ t, s: line(e, e.addr, inj.dest, 50000 + k, inj.port, bytesNow, t) });
      }
    }
  }
  out.sort((a, b) => a.t - b.t);
  return out.map((o) => o.s);
}
