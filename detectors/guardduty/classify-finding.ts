import type { GuardDutyFinding } from '../../events/guardduty.js';
import { Category, type Entity, type Signal, SignalSource, severityBand } from '../../events/signal.js';
import { findingTypes } from './finding-types.js';

/** When a finding may open an incident. Severities are GuardDuty's 0–10 scale. */
export interface RelevanceConfig {
  /** Minimum severity that opens an incident (default 4.0, Medium). */
  minSeverity: number;
  /** Per-category minimum overriding `minSeverity` (default: exfiltration and data-store access from Low, 1.0). */
  minSeverityByCategory: Partial<Record<Category, number>>;
  /** Let sample findings (`service.additionalInfo.sample`) open incidents: demos only. */
  includeSamples: boolean;
  /** Let archived (suppressed) findings open incidents. */
  includeArchived: boolean;
}

/** The defaults of the issue: Medium and up, exfiltration and data-store access from Low. */
export const defaultRelevanceConfig: RelevanceConfig = {
  minSeverity: 4,
  minSeverityByCategory: { [Category.EXFILTRATION]: 1, [Category.DATA_STORE_ACCESS]: 1 },
  includeSamples: false,
  includeArchived: false,
};

const byType = new Map<string, Category>(findingTypes.map(([type, category]) => [type, category]));

/** ThreatPurpose prefix → category, for finding types newer than the table. */
const byPurpose: Record<string, Category> = {
  AttackSequence: Category.EXFILTRATION,
  Exfiltration: Category.EXFILTRATION,
  CredentialAccess: Category.CREDENTIAL_COMPROMISE,
  Stealth: Category.CREDENTIAL_COMPROMISE,
  Recon: Category.RECON,
  Discovery: Category.RECON,
  PenTest: Category.RECON,
};

/** Resource type → category, the last fallback for unknown purposes. */
const byResource: Record<string, Category> = {
  S3Bucket: Category.DATA_STORE_ACCESS,
  S3Object: Category.DATA_STORE_ACCESS,
  RDSDBInstance: Category.DATA_STORE_ACCESS,
  RDSLimitlessDB: Category.DATA_STORE_ACCESS,
  AccessKey: Category.CREDENTIAL_COMPROMISE,
};

/** The category of a finding: the catalogue, then its ThreatPurpose prefix, then its resource type. */
export function findingCategory(type: string, resourceType: string): { category: Category; from: string } {
  const known = byType.get(type);
  if (known) return { category: known, from: 'catalogue' };
  const purpose = type.split(':', 1)[0] ?? '';
  const byPrefix = byPurpose[purpose];
  if (byPrefix) return { category: byPrefix, from: `unknown type, ThreatPurpose ${purpose}` };
  return {
    category: byResource[resourceType] ?? Category.HOST_COMPROMISE,
    from: `unknown type, resource ${resourceType}`,
  };
}

/** The affected resource: the correlation key names it. Attack sequences without one fall back to the account. */
export function findingEntity(finding: GuardDutyFinding): Entity {
  const r = finding.resource;
  const bucket = r.s3BucketDetails?.find((b) => b.name)?.name;
  const candidates: Array<[string, string | undefined]> = [
    ['bucket', r.resourceType.startsWith('S3') ? bucket : undefined],
    ['db-instance', r.rdsDbInstanceDetails?.dbInstanceIdentifier],
    ['eks-cluster', r.eksClusterDetails?.name],
    ['lambda', r.lambdaDetails?.functionName],
    ['ecs-cluster', r.ecsClusterDetails?.name],
    ['access-key', r.resourceType === 'AccessKey' ? r.accessKeyDetails?.accessKeyId : undefined],
    ['instance', r.instanceDetails?.instanceId],
    ['access-key', r.accessKeyDetails?.accessKeyId],
    ['bucket', bucket],
  ];
  for (const [type, id] of candidates) if (id) return { type, id };
  return { type: 'account', id: finding.accountId };
}

function openingDecision(finding: GuardDutyFinding, category: Category, config: RelevanceConfig) {
  const sample = finding.service?.additionalInfo?.sample === true;
  const archived = finding.service?.archived === true;
  const min = config.minSeverityByCategory[category] ?? config.minSeverity;
  if (sample && !config.includeSamples) return { opens: false, reason: 'sample finding' };
  if (archived && !config.includeArchived) return { opens: false, reason: 'archived finding' };
  if (finding.severity < min)
    return { opens: false, reason: `severity ${finding.severity} below minimum ${min} for ${category}` };
  return { opens: true, reason: `${category}, severity ${finding.severity} ≥ ${min}` };
}

/**
 * Judges one GuardDuty finding for its relevance to personal data and returns its signal. Every finding
 * yields a signal (the register is complete); `opensIncident` says whether it may open an incident.
 * The signal id names the finding *version* (id, updatedAt, count): a redelivery yields the same id.
 * @example classifyFinding(event.detail, defaultRelevanceConfig).opensIncident
 */
export function classifyFinding(finding: GuardDutyFinding, config: RelevanceConfig = defaultRelevanceConfig): Signal {
  const { category, from } = findingCategory(finding.type, finding.resource.resourceType);
  const entity = findingEntity(finding);
  const count = finding.service?.count ?? 1;
  const { opens, reason } = openingDecision(finding, category, config);
  return {
    id: `guardduty:${finding.id}:${finding.updatedAt}:${count}`,
    source: SignalSource.GUARDDUTY,
    entity,
    category,
    severity: finding.severity,
    score: finding.severity,
    observedAt: finding.updatedAt,
    opensIncident: opens,
    reason,
    summary: `GuardDuty ${finding.type} (${severityBand(finding.severity)} ${finding.severity}) on ${entity.type} ${entity.id}, seen ${count}×`,
    findingKey: `guardduty:${finding.id}`,
    evidence: {
      findingId: finding.id,
      findingType: finding.type,
      categoryFrom: from,
      accountId: finding.accountId,
      region: finding.region,
      resourceType: finding.resource.resourceType,
      count,
      sample: finding.service?.additionalInfo?.sample === true,
      archived: finding.service?.archived === true,
    },
  };
}
