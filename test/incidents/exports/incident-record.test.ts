import { describe, expect, it } from 'vitest';
import {
  art33Status,
  buildIncidentRecord,
  checkChain,
  csvField,
  incidentCsv,
} from '../../../incidents/exports/index.js';
import { applyCommand } from '../../../incidents/lifecycle.js';
import { notifiedBreach, PLANTED, run } from './scenario.js';

const GENERATED = '2026-11-26T08:00:00.000Z';

describe('buildIncidentRecord', () => {
  it('records the 72-hour clock, decisions with reasons and times in UTC and the chosen zone', () => {
    // Prepare
    const s = notifiedBreach();
    // Act
    const record = buildIncidentRecord({ ...s, tz: 'Europe/Berlin', generatedAt: GENERATED });
    // Assess
    expect(record.generatedAt).toEqual({ utc: GENERATED, local: '2026-11-26T09:00:00+01:00' });
    expect(record.incident.firstSeen).toEqual({ utc: '2026-11-20T02:14:07.000Z', local: '2026-11-20T03:14:07+01:00' });
    expect(record.art33).toEqual({
      state: 'met',
      awareAt: '2026-11-20T06:00:00.000Z',
      deadline: '2026-11-23T06:00:00.000Z',
      deadlineLocal: '2026-11-23T07:00:00+01:00',
      firstNotifiedAt: '2026-11-22T10:00:00.000Z',
      hoursToNotify: 52,
      delayReason: undefined,
      summary: 'deadline met: de-be notified 52 h after awareness',
    });
    expect(record.decisions.map((d) => [d.at.local, d.what, d.by])).toEqual([
      ['2026-11-20T03:40:00+01:00', 'acknowledged', 'oncall@acme.example'],
      ['2026-11-20T07:00:00+01:00', 'breach confirmed (awareness, Art. 33 clock starts)', 'dpo@acme.example'],
      ['2026-11-20T08:00:00+01:00', 'decided: notify-authority-and-subjects (risk score 4)', 'dpo@acme.example'],
      ['2026-11-22T11:00:00+01:00', 'authority de-be notified (phase 1)', 'dpo@acme.example'],
      ['2026-11-22T13:00:00+01:00', 'data subjects notified (Art. 34)', 'dpo@acme.example'],
      ['2026-11-25T10:00:00+01:00', 'closed', 'dpo@acme.example'],
    ]);
    expect(record.decisions[2]!.detail).toMatch(/^ENISA severity 4 \(very-high\)/);
    expect(record.risk.factors).toHaveLength(7);
    expect(record.evidence.piiTypes.map((t) => [t.type, t.distinct])).toEqual([
      ['IBAN', 120],
      ['EMAIL', 118],
    ]);
    expect(record.timeline).toHaveLength(8);
    expect(record.chain).toMatchObject({ ok: true, entries: 8 });
    expect(record.drafts[0]!.content).toEqual(s.drafts[0]!.content);
    expect(record.drafts.map(({ content: _, ...meta }) => meta)).toEqual([
      {
        kind: 'authority-de-be',
        version: 1,
        createdAt: { utc: '2026-11-22T09:00:00.000Z', local: '2026-11-22T10:00:00+01:00' },
        createdBy: 'dpo@acme.example',
        note: 'pre-filled from the evidence',
      },
    ]);
  });

  it('never carries a raw value planted in the evidence into JSON or CSV', () => {
    const record = buildIncidentRecord({ ...notifiedBreach(), tz: 'UTC', generatedAt: GENERATED });
    expect(JSON.stringify(record)).not.toContain(PLANTED);
    expect(JSON.stringify(record)).not.toContain('max.mustermann');
    expect(incidentCsv(record)).not.toContain('mustermann');
  });

  it('writes the timeline as exact RFC 4180 CSV', () => {
    const s = notifiedBreach();
    const record = buildIncidentRecord({ ...s, tz: 'Europe/Berlin', generatedAt: GENERATED });
    const lines = incidentCsv(record).split('\r\n');
    const [first, second] = s.timeline;
    expect(lines[0]).toBe('incident_id,seq,at_utc,at_local,type,actor,summary,prev_hash,hash');
    expect(lines[1]).toBe(
      `${s.incident.id},0,2026-11-20T02:15:00.000Z,2026-11-20T03:15:00+01:00,opened,breachwatch,` +
        `"GuardDuty Exfiltration:S3/MaliciousIPCaller (high 8) on bucket acme-customer-exports, seen 1×",${'0'.repeat(64)},${first!.hash}`,
    );
    expect(lines[2]).toBe(
      `${s.incident.id},1,2026-11-20T02:31:00.000Z,2026-11-20T03:31:00+01:00,signal-added,breachwatch,` +
        `"egress sample from bucket acme-customer-exports carried IBAN ×130, EMAIL ×118",${first!.hash},${second!.hash}`,
    );
    expect(lines[4]).toContain(',confirm-breach,dpo@acme.example,acknowledged → breach-confirmed by dpo@acme.example,');
    expect(lines).toHaveLength(10); // header, 8 entries, trailing empty after the final CRLF
    expect(lines[9]).toBe('');
  });

  it('quotes and defuses CSV fields', () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });
});

describe('art33Status', () => {
  it('says missed, with the reason for the delay, when the first notification came after 72 h', () => {
    const s = notifiedBreach();
    const late = run(
      {
        incident: { ...s.incident, workflow: { awareness: s.incident.workflow.awareness }, status: 'breach-confirmed' },
        timeline: [],
      },
      [
        [
          '2026-11-23T14:00:00.000Z',
          { action: 'notify-authority', actor: 'dpo', authority: 'de-be', delayReason: 'forensics' },
        ],
      ],
    );
    expect(art33Status(late.incident, GENERATED)).toMatchObject({
      state: 'missed',
      hoursToNotify: 80,
      delayReason: 'forensics',
    });
  });

  it('is pending, then overdue, without a notification, and not required after a register-only decision', () => {
    const s = notifiedBreach();
    const confirmed = {
      ...s.incident,
      status: 'breach-confirmed' as const,
      workflow: { awareness: s.incident.workflow.awareness },
    };
    expect(art33Status(confirmed, '2026-11-22T00:00:00.000Z').state).toBe('pending');
    expect(art33Status(confirmed, '2026-11-23T06:00:01.000Z').state).toBe('overdue');
    const decided = applyCommand(
      confirmed,
      { action: 'decide', actor: 'dpo', outcome: 'register-only', reasoning: 'encrypted' },
      '2026-11-20T08:00:00.000Z',
    )!;
    expect(art33Status(decided.incident, GENERATED)).toMatchObject({ state: 'not-required' });
    expect(art33Status({ ...confirmed, workflow: {} }, GENERATED).state).toBe('no-breach-confirmed');
  });
});

describe('checkChain', () => {
  it('names the entry that was edited', () => {
    const s = notifiedBreach();
    const edited = s.timeline.map((e) => (e.seq === 3 ? { ...e, summary: 'nothing happened' } : e));
    expect(checkChain(s.incident, edited).message).toBe(
      'chain broken at entry 3 (confirm-breach at 2026-11-20T06:00:00.000Z): content does not match its hash',
    );
  });
});
