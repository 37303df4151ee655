import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../../incidents/exports/index.js';
import { notifiedBreach } from './scenario.js';

describe('checkChain', () => {
  const s = notifiedBreach();

  it('finds any one-character change in any text field of any entry, and names that entry', () => {
    const fields = ['summary', 'actor', 'type', 'at'] as const;
    fc.assert(
      fc.property(
        fc.nat({ max: s.timeline.length - 1 }),
        fc.constantFrom(...fields),
        fc.nat(),
        fc.integer({ min: 32, max: 126 }),
        (seq, field, pos, code) => {
          const entry = s.timeline[seq]!;
          const value = entry[field];
          const at = pos % value.length;
          const changed = value.slice(0, at) + String.fromCharCode(code) + value.slice(at + 1);
          fc.pre(changed !== value);
          const tampered = s.timeline.map((e) => (e.seq === seq ? { ...e, [field]: changed } : e));
          const report = checkChain(s.incident, tampered);
          return !report.ok && report.atSeq === seq;
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('finds the removal of the last entries through the head kept on the incident', () => {
    const report = checkChain(s.incident, s.timeline.slice(0, -1));
    expect(report.ok).toBe(false);
    expect(report.message).toBe('chain broken at entry 7: chain ends before the head recorded on the incident');
  });
});
