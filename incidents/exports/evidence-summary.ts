import { type DataCategory, TYPE_CATEGORY } from '../../detectors/pii/summary.js';
import type { PiiType } from '../../detectors/pii/types.js';
import type { Signal } from '../../events/signal.js';

/** Per PII type over an incident's signals: counts only, never a value. */
export interface PiiTypeCount {
  type: string;
  category: string;
  detections: number;
  /** Distinct fingerprints, summed over signals (an upper bound: one value may recur across samples). */
  distinct: number;
  validated: number;
  jurisdictions: string[];
}

/**
 * What the evidence on an incident's signals says, in counts and types only: the basis of Art. 33(3)(a)
 * ("categories and approximate number of data subjects and records") and of the ENISA risk factors.
 */
export interface EvidenceSummary {
  signals: number;
  bySource: Record<string, number>;
  findingTypes: string[];
  piiTypes: PiiTypeCount[];
  categories: string[];
  art9: boolean;
  jurisdictions: string[];
  /** Detections (records) over all PII signals. */
  records: number;
  /** Approximate data subjects: at least the largest one sample shows, at most the sum over samples. */
  subjects: { min: number; max: number };
  /** Bytes sent out, where flow or egress evidence gives them. */
  egressBytes: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && /^[\w .:/-]{1,64}$/.test(s)) : [];

/** The PII part of a signal's evidence: `evidence.pii`, or the evidence itself when it has `byType`. */
function piiOf(evidence: Record<string, unknown>): Record<string, unknown> | undefined {
  const nested = obj(evidence.pii);
  if (nested && obj(nested.byType)) return nested;
  return obj(evidence.byType) ? evidence : undefined;
}

function categoryOf(type: string, given: unknown): string {
  if (typeof given === 'string' && /^[a-z0-9-]{1,40}$/.test(given)) return given;
  return (TYPE_CATEGORY as Record<string, DataCategory | undefined>)[type as PiiType] ?? 'other';
}

/**
 * Summarizes the evidence of signals, tolerant of missing fields: a PII summary (`byType` of counts, as
 * `summarizeDetections` yields) under `evidence.pii` or at the top, GuardDuty finding types, egress bytes.
 * Only known numeric and enumerated fields are read, so no raw value can pass through.
 * @example summarizeEvidence(signals).subjects.max
 */
export function summarizeEvidence(signals: readonly Signal[]): EvidenceSummary {
  const types = new Map<string, PiiTypeCount>();
  const bySource: Record<string, number> = {};
  const findingTypes = new Set<string>();
  const categories = new Set<string>();
  let art9 = false;
  let records = 0;
  let subjectsMin = 0;
  let subjectsMax = 0;
  let egressBytes = 0;
  for (const s of signals) {
    bySource[s.source] = (bySource[s.source] ?? 0) + 1;
    const ev = s.evidence ?? {};
    if (typeof ev.findingType === 'string' && /^[\w:/.&!-]{1,128}$/.test(ev.findingType))
      findingTypes.add(ev.findingType);
    egressBytes += num(ev.egressBytes) || num(ev.bytes);
    const pii = piiOf(ev);
    if (!pii) continue;
    let perSignalSubjects = 0;
    for (const [type, raw] of Object.entries(obj(pii.byType) ?? {})) {
      if (!/^[A-Z][A-Z0-9_]{1,40}$/.test(type)) continue;
      const t = obj(raw) ?? { detections: raw };
      const entry = types.get(type) ?? {
        type,
        category: categoryOf(type, t.category),
        detections: 0,
        distinct: 0,
        validated: 0,
        jurisdictions: [],
      };
      const detections = num(t.detections) || num(t.count);
      const distinct = num(t.distinct) || detections;
      entry.detections += detections;
      entry.distinct += distinct;
      entry.validated += num(t.validated);
      entry.jurisdictions = [...new Set([...entry.jurisdictions, ...strings(t.jurisdictions)])].sort();
      types.set(type, entry);
      categories.add(entry.category);
      records += detections;
      perSignalSubjects = Math.max(perSignalSubjects, distinct);
    }
    for (const c of strings(pii.categories)) categories.add(c);
    if (pii.art9 === true) art9 = true;
    subjectsMin = Math.max(subjectsMin, perSignalSubjects);
    subjectsMax += perSignalSubjects;
  }
  const piiTypes = [...types.values()].sort((a, b) => b.distinct - a.distinct || a.type.localeCompare(b.type));
  if (categories.has('special-category-art9')) art9 = true;
  return {
    signals: signals.length,
    bySource,
    findingTypes: [...findingTypes].sort(),
    piiTypes,
    categories: [...categories].sort(),
    art9,
    jurisdictions: [...new Set(piiTypes.flatMap((t) => t.jurisdictions))].sort(),
    records,
    subjects: { min: subjectsMin, max: subjectsMax },
    egressBytes,
  };
}
