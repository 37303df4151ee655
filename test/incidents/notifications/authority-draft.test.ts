import { describe, expect, it } from 'vitest';
import {
  ART33_3_FIELDS,
  draftAuthorityNotifications,
  missingArt33Fields,
  reviseDraft,
} from '../../../incidents/notifications/index.js';
import { draftInput } from './input.js';

describe('draftAuthorityNotifications', () => {
  it('pre-fills every Art. 33(3) field from the evidence for the lead authority', () => {
    // Act
    const [draft, ...rest] = draftAuthorityNotifications(draftInput());
    // Assess
    expect(rest).toHaveLength(0);
    const c = draft!.content;
    expect(draft!.kind).toBe('authority-de-be');
    expect(draft!.version).toBe(1);
    expect(c.lead).toBe(true);
    expect(c.phase).toBe(1);
    expect(missingArt33Fields(c)).toEqual([]);
    for (const fields of Object.values(ART33_3_FIELDS)) for (const f of fields) expect(c[f]).toBeDefined();
    expect(c.nature).toContain('Confidentiality breach of personal data concerning bucket acme-customer-exports');
    expect(c.nature).toContain('IBAN 120 distinct (financial), EMAIL 118 distinct (contact); 248 records');
    expect(c.dataCategories).toEqual([
      'contact details (e-mail addresses, phone numbers, postal addresses)',
      'financial data (bank account or payment card numbers)',
    ]);
    expect(c.approxSubjects).toEqual({ min: 120, max: 120 });
    expect(c.approxRecords).toBe(248);
    expect(c.dpo.email).toBe('dpo@acme.example');
    expect(c.likelyConsequences).toContain('fraudulent payments');
    expect(c.likelyConsequences).toContain('ENISA severity 4 (very-high)');
    expect(c.measuresTaken[0]).toBe(
      'Contained the affected system (bucket acme-customer-exports) and revoked the access used',
    );
    expect(c.overdue).toBe(false);
  });

  it('drafts one notification per authority concerned when asked (one-stop-shop plus others)', () => {
    const drafts = draftAuthorityNotifications(draftInput(), { all: true });
    expect(drafts.map((d) => [d.kind, d.content.lead])).toEqual([
      ['authority-de-be', true],
      ['authority-de-by', false],
    ]);
  });

  it('drafts in German from the German template', () => {
    const [draft] = draftAuthorityNotifications(draftInput(), { language: 'de' });
    expect(draft!.content.nature).toMatch(/^Verletzung der Vertraulichkeit personenbezogener Daten bei bucket/);
    expect(draft!.content.dataCategories).toContain('Finanzdaten (Kontonummern oder Kartennummern)');
    expect(missingArt33Fields(draft!.content)).toEqual([]);
  });

  it('asks for the reason of the delay past 72 h after awareness (Art. 33(1))', () => {
    const [draft] = draftAuthorityNotifications(draftInput('2026-11-23T03:00:01.000Z'));
    expect(draft!.content.overdue).toBe(true);
    expect(missingArt33Fields(draft!.content)).toEqual(['33(1): delayReason']);
    const v2 = reviseDraft(
      draft!,
      { delayReason: 'forensics needed to size the breach' },
      'dpo',
      '2026-11-23T04:00:00.000Z',
    );
    expect(missingArt33Fields(v2.content)).toEqual([]);
  });

  it('reports emptied fields after an edit and keeps the previous version intact', () => {
    const [v1] = draftAuthorityNotifications(draftInput());
    const v2 = reviseDraft(
      v1!,
      { measuresTaken: [], likelyConsequences: '' },
      'dpo',
      '2026-11-20T10:00:00.000Z',
      'phase 2',
    );
    expect(v2.version).toBe(2);
    expect(v2.note).toBe('phase 2');
    expect(missingArt33Fields(v2.content)).toEqual(['c: likelyConsequences', 'd: measuresTaken']);
    expect(v1!.content.measuresTaken).toHaveLength(2);
    expect(() => reviseDraft(v2, {}, 'dpo', '2026-11-20T09:59:00.000Z')).toThrow(/before v2/);
  });
});
