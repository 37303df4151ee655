import { createHash } from 'node:crypto';
import type { EgressSample } from '../../events/egress-sample.js';

/**
 * Deterministic id of a sample: SHA-256 over its metadata (keys sorted) and body, so a redelivered
 * sample yields the same signal id and every write stays idempotent.
 */
export function egressSampleId(sample: EgressSample): string {
  const hash = createHash('sha256').update(canonical(sample.metadata)).update('\n').update(canonical(sample.body));
  return `egress-${hash.digest('hex').slice(0, 32)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
