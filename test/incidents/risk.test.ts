import { describe, expect, it } from 'vitest';
import { summarizeDetections } from '../../detectors/pii/summary.js';
import type { Detection } from '../../detectors/pii/types.js';
import { openIncident } from '../../incidents/correlate.js';
import { applyCommand } from '../../incidents/lifecycle.js';
import { assessRisk, decisionCommand, riskBand, suggestDecision } from '../../incidents/risk.js';
import { signal } from '../support/factories.js';

/** Egress evidence as the PII detector summarizes a sample (`summarizeDetections`), under `evidence.pii`. */
const egress = (byType: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  signal({
    id: `egress:${Object.keys(byType).join('-')}`,
    source: 'egress',
    severity: 7,
    summary: 'egress sample to 203.0.113.9:443 carried PII',
    findingKey: undefined,
    evidence: { pii: { byType, ...extra }, bytes: 48_213 },
  });

const type = (category: string, distinct: number, detections = distinct) => ({
  detections,
  distinct,
  validated: distinct,
  category,
  jurisdictions: [],
});

describe('assessRisk', () => {
  it('scores a GuardDuty S3 exfiltration of IBANs and e-mails as very high and suggests telling subjects', () => {
    // Prepare
    const gd = signal({ evidence: { findingType: 'Exfiltration:S3/MaliciousIPCaller' } });
    const pii = egress({ IBAN: type('financial', 120, 130), EMAIL: type('contact', 118) });
    const { incident } = openIncident(gd, '2026-11-20T02:15:00.000Z');
    // Act
    const risk = assessRisk(incident, [gd, pii]);
    // Assess: DPC 3 (financial) × EI 1 (e-mail) + CB 0.5 + 0.5 = 4
    expect(risk.dpc).toEqual({ value: 3, reason: 'financial data' });
    expect(risk.ei.value).toBe(1);
    expect(risk.ei.reason).toContain('EMAIL');
    expect(risk.cb.confidentiality.value).toBe(0.5);
    expect(risk.cb.malicious).toEqual({
      value: 0.5,
      reason: 'GuardDuty threat finding Exfiltration:S3/MaliciousIPCaller',
    });
    expect(risk.score).toBe(4);
    expect(risk.band).toBe('very-high');
    expect(risk.suggestion).toBe('notify-authority-and-subjects');
    expect(risk.evidence.subjects).toEqual({ min: 120, max: 120 });
    expect(risk.evidence.records).toBe(248);
    expect(risk.reasoning).toMatch(/^ENISA severity 4 \(very-high\) = DPC 3 × EI 1 \+ CB 1\./);
  });

  it('treats Art. 9 health identifiers as sensitive data (DPC 4)', () => {
    const pii = egress({ HEALTH_ID: type('special-category-art9', 12) }, { art9: true });
    const { incident } = openIncident(pii, '2026-11-20T02:15:00.000Z');
    const risk = assessRisk(incident, [pii]);
    expect(risk.dpc.value).toBe(4);
    expect(risk.dpc.reason).toContain('Art. 9');
    expect(risk.score).toBe(4.5); // 4 × 1 + 0.5 confidentiality, no malicious finding
    expect(risk.cb.malicious.value).toBe(0);
  });

  it('raises the DPC by one for large-scale breaches of simple data', () => {
    const pii = egress({ IP_ADDRESS: type('online-identifier', 25_000) });
    const { incident } = openIncident(pii, '2026-11-20T02:15:00.000Z');
    const risk = assessRisk(incident, [pii]);
    expect(risk.volume.value).toBe(1);
    expect(risk.dpc.value).toBe(2);
    expect(risk.ei).toEqual({ value: 0.5, reason: 'limited: IP_ADDRESS identify people' });
    expect(risk.score).toBe(1.5);
    expect(risk.band).toBe('low');
    expect(risk.suggestion).toBe('register-only');
  });

  it('suggests the authority only for a data-store access with contact data and no threat finding', () => {
    const gd = signal({
      category: 'data-store-access',
      evidence: { findingType: 'Policy:S3/BucketPublicAccessGranted' },
    });
    const pii = egress({ EMAIL: type('contact', 40), PHONE: type('contact', 38) });
    const { incident } = openIncident(gd, '2026-11-20T02:15:00.000Z');
    const risk = assessRisk(incident, [gd, { ...pii, category: 'data-store-access' }]);
    expect(risk.score).toBe(1.25); // 1 × 1 + 0.25
    expect(riskBand(2)).toBe('medium');
    expect(risk.cb.malicious.value).toBe(0);
    expect(risk.suggestion).toBe('register-only');
  });

  it('is tolerant of signals without PII evidence and says what it assumed', () => {
    const gd = signal({ evidence: {} });
    const { incident } = openIncident(gd, '2026-11-20T02:15:00.000Z');
    const risk = assessRisk(incident, [gd, egress({}), { ...gd, id: 'x', evidence: { pii: 'garbage' } }]);
    expect(risk.dpc.reason).toContain('no PII evidence');
    expect(risk.ei.reason).toContain('assumed');
    expect(risk.score).toBe(1); // 1 × 0.5 + 0.5
  });

  it('adds integrity and availability for GuardDuty Impact findings', () => {
    const gd = signal({ category: 'data-store-access', evidence: { findingType: 'Impact:S3/MaliciousIPCaller' } });
    const { incident } = openIncident(gd, '2026-11-20T02:15:00.000Z');
    const risk = assessRisk(incident, [gd]);
    expect(risk.cb.integrity.value).toBe(0.25);
    expect(risk.cb.availability.value).toBe(0.25);
    expect(risk.score).toBe(1.75);
  });

  it('maps every band to a suggestion', () => {
    expect([1.9, 2, 3, 4].map((s) => suggestDecision(riskBand(s)))).toEqual([
      'register-only',
      'notify-authority',
      'notify-authority-and-subjects',
      'notify-authority-and-subjects',
    ]);
  });

  it('reads the PII summary exactly as the egress detector attaches it (summarizeDetections under evidence.pii)', () => {
    // Prepare: 3 passports (2 distinct), 5 e-mails (5 distinct) as the scanner reports them
    const d = (type: Detection['type'], fineType: string, fingerprint: string): Detection => ({
      type,
      fineType,
      start: 0,
      end: 1,
      validated: true,
      confidence: 0.9,
      fingerprint,
    });
    const detections = [
      d('PASSPORT', 'DE_PASSPORT', 'p1'),
      d('PASSPORT', 'DE_PASSPORT', 'p1'),
      d('PASSPORT', 'DE_PASSPORT', 'p2'),
      ...['e1', 'e2', 'e3', 'e4', 'e5'].map((f) => d('EMAIL', 'EMAIL', f)),
    ];
    const s = egress({}, {});
    s.evidence = {
      pii: summarizeDetections(detections),
      egressBytes: 2048,
      destination: { host: 'paste.example.net' },
    };
    const { incident } = openIncident(s, '2026-11-20T09:15:00.000Z');
    // Act
    const risk = assessRisk(incident, [s]);
    // Assess
    expect(risk.evidence.piiTypes.map((t) => [t.type, t.detections, t.distinct, t.jurisdictions])).toEqual([
      ['EMAIL', 5, 5, []],
      ['PASSPORT', 3, 2, ['DE']],
    ]);
    expect(risk.evidence.egressBytes).toBe(2048);
    expect(risk.dpc).toEqual({ value: 3, reason: 'national identifiers (identity theft, treated as financial)' });
    expect(risk.ei.reason).toBe('maximum: EMAIL, PASSPORT identify people');
    expect(risk.score).toBe(3.5);
    expect(risk.suggestion).toBe('notify-authority-and-subjects');
    expect(risk.assumptions).toEqual([]);
  });

  it('pre-fills the DPO decision, applied by the lifecycle with the score and reasoning on record', () => {
    const gd = signal({ evidence: { findingType: 'Exfiltration:S3/MaliciousIPCaller' } });
    const opened = openIncident(gd, '2026-11-20T02:15:00.000Z').incident;
    const confirmed = applyCommand(opened, { action: 'confirm-breach', actor: 'dpo' }, '2026-11-20T06:00:00.000Z')!;
    const risk = assessRisk(confirmed.incident, [gd]);
    const command = decisionCommand(
      risk,
      'dpo',
      'notify-authority',
      `${risk.reasoning} DPO: bucket held customer data.`,
    );
    const decided = applyCommand(confirmed.incident, command, '2026-11-20T07:00:00.000Z')!;
    expect(decided.incident.workflow.decision).toMatchObject({
      outcome: 'notify-authority',
      riskScore: 1.5,
      reasoning: expect.stringMatching(/Assumed, to check: no PII counts.*DPO: bucket held customer data\.$/),
    });
  });
});
