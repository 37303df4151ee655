import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEntries, GENESIS_HASH, type TimelineEvent, verifyChain } from '../../incidents/timeline.js';

const event = (i: number): TimelineEvent => ({
  at: `2026-11-20T02:${String(i).padStart(2, '0')}:00.000Z`,
  type: 'signal-added',
  actor: 'breachwatch',
  summary: `signal ${i}`,
  data: { n: i },
});
const chain = (n: number) =>
  chainEntries(
    -1,
    GENESIS_HASH,
    Array.from({ length: n }, (_, i) => event(i)),
  );

describe('timeline hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries, entries[4]!.hash)).toEqual({ ok: true, entries: 5, head: entries[4]!.hash });
  });

  it('continues a chain across writes as if written at once', () => {
    const all = chain(4);
    const first = chainEntries(-1, GENESIS_HASH, [event(0), event(1)]);
    const rest = chainEntries(first[1]!.seq, first[1]!.hash, [event(2), event(3)]);
    expect([...first, ...rest]).toEqual(all);
  });

  it('catches an edited entry', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1]!, summary: 'nothing happened' };
    expect(verifyChain(entries)).toEqual({ ok: false, atSeq: 1, reason: 'content does not match its hash' });
  });

  it('catches a removed entry, a reordering and a truncated tail', () => {
    const entries = chain(4);
    expect(verifyChain([entries[0]!, entries[2]!, entries[3]!]).ok).toBe(false);
    expect(verifyChain([entries[0]!, entries[2]!, entries[1]!, entries[3]!]).ok).toBe(false);
    expect(verifyChain(entries.slice(0, 3), entries[3]!.hash)).toMatchObject({ ok: false, atSeq: 3 });
  });

  it('does not depend on key order after a round trip', () => {
    const entries = chain(2).map((e) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))));
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('breaks on any one-character change of any entry (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), fc.nat(), (n, pick, at) => {
        const entries = chain(n);
        const index = pick % n;
        const original = entries[index]!;
        const summary = original.summary;
        const pos = at % summary.length;
        const changed =
          summary.slice(0, pos) + String.fromCharCode(summary.charCodeAt(pos) ^ 1) + summary.slice(pos + 1);
        entries[index] = { ...original, summary: changed };
        return verifyChain(entries).ok === false;
      }),
    );
  });
});
