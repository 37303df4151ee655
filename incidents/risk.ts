import { Category, type Signal } from '../events/signal.js';
import { type EvidenceSummary, summarizeEvidence } from './exports/evidence-summary.js';
import type { Incident } from './incident.js';
import type { Command } from './lifecycle.js';
import { NotificationDecision } from './workflow.js';

/** ENISA severity bands (2013 methodology): SE < 2 low, < 3 medium, < 4 high, ≥ 4 very high. */
export const RiskBand = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', VERY_HIGH: 'very-high' } as const;
export type RiskBand = (typeof RiskBand)[keyof typeof RiskBand];

/** One factor of the score with the evidence that set it, so the DPO can check and overrule it. */
export interface RiskFactor {
  value: number;
  reason: string;
}

/** A pre-filled ENISA assessment: SE = DPC × EI + CB, its band, and the suggested Art. 33/34 outcome. */
export interface RiskAssessment {
  method: 'ENISA 2013: SE = DPC × EI + CB';
  score: number;
  band: RiskBand;
  dpc: RiskFactor;
  /** The volume adjustment already included in `dpc.value`. */
  volume: RiskFactor;
  ei: RiskFactor;
  cb: { confidentiality: RiskFactor; integrity: RiskFactor; availability: RiskFactor; malicious: RiskFactor };
  suggestion: NotificationDecision;
  /** What the evidence did not show and was assumed: the DPO should check these before deciding. */
  assumptions: string[];
  /** Pre-filled reasoning for the `decide` command (EDPB Guidelines 9/2022 ask for it, notified or not). */
  reasoning: string;
  evidence: EvidenceSummary;
}

/** ENISA data processing context per data category: simple 1, behavioural 2, financial 3, sensitive 4. */
const DPC_BY_CATEGORY: Record<string, { value: number; label: string }> = {
  contact: { value: 1, label: 'simple data (contact details)' },
  'basic-identity': { value: 1, label: 'simple data (names, dates of birth)' },
  'online-identifier': { value: 1, label: 'simple data (online identifiers)' },
  credentials: { value: 2, label: 'credentials (account takeover, treated as behavioural)' },
  'national-identifier': { value: 3, label: 'national identifiers (identity theft, treated as financial)' },
  financial: { value: 3, label: 'financial data' },
  'special-category-art9': { value: 4, label: 'sensitive data (Art. 9 special category)' },
};

/** Ease of identification per PII type: 1 maximum (direct identifiers), 0.75 significant, 0.5 limited. */
const EI_BY_TYPE: Record<string, number> = {
  NATIONAL_ID: 1,
  UK_NINO: 1,
  US_SSN: 1,
  US_ITIN: 1,
  TAX_ID: 1,
  PASSPORT: 1,
  DRIVER_LICENSE: 1,
  HEALTH_ID: 1,
  EMAIL: 1,
  PERSON_NAME: 1,
  PHONE: 0.75,
  IBAN: 0.75,
  CREDIT_CARD: 0.75,
  BANK_ACCOUNT: 0.75,
  STREET_ADDRESS: 0.75,
  DATE_OF_BIRTH: 0.5,
  POSTCODE: 0.5,
  IP_ADDRESS: 0.5,
  MAC_ADDRESS: 0.5,
  CREDENTIAL: 0.5,
  CRYPTO_WALLET: 0.5,
  BANK_ROUTING: 0.25,
};
const EI_LABEL: Record<number, string> = { 1: 'maximum', 0.75: 'significant', 0.5: 'limited', 0.25: 'negligible' };

/** GuardDuty threat purposes that show intent to harm (ENISA: malicious intent, +0.5). */
// biome-ignore format: a word list
const MALICIOUS_PURPOSES = new Set([
  'AttackSequence', 'Backdoor', 'CredentialAccess', 'CryptoCurrency', 'DefenseEvasion', 'Execution', 'Exfiltration',
  'Impact', 'InitialAccess', 'Persistence', 'PrivilegeEscalation', 'Stealth', 'Trojan', 'UnauthorizedAccess',
]);

/** Volume above which the DPC is raised by one (large scale; EDPB 9/2022 names the number of subjects). */
export const LARGE_SCALE_SUBJECTS = 1000;

function dpcOf(ev: EvidenceSummary): { base: RiskFactor; volume: RiskFactor } {
  const known = ev.categories.filter((c) => DPC_BY_CATEGORY[c]);
  const top = known.map((c) => DPC_BY_CATEGORY[c]!).sort((a, b) => b.value - a.value)[0];
  const base: RiskFactor = top
    ? { value: ev.art9 ? 4 : top.value, reason: ev.art9 ? DPC_BY_CATEGORY['special-category-art9']!.label : top.label }
    : { value: 1, reason: 'no PII evidence on the signals: simple data assumed, raise it if the store holds more' };
  const n = ev.subjects.max;
  const volume: RiskFactor =
    n >= LARGE_SCALE_SUBJECTS && base.value < 4
      ? { value: 1, reason: `up to ${n} data subjects (≥ ${LARGE_SCALE_SUBJECTS}): DPC raised by 1` }
      : { value: 0, reason: n > 0 ? `up to ${n} data subjects: no adjustment` : 'no volume evidence: no adjustment' };
  return { base, volume };
}

function eiOf(ev: EvidenceSummary): RiskFactor {
  const ranked = ev.piiTypes
    .map((t) => ({ type: t.type, value: EI_BY_TYPE[t.type] ?? 0.5 }))
    .sort((a, b) => b.value - a.value);
  const top = ranked[0];
  if (!top) return { value: 0.5, reason: 'limited (assumed): no identifier types in the evidence' };
  const types = ranked.filter((r) => r.value === top.value).map((r) => r.type);
  return { value: top.value, reason: `${EI_LABEL[top.value] ?? top.value}: ${types.join(', ')} identify people` };
}

