import { describe, expect, it } from 'vitest';
import { REGISTER_HEADER, registerCsv, registerRows } from '../../../incidents/exports/index.js';
import { dismissedIncident, notifiedBreach, PLANTED } from './scenario.js';

const asOf = '2026-11-26T08:00:00.000Z';

describe('registerRows', () => {
  it('lists every incident, notified or dismissed with its reason, oldest first', () => {
    // Prepare
    const breach = notifiedBreach().incident;
    const dismissed = dismissedIncident().incident;
    // Act
    const rows = registerRows([dismissed, breach], { tz: 'Europe/Berlin', asOf });
    // Assess
    expect(rows.map((r) => [r.incident_id, r.status, r.art33_state, r.dismissed_reason])).toEqual([
      [breach.id, 'closed', 'met', ''],
      [dismissed.id, 'dismissed', 'no-breach-confirmed', 'penetration test, ticket SEC-881'],
    ]);
    expect(rows[0]).toMatchObject({
      entity: 'bucket acme-customer-exports',
      aware_utc: '2026-11-20T06:00:00.000Z',
      aware_local: '2026-11-20T07:00:00+01:00',
      art33_deadline_utc: '2026-11-23T06:00:00.000Z',
      art33_deadline_local: '2026-11-23T07:00:00+01:00',
      authority_notified_utc: '2026-11-22T10:00:00.000Z',
      authorities: 'de-be',
      decision: 'notify-authority-and-subjects',
      risk_score: '4',
      data_subjects: 'notified via email',
      closed_local: '2026-11-25T10:00:00+01:00',
    });
  });

  it('filters by the day of first sight in the chosen zone', () => {
    const breach = notifiedBreach().incident; // 2026-11-20
    const dismissed = dismissedIncident().incident; // 2026-11-21T23:30Z = 2026-11-22 00:30 in Berlin
    const ids = (from: string, to: string, tz: string) =>
      registerRows([breach, dismissed], { from, to, tz, asOf }).map((r) => r.incident_id);
    expect(ids('2026-11-21', '2026-11-21', 'UTC')).toEqual([dismissed.id]);
    expect(ids('2026-11-21', '2026-11-21', 'Europe/Berlin')).toEqual([]);
    expect(ids('2026-11-20', '2026-11-22', 'Europe/Berlin')).toEqual([breach.id, dismissed.id]);
  });

  it('writes exact CSV with the header first and no planted value', () => {
    const rows = registerRows([dismissedIncident().incident], { tz: 'UTC', asOf });
    const csv = registerCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(REGISTER_HEADER.join(','));
    expect(csv.split('\r\n')[1]).toBe(
      `${rows[0]!.incident_id},dismissed,"GuardDuty Trojan:EC2/DNSDataExfiltration (high 8) on instance i-0a1b2c3d4e5f60718, seen 1×",` +
        'exfiltration,instance i-0a1b2c3d4e5f60718,8,1,2026-11-21T23:30:00.000Z,2026-11-21T23:30:00+00:00,,,,,' +
        'no-breach-confirmed,,,,,,,,"penetration test, ticket SEC-881",,',
    );
    expect(registerCsv(registerRows([notifiedBreach().incident], { tz: 'UTC', asOf }))).not.toContain(PLANTED);
  });

  it('refuses a malformed or inverted period, naming the option', () => {
    expect(() => registerRows([], { from: '20.11.2026', tz: 'UTC', asOf })).toThrow(
      '--from: expected a day as YYYY-MM-DD, got "20.11.2026"',
    );
    expect(() => registerRows([], { from: '2026-11-21', to: '2026-11-20', tz: 'UTC', asOf })).toThrow(
      '--from: 2026-11-21 is after --to 2026-11-20',
    );
    expect(() => registerRows([], { tz: 'Mars/Olympus', asOf })).not.toThrow(); // no rows, zone unused
  });
});
