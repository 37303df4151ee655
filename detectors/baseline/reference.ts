import { BINS_PER_OCTAVE, binOf, type EntityBaseline, emptyMoments, type Moments } from './state.js';

/** What a bucket is compared with: robust centre and spread in log2(1 + bytes), plus plain moments. */
export interface Reference {
  /** "Tue 14:00", "14:00 daily" or "overall". */
  label: string;
  n: number;
  median: number;
  spread: number;
  medianBytes: number;
  meanBytes: number;
  stdBytes: number;
}

/** How many buckets of these moments held at least `bytes`. */
export function countAtLeast(m: Moments | undefined, bytes: number): number {
  if (m === undefined) return 0;
  const from = binOf(bytes);
  let c = 0;
  for (const [bin, n] of Object.entries(m.hist)) if (Number(bin) >= from) c += n;
  return c;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Hour of week of an epoch second, 0 = Monday 00:00 UTC. */
export function hourOfWeek(sec: number): number {
  const hours = Math.floor(sec / 3600);
  return (hours + 72) % 168; // 1970-01-01 was a Thursday: +72 h moves Monday to 0
}

/** "Tue 14:00" for an hour of week. */
export function slotLabel(how: number): string {
  return `${DAYS[Math.floor(how / 24)]} ${String(how % 24).padStart(2, '0')}:00`;
}

/** Quantile of the histogram in log2 units (bin centre). */
function histQuantile(entries: readonly (readonly [number, number])[], total: number, q: number): number {
  let acc = 0;
  for (const [bin, c] of entries) {
    acc += c;
    if (acc >= q * total) return (bin + 0.5) / BINS_PER_OCTAVE;
  }
  const last = entries[entries.length - 1];
  return last === undefined ? 0 : (last[0] + 0.5) / BINS_PER_OCTAVE;
}

/** Robust summary of moments: median and 1.4826·MAD of log2 bytes from the histogram. */
export function summarize(m: Moments, label: string, minSpread: number): Reference {
  const entries = Object.entries(m.hist)
    .map(([b, c]) => [Number(b), c] as const)
    .filter(([, c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, c]) => s + c, 0);
  const median = histQuantile(entries, total, 0.5);
  const devs = entries
    .map(([b, c]) => [Math.abs((b + 0.5) / BINS_PER_OCTAVE - median), c] as const)
    .sort((a, b) => a[0] - b[0]);
  let acc = 0;
  let mad = 0;
  for (const [d, c] of devs) {
    acc += c;
    if (acc >= total / 2) {
      mad = d;
      break;
    }
  }
  const mean = m.n > 0 ? m.sum / m.n : 0;
  const variance = m.n > 1 ? Math.max(0, (m.sumSq - m.n * mean * mean) / (m.n - 1)) : 0;
  return {
    label,
    n: m.n,
    median,
    spread: Math.max(1.4826 * mad, minSpread),
    medianBytes: 2 ** median - 1,
    meanBytes: mean,
    stdBytes: Math.sqrt(variance),
  };
}

/** The moments of one hour of day: the sum of its seven hour-of-week slots. */
export function hourOfDayMoments(b: EntityBaseline, hour: number): Moments {
  const m = emptyMoments();
  for (let d = 0; d < 7; d++) {
    const s = b.slots[String(d * 24 + hour)];
    if (s === undefined) continue;
    m.n += s.n;
    m.sum += s.sum;
    m.sumSq += s.sumSq;
    for (const [bin, c] of Object.entries(s.hist)) m.hist[bin] = (m.hist[bin] ?? 0) + c;
  }
  return m;
}

/**
 * The reference for an hour of week: its own slot when it has `minSlot` buckets (weekly rhythm), else
 * the same hour on any day (daily rhythm), else all buckets; undefined when the entity has no history.
 */
export function referenceFor(
  b: EntityBaseline,
  how: number,
  minSlot: number,
  minSpread: number,
): Reference | undefined {
  const slot = b.slots[String(how)];
  if (slot !== undefined && slot.n >= minSlot) return summarize(slot, slotLabel(how), minSpread);
  const hod = hourOfDayMoments(b, how % 24);
  if (hod.n >= minSlot) return summarize(hod, `${String(how % 24).padStart(2, '0')}:00 daily`, minSpread);
  if (b.all.n > 0) return summarize(b.all, 'overall', minSpread);
  return undefined;
}
