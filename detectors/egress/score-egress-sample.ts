import type { EgressSample } from '../../events/egress-sample.js';
import { Category, type Entity, type Signal, SignalSource } from '../../events/signal.js';
import { type DataCategory, type PiiSummary, type PiiType, TYPE_CATEGORY } from '../pii/index.js';
import { type AllowRule, compileAllowlist, destinationKey } from './destination.js';
import { egressSampleId } from './sample-id.js';

/** Egress scoring configuration: which destinations may receive which PII types. */
export interface EgressScoringConfig {
  allowlist: readonly AllowRule[];
  /** Severity from which a sample opens an incident on its own (default 4, GuardDuty's Medium band). */
  minSeverityToOpen?: number;
}

/** Weight of each category in the severity; Art. 9 data weighs most (GDPR Art. 9, EDPB 9/2022 §2.5). */
export const CATEGORY_WEIGHT: Readonly<Record<DataCategory, number>> = {
  'special-category-art9': 4,
  credentials: 3.5,
  'national-identifier': 3,
  financial: 3,
  'basic-identity': 1.5,
  contact: 1.5,
  'online-identifier': 0.5,
};
/** Added when the destination was never seen before. */
export const NOVELTY_WEIGHT = 2;

/** The entity a sample is about: its instance, else its ENI, else its principal. */
export function egressEntity(sample: EgressSample): Entity {
  const s = sample.metadata.source;
  if (s.instanceId) return { type: 'instance', id: s.instanceId };
  if (s.eniId) return { type: 'eni', id: s.eniId };
  return { type: 'principal', id: s.principal ?? 'unknown' };
}

/**
 * Turns a scanned egress sample into a Signal, or null when it carried no personal data. Severity grows
 * with distinct subjects (fingerprints), sensitivity (Art. 9, credentials, national ids, financial) and
 * destination novelty; it opens an incident only when a PII type goes where the allowlist does not allow it.
 * Evidence holds types, counts, categories and jurisdictions, never values.
 * @example scoreEgressSample(sample, summarizeDetections(report.detections), { allowlist: [] }, new Set())
 */
export function scoreEgressSample(
  sample: EgressSample,
  summary: PiiSummary,
  config: EgressScoringConfig,
  knownDestinations: ReadonlySet<string>,
  extra: { bodyBytes?: number; decodeLimits?: number } = {},
): Signal | null {
  const types = Object.keys(summary.byType) as PiiType[];
  if (types.length === 0) return null;
  const { destination } = sample.metadata;
  const allowed = compileAllowlist(config.allowlist)(destination.host, destination.ip, destination.port);
  const disallowed = allowed === '*' ? [] : types.filter((t) => !allowed.has(t)).sort();
  const counted = disallowed.length > 0 ? disallowed : types;
  const distinct = counted.reduce((n, t) => n + (summary.byType[t]?.distinct ?? 0), 0);
  const categories = [...new Set(counted.map((t) => TYPE_CATEGORY[t]))];
  const sensitivity = Math.max(...categories.map((c) => CATEGORY_WEIGHT[c]));
  const subjects = Math.min(3, 2 * Math.log10(1 + distinct));
  const breadth = Math.min(1.5, 0.5 * (categories.length - 1));
  const key = destinationKey(destination);
  const novel = !knownDestinations.has(key);
  let severity = sensitivity + subjects + breadth + (novel ? NOVELTY_WEIGHT : 0);
  if (categories.includes('special-category-art9')) severity = Math.max(severity, 7);
  severity = Math.round(Math.min(10, severity) * 10) / 10;
  const min = config.minSeverityToOpen ?? 4;
  const opensIncident = disallowed.length > 0 && severity >= min;
  const reason =
    disallowed.length === 0
      ? `all PII types found are allowed for ${key}`
      : severity < min
        ? `severity ${severity} below minimum ${min}`
        : `${disallowed.join(', ')} not allowed for ${key}${novel ? ' (new destination)' : ''}`;
  return {
    id: egressSampleId(sample),
    source: SignalSource.EGRESS,
    entity: egressEntity(sample),
    category: Category.EXFILTRATION,
    severity,
    score: distinct,
    observedAt: sample.metadata.capturedAt,
    opensIncident,
    reason,
    summary: `${sample.metadata.direction} sample to ${key} carried ${distinct} distinct value(s) of ${counted.join(', ')} (${categories.sort().join(', ')})`,
    evidence: {
      pii: summary,
      disallowedTypes: disallowed,
      allowedTypes: types.filter((t) => !disallowed.includes(t)).sort(),
      destination: { host: destination.host, ip: destination.ip, port: destination.port },
      novelDestination: novel,
      direction: sample.metadata.direction,
      contentType: sample.metadata.contentType,
      egressBytes: extra.bodyBytes ?? 0,
      decodeLimits: extra.decodeLimits ?? 0,
    },
  };
}
