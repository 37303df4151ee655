import type { Incident } from '../incident.js';
import { type ChainVerdict, type TimelineEntry, verifyChain } from '../timeline.js';

/** A chain check with a sentence for people: which entry broke and why. */
export type ChainReport = ChainVerdict & { message: string };

/**
 * Verifies an incident's timeline against its hash chain and the head recorded on the incident, and says
 * which entry is wrong: an edited, removed or reordered entry breaks it (Art. 5(2) accountability).
 * @example checkChain(incident, timeline).message // 'chain intact: 7 entries, head 3f2a…'
 */
export function checkChain(incident: Incident, timeline: TimelineEntry[]): ChainReport {
  const verdict = verifyChain(timeline, incident.timelineHead);
  if (verdict.ok)
    return { ...verdict, message: `chain intact: ${verdict.entries} entries, head ${verdict.head.slice(0, 16)}…` };
  const entry = timeline[verdict.atSeq];
  const what = entry ? `entry ${verdict.atSeq} (${entry.type} at ${entry.at})` : `entry ${verdict.atSeq}`;
  return { ...verdict, message: `chain broken at ${what}: ${verdict.reason}` };
}
