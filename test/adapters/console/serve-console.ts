import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleEndpoints } from '../../../adapters/console/index.js';
import type { IncidentStore } from '../../../adapters/incident-store.js';
import { serveHttp } from '../../../local/http-server.js';
import { signal } from '../../support/factories.js';

/** The console over a store on a free loopback port; `stop` closes it. */
export async function serveConsole(
  store: IncidentStore,
  deps: Omit<Parameters<typeof consoleEndpoints>[0], 'store'> = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = await serveHttp(consoleEndpoints({ store, ...deps }), 0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

/** Opens one incident per bucket through the real store; returns their ids in the order given. */
export async function seedIncidents(
  store: IncidentStore,
  now: Date,
  specs: { bucket: string; severity?: number; summary?: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const outcome = await store.recordSignal(
      signal({
        id: `guardduty:seed-${i}:2026-11-20T02:14:07.000Z:1`,
        findingKey: `guardduty:seed-${i}`,
        entity: { type: 'bucket', id: spec.bucket },
        severity: spec.severity ?? 8,
        score: spec.severity ?? 8,
        summary:
          spec.summary ??
          `GuardDuty Exfiltration:S3/MaliciousIPCaller (high ${spec.severity ?? 8}) on bucket ${spec.bucket}, seen 1×`,
        evidence: { findingType: 'Exfiltration:S3/MaliciousIPCaller', count: 1 },
      }),
      now,
    );
    if (outcome.outcome !== 'opened')
      throw new Error(`seeding ${spec.bucket}: expected opened, got ${outcome.outcome}`);
    ids.push(outcome.incidentId);
  }
  return ids;
}
