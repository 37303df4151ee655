import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../events/signal.js';
import type { RecordOutcome, SignalSink } from '../../incidents/ingest.js';
import { ingestGuardDutyEvents } from '../../incidents/ingest-guardduty.js';
import { guardDutyEvent } from '../support/factories.js';

/** A sink that keeps what it is given; the DynamoDB store has its own integration tests. */
function memorySink(fail: (s: Signal) => boolean = () => false): SignalSink & { signals: Signal[] } {
  const signals: Signal[] = [];
  return {
    signals,
    async recordSignal(signal): Promise<RecordOutcome> {
      if (fail(signal)) throw new Error('throttled');
      signals.push(signal);
      return signal.opensIncident
        ? { outcome: 'opened', incidentId: `inc-${signals.length}`, incident: {} as never }
        : { outcome: 'recorded' };
    },
  };
}
const now = () => new Date('2026-11-20T03:00:00Z');

/** Garbles a valid event: deletes, retypes or replaces one field somewhere in it. */
const garbled = fc
  .tuple(fc.nat(), fc.constantFrom('delete', 'number', 'string', 'null', 'array'), fc.anything())
  .map(([pick, how, junk]) => {
    const event = guardDutyEvent() as unknown as Record<string, unknown>;
    const paths: Array<[Record<string, unknown>, string]> = [];
    const visit = (o: Record<string, unknown>) => {
      for (const k of Object.keys(o)) {
        paths.push([o, k]);
        const v = o[k];
        if (v && typeof v === 'object' && !Array.isArray(v)) visit(v as Record<string, unknown>);
      }
    };
    visit(event);
    const [owner, key] = paths[pick % paths.length]!;
    if (how === 'delete') delete owner[key];
    else owner[key] = { number: 42, string: 'x', null: null, array: [junk] }[how];
    return event;
  });

describe('ingestGuardDutyEvents', () => {
  it('reports one malformed event by finding id and reason and records the rest of the batch', async () => {
    const sink = memorySink();
    const bad = guardDutyEvent({ id: 'broken-finding', severity: 'high' });
    const { report } = await ingestGuardDutyEvents([guardDutyEvent({ id: 'a' }), bad, guardDutyEvent({ id: 'b' })], {
      sink,
      now,
    });
    expect(report.received).toBe(3);
    expect(report.invalid).toEqual([
      { ref: 'finding broken-finding', reason: 'detail.severity: Invalid input: expected number, received string' },
    ]);
    expect(sink.signals.map((s) => s.evidence.findingId)).toEqual(['a', 'b']);
    expect(report.opened).toHaveLength(2);
  });

  it('returns failed writes for retry without stopping the batch', async () => {
    const sink = memorySink((s) => s.evidence.findingId === 'a');
    const { failed, report } = await ingestGuardDutyEvents([guardDutyEvent({ id: 'a' }), guardDutyEvent({ id: 'b' })], {
      sink,
      now,
    });
    expect(failed).toEqual([{ ref: expect.stringContaining('guardduty:a:'), reason: 'Error' }]);
    expect(report.opened).toHaveLength(1);
  });

  it('never throws and never opens an incident for arbitrary values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.anything(), { maxLength: 5 }), async (events) => {
        const sink = memorySink();
        const { report } = await ingestGuardDutyEvents(events, { sink, now });
        expect(report.opened).toEqual([]);
        expect(report.invalid.length + sink.signals.length).toBe(events.length);
      }),
    );
  });

  it('either rejects a garbled event with a reason or records it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(garbled, async (event) => {
        const sink = memorySink();
        const { report } = await ingestGuardDutyEvents([event, guardDutyEvent({ id: 'valid' })], { sink, now });
        expect(report.invalid.length + sink.signals.length).toBe(2);
        expect(sink.signals.some((s) => s.evidence.findingId === 'valid')).toBe(true);
        for (const r of report.invalid) expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
