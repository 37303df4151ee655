import type { Signal } from '../../events/signal.js';
import type { EvidenceSummary } from '../exports/evidence-summary.js';
import type { Incident } from '../incident.js';
import type { RiskAssessment } from '../risk.js';
import { authoritiesToNotify, type DpoContact, type NotificationConfig, type SupervisoryAuthority } from './config.js';
import { type Draft, DraftKind, draftKind, firstDraft } from './drafts.js';
import { categoryText, fill, joinList, type Template, templateFor } from './templates.js';

/** What every draft is built from: the incident, its signals, the pre-filled risk and the configuration. */
export interface DraftInput {
  incident: Incident;
  signals: readonly Signal[];
  risk: RiskAssessment;
  config: NotificationConfig;
  /** When the draft is made (ISO 8601 UTC) and by whom. */
  at: string;
  by: string;
}

/** Art. 33(3) and (4) content of a notification to one supervisory authority; every field is editable. */
export interface AuthorityNotificationContent {
  language: string;
  authority: SupervisoryAuthority;
  /** Lead authority under Art. 56, or an authority concerned notified as well. */
  lead: boolean;
  /** Art. 33(4): which submission this is; information not yet available follows in later phases. */
  phase: number;
  controller: string;
  /** (a) nature of the breach. */
  nature: string;
  breachTypes: Array<'confidentiality' | 'integrity' | 'availability'>;
  occurred: { from: string; to: string };
  awareAt?: string;
  /** (a) categories and approximate number of data subjects and of records. */
  dataCategories: string[];
  art9: boolean;
  subjectCategories: string[];
  approxSubjects: { min: number; max: number };
  approxRecords: number;
  /** (b) the DPO or another contact point. */
  dpo: DpoContact;
  /** (c) likely consequences. */
  likelyConsequences: string;
  /** (d) measures taken or proposed, including to mitigate adverse effects. */
  measuresTaken: string[];
  measuresProposed: string[];
  /** Art. 33(1): past 72 h after awareness the reasons for the delay; empty means still to be written. */
  overdue: boolean;
  delayReason?: string;
  risk: { score: number; band: string; suggestion: string };
}

/** The Art. 33(3) points and the fields that answer them. */
export const ART33_3_FIELDS = {
  a: ['nature', 'dataCategories', 'subjectCategories', 'approxSubjects', 'approxRecords'],
  b: ['dpo'],
  c: ['likelyConsequences'],
  d: ['measuresTaken', 'measuresProposed'],
} as const satisfies Record<string, ReadonlyArray<keyof AuthorityNotificationContent>>;

const HOUR_MS = 3_600_000;

/** Human evidence line: types and counts only. */
export function evidenceLine(ev: EvidenceSummary): string {
  const sources = Object.entries(ev.bySource).map(([s, n]) => `${s} ${n}`);
  const types = ev.piiTypes.map((t) => `${t.type} ${t.distinct} distinct (${t.category})`);
  const parts = [`${ev.signals} signals (${sources.join(', ')})`];
  if (ev.findingTypes.length) parts.push(`GuardDuty ${ev.findingTypes.join(', ')}`);
  parts.push(types.length ? `${types.join(', ')}; ${ev.records} records` : 'no PII counts in the evidence yet');
  return parts.join('; ');
}

/** Category keys of the evidence, `unknown` when the evidence names none. */
export function evidenceCategories(ev: EvidenceSummary): string[] {
  return ev.categories.length ? ev.categories : ['unknown'];
}

function measures(list: readonly string[], entity: string): string[] {
  return list.map((m) => fill(m, { entity }));
}

/** The content for one authority; `phase` counts the submissions already made to it. */
function authorityContent(
  input: DraftInput,
  authority: SupervisoryAuthority,
  t: Template,
): AuthorityNotificationContent {
  const { incident, risk, config } = input;
  const ev = risk.evidence;
  const entity = `${incident.entity.type} ${incident.entity.id}`;
  const cb = risk.cb;
  const breachTypes = (['confidentiality', 'integrity', 'availability'] as const).filter((k) => cb[k].value > 0);
  const awareAt = incident.workflow.awareness?.at;
  const overdue = awareAt !== undefined && Date.parse(input.at) - Date.parse(awareAt) > 72 * HOUR_MS;
  const cats = evidenceCategories(ev);
  const previous = (incident.workflow.authorityNotifications ?? []).filter((n) => n.authority === authority.id);
  const typeNames = breachTypes.map((b) => t.authority.breachTypes[b]);
  return {
    language: t.language,
    authority,
    lead: authority.id === config.leadAuthority.id,
    phase: previous.length + 1,
    controller: config.controller,
    nature: fill(t.authority.nature, {
      breachTypes: joinList(typeNames.length ? typeNames : [t.authority.breachTypes.confidentiality], t.language),
      entity,
      sources: incident.sources.join(', '),
      from: incident.firstSeen,
      to: incident.lastSeen,
      awareAt: awareAt ?? '—',
      evidence: evidenceLine(ev),
    }),
    breachTypes: breachTypes.length ? [...breachTypes] : ['confidentiality'],
    occurred: { from: incident.firstSeen, to: incident.lastSeen },
    awareAt,
    dataCategories: cats.map((c) => categoryText(t, c, 'categories')),
    art9: ev.art9,
    subjectCategories: [t.authority.subjects],
    approxSubjects: ev.subjects,
    approxRecords: ev.records,
    dpo: config.dpo,
    likelyConsequences: fill(t.authority.consequences, {
      consequences: joinList(
        cats.map((c) => categoryText(t, c, 'consequences')),
        t.language,
      ),
      score: risk.score,
      band: risk.band,
    }),
    measuresTaken: measures(t.measures.taken, entity),
    measuresProposed: measures(t.measures.proposed, entity),
    overdue,
    ...(overdue ? { delayReason: '' } : {}),
    risk: { score: risk.score, band: risk.band, suggestion: risk.suggestion },
  };
}

/**
 * Pre-fills the Art. 33(3) notification for the lead authority (Art. 56 one-stop-shop) and, with `all`, for
 * each other authority concerned: one first-version draft each, in the template's language.
 * @example draftAuthorityNotifications(input).map((d) => d.kind) // ['authority-de-be']
 */
export function draftAuthorityNotifications(
  input: DraftInput,
  options: { all?: boolean; language?: string } = {},
): Draft<AuthorityNotificationContent>[] {
  const t = templateFor(options.language ?? 'en');
  return authoritiesToNotify(input.config, options.all).map((a) =>
    firstDraft(
      input.incident.id,
      draftKind(DraftKind.AUTHORITY, a.id),
      authorityContent(input, a, t),
      input.by,
      input.at,
    ),
  );
}

/** Art. 33(3) points a draft leaves empty, e.g. `['d: measuresTaken']`, plus a missing delay reason. */
export function missingArt33Fields(content: AuthorityNotificationContent): string[] {
  const empty = (v: unknown) =>
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.values(v).every((x) => x === '' || x === undefined));
  const out: string[] = [];
  for (const [point, fields] of Object.entries(ART33_3_FIELDS))
    for (const f of fields) if (empty(content[f])) out.push(`${point}: ${f}`);
  if (content.overdue && !content.delayReason?.trim()) out.push('33(1): delayReason');
  return out;
}
