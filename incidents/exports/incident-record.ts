import type { Signal } from '../../events/signal.js';
import type { Incident } from '../incident.js';
import type { Draft } from '../notifications/drafts.js';
import { assessRisk } from '../risk.js';
import type { TimelineEntry } from '../timeline.js';
import { type ChainReport, checkChain } from './chain.js';
import { type Art33Status, art33Status } from './deadline.js';
import type { EvidenceSummary } from './evidence-summary.js';
import { type ZonedTime, zoned } from './time.js';

/** What an export is built from: read from the store by the caller, nothing else. */
export interface ExportInput {
  incident: Incident;
  timeline: TimelineEntry[];
  signals: Signal[];
  drafts: Draft[];
  /** IANA zone shown beside UTC. */
  tz: string;
  /** When the export is made (ISO 8601 UTC); also the `asOf` of the 72-hour clock. */
  generatedAt: string;
}

/** A decision or act of the GDPR workflow with who, when and why. */
export interface DecisionRow {
  what: string;
  by: string;
  at: ZonedTime;
  detail: string;
}

/** An incident's complete record for auditors, in counts and types only: never raw personal data. */
export interface IncidentRecord {
  format: 'breachwatch-incident-record/1';
  generatedAt: ZonedTime;
  timeZone: string;
  incident: Omit<Incident, 'workflow' | 'firstSeen' | 'lastSeen' | 'openedAt' | 'updatedAt'> & {
    firstSeen: ZonedTime;
    lastSeen: ZonedTime;
    openedAt: ZonedTime;
    updatedAt: ZonedTime;
  };
  art33: Art33Status & { deadlineLocal?: string };
  risk: {
    method: string;
    score: number;
    band: string;
    suggestion: string;
    factors: { name: string; value: number; reason: string }[];
  };
  evidence: EvidenceSummary;
  signals: { id: string; source: string; category: string; severity: number; observedAt: ZonedTime; summary: string }[];
  decisions: DecisionRow[];
  /** Every stored version with its content, so what was submitted when stays readable (Art. 33(4)). */
  drafts: { kind: string; version: number; createdAt: ZonedTime; createdBy: string; note?: string; content: unknown }[];
  timeline: (Omit<TimelineEntry, 'at'> & { at: ZonedTime })[];
  chain: ChainReport;
}

/** Every act of the workflow in time order, each with its reason (EDPB 9/2022: reasoning, notified or not). */
export function decisionsOf(incident: Incident, tz: string): DecisionRow[] {
  const w = incident.workflow;
  const rows: Array<Omit<DecisionRow, 'at'> & { at: string }> = [];
  if (w.acknowledged) rows.push({ what: 'acknowledged', ...w.acknowledged, detail: '' });
  for (const e of w.escalations ?? [])
    rows.push({ what: `escalated (level ${e.level})`, by: e.by, at: e.at, detail: e.reason });
  if (w.awareness)
    rows.push({ what: 'breach confirmed (awareness, Art. 33 clock starts)', ...w.awareness, detail: '' });
  if (w.dismissal) rows.push({ what: 'dismissed', by: w.dismissal.by, at: w.dismissal.at, detail: w.dismissal.reason });
  if (w.decision) {
    const score = w.decision.riskScore === undefined ? '' : ` (risk score ${w.decision.riskScore})`;
    rows.push({
      what: `decided: ${w.decision.outcome}${score}`,
      by: w.decision.by,
      at: w.decision.at,
      detail: w.decision.reasoning,
    });
  }
  for (const n of w.authorityNotifications ?? []) {
    const ref = n.reference ? `reference ${n.reference}` : '';
    const delay = n.delayReason ? `delay: ${n.delayReason}` : '';
    rows.push({
      what: `authority ${n.authority} notified (phase ${n.phase})`,
      by: n.by,
      at: n.at,
      detail: [ref, delay].filter(Boolean).join('; '),
    });
  }
  if (w.subjects) {
    const s = w.subjects;
    rows.push(
      s.outcome === 'notified'
        ? { what: 'data subjects notified (Art. 34)', by: s.by, at: s.at, detail: `channel: ${s.channel}` }
        : { what: `data subjects not notified (${s.exemption})`, by: s.by, at: s.at, detail: s.justification },
    );
  }
  if (w.closed) rows.push({ what: 'closed', by: w.closed.by, at: w.closed.at, detail: w.closed.reason ?? '' });
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((r) => ({ ...r, at: zoned(r.at, tz) }));
}

/**
 * Builds the incident record every export format renders (Art. 33(5) documentation): summary, the 72-hour
 * clock, the ENISA assessment, evidence counts, decisions with reasons, drafts, timeline and chain check.
 * @example JSON.stringify(buildIncidentRecord({ incident, timeline, signals, drafts: [], tz: 'Europe/Berlin', generatedAt }))
 */
export function buildIncidentRecord(input: ExportInput): IncidentRecord {
  const { incident, timeline, signals, drafts, tz, generatedAt } = input;
  const { workflow: _w, firstSeen, lastSeen, openedAt, updatedAt, ...rest } = incident;
  const risk = assessRisk(incident, signals);
  const art33 = art33Status(incident, generatedAt);
  const factors = [
    { name: 'DPC (data processing context)', ...risk.dpc },
    { name: 'volume adjustment (in DPC)', ...risk.volume },
    { name: 'EI (ease of identification)', ...risk.ei },
    { name: 'CB confidentiality', ...risk.cb.confidentiality },
    { name: 'CB integrity', ...risk.cb.integrity },
    { name: 'CB availability', ...risk.cb.availability },
    { name: 'CB malicious intent', ...risk.cb.malicious },
  ];
  return {
    format: 'breachwatch-incident-record/1',
    generatedAt: zoned(generatedAt, tz),
    timeZone: tz,
    incident: {
      ...rest,
      firstSeen: zoned(firstSeen, tz),
      lastSeen: zoned(lastSeen, tz),
      openedAt: zoned(openedAt, tz),
      updatedAt: zoned(updatedAt, tz),
    },
    art33: { ...art33, ...(art33.deadline ? { deadlineLocal: zoned(art33.deadline, tz).local } : {}) },
    risk: { method: risk.method, score: risk.score, band: risk.band, suggestion: risk.suggestion, factors },
    evidence: risk.evidence,
    signals: signals.map((s) => ({
      id: s.id,
      source: s.source,
      category: s.category,
      severity: s.severity,
      observedAt: zoned(s.observedAt, tz),
      summary: s.summary,
    })),
    decisions: decisionsOf(incident, tz),
    drafts: drafts.map((d) => ({
      kind: d.kind,
      version: d.version,
      createdAt: zoned(d.createdAt, tz),
      createdBy: d.createdBy,
      ...(d.note ? { note: d.note } : {}),
      content: d.content,
    })),
    timeline: timeline.map((e) => ({ ...e, at: zoned(e.at, tz) })),
    chain: checkChain(incident, timeline),
  };
}