function purposeOf(findingType: string): string {
  return findingType.split(':', 1)[0] ?? '';
}

function cbOf(incident: Incident, ev: EvidenceSummary): RiskAssessment['cb'] {
  const impact = ev.findingTypes.filter((t) => purposeOf(t) === 'Impact');
  const confidentiality: RiskFactor =
    incident.category === Category.EXFILTRATION
      ? { value: 0.5, reason: 'exfiltration: data sent to recipients outside the organisation' }
      : incident.category === Category.RECON
        ? { value: 0, reason: 'reconnaissance only: no access to data shown' }
        : { value: 0.25, reason: `${incident.category}: data exposed to an unauthorised party, transfer not shown` };
  const integrity: RiskFactor = impact.length
    ? { value: 0.25, reason: `${impact.join(', ')}: data may have been altered, recoverable from backups` }
    : { value: 0, reason: 'no sign of altered data' };
  const availability: RiskFactor = impact.length
    ? { value: 0.25, reason: `${impact.join(', ')}: data may have been deleted or made unavailable` }
    : { value: 0, reason: 'no sign of lost access to data' };
  const hostile = ev.findingTypes.filter(
    (t) => MALICIOUS_PURPOSES.has(purposeOf(t)) || /Malicious|Tor(IPCaller|Client|Relay)/.test(t),
  );
  const malicious: RiskFactor = hostile.length
    ? { value: 0.5, reason: `GuardDuty threat finding ${hostile.join(', ')}` }
    : { value: 0, reason: 'no threat finding shows intent (anomalies and policy findings alone do not)' };
  return { confidentiality, integrity, availability, malicious };
}

/** The band of a severity score (ENISA 2013). */
export function riskBand(score: number): RiskBand {
  if (score >= 4) return RiskBand.VERY_HIGH;
  if (score >= 3) return RiskBand.HIGH;
  if (score >= 2) return RiskBand.MEDIUM;
  return RiskBand.LOW;
}

/** Art. 33(1): notify unless unlikely to result in a risk; Art. 34(1): tell subjects when the risk is high. */
export function suggestDecision(band: RiskBand): NotificationDecision {
  if (band === RiskBand.LOW) return NotificationDecision.REGISTER_ONLY;
  if (band === RiskBand.MEDIUM) return NotificationDecision.NOTIFY_AUTHORITY;
  return NotificationDecision.NOTIFY_AUTHORITY_AND_SUBJECTS;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Pre-fills an ENISA severity assessment from an incident's signals (Art. 33/34, EDPB Guidelines 9/2022 §§ on
 * risk): DPC from data categories and volume, EI from identifier types, CB from breach type and intent.
 * @see https://www.enisa.europa.eu/publications/dbn-severity
 * @example assessRisk(incident, signals).suggestion // 'notify-authority-and-subjects'
 */
export function assessRisk(incident: Incident, signals: readonly Signal[]): RiskAssessment {
  const evidence = summarizeEvidence(signals);
  const { base, volume } = dpcOf(evidence);
  const dpc: RiskFactor = { value: Math.min(4, base.value + volume.value), reason: base.reason };
  const ei = eiOf(evidence);
  const cb = cbOf(incident, evidence);
  const cbTotal = cb.confidentiality.value + cb.integrity.value + cb.availability.value + cb.malicious.value;
  const score = round2(dpc.value * ei.value + cbTotal);
  const band = riskBand(score);
  const suggestion = suggestDecision(band);
  const assumptions = [
    ...(evidence.piiTypes.length === 0
      ? ['no PII counts on the signals: data categories and identifiability assumed']
      : []),
    ...(evidence.subjects.max === 0 ? ['number of data subjects not established'] : []),
  ];
  const reasoning = [
    `ENISA severity ${score} (${band}) = DPC ${dpc.value} × EI ${ei.value} + CB ${round2(cbTotal)}.`,
    `DPC ${dpc.value}: ${dpc.reason}; volume: ${volume.reason}.`,
    `EI ${ei.value}: ${ei.reason}.`,
    `CB: confidentiality ${cb.confidentiality.value} (${cb.confidentiality.reason}); integrity ${cb.integrity.value} (${cb.integrity.reason}); availability ${cb.availability.value} (${cb.availability.reason}); malicious intent ${cb.malicious.value} (${cb.malicious.reason}).`,
    `Suggested: ${suggestion}.`,
    ...(assumptions.length ? [`Assumed, to check: ${assumptions.join('; ')}.`] : []),
  ].join(' ');
  return {
    method: 'ENISA 2013: SE = DPC × EI + CB',
    score,
    band,
    dpc,
    volume,
    ei,
    cb,
    suggestion,
    assumptions,
    reasoning,
    evidence,
  };
}

/**
 * The DPO's `decide` command pre-filled from an assessment (EDPB 9/2022: record the reasoning, notified or
 * not); the DPO may choose another outcome and edit the reasoning before it is applied with `applyCommand`.
 * @example applyCommand(incident, decisionCommand(assessRisk(incident, signals), 'dpo@acme.example'), now)
 */
export function decisionCommand(
  risk: RiskAssessment,
  actor: string,
  outcome: NotificationDecision = risk.suggestion,
  reasoning: string = risk.reasoning,
): Extract<Command, { action: 'decide' }> {
  return { action: 'decide', actor, outcome, reasoning, riskScore: risk.score };
}
