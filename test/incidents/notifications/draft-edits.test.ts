import { describe, expect, it } from 'vitest';
import {
  authorityDraftEdits,
  authorityDraftFields,
  DraftEditError,
  draftAuthorityNotifications,
  EDITABLE_AUTHORITY_FIELDS,
  parseFieldAssignments,
  reviseDraft,
} from '../../../incidents/notifications/index.js';
import { draftInput } from './input.js';

const [v1] = draftAuthorityNotifications(draftInput());
const content = v1!.content;

describe('authorityDraftEdits', () => {
  it('turns form text into typed changes: lists by ";", ranges, counts, one part of the DPO contact', () => {
    const edits = authorityDraftEdits(content, {
      measuresTaken: 'Rotated the access key; Blocked 203.0.113.9 at the WAF ',
      approxSubjects: '100-250',
      approxRecords: '300',
      'dpo.phone': '+49 30 7654321',
      breachTypes: 'confidentiality, availability',
      art9: 'false',
    });
    expect(edits).toEqual({
      measuresTaken: ['Rotated the access key', 'Blocked 203.0.113.9 at the WAF'],
      approxSubjects: { min: 100, max: 250 },
      approxRecords: 300,
      dpo: { ...content.dpo, phone: '+49 30 7654321' },
      breachTypes: ['confidentiality', 'availability'],
      art9: false,
    });
    const v2 = reviseDraft(v1!, edits, 'dpo-anna', '2026-11-20T10:00:00.000Z', 'after forensics');
    expect(v2.version).toBe(2);
    expect(v2.content.nature).toBe(content.nature);
    expect(v1!.content.measuresTaken).not.toEqual(v2.content.measuresTaken);
  });

  it.each([
    [{ authority: 'de-by' }, 'draft field authority: not an editable field; editable: controller, nature'],
    [{ nature: '  ' }, 'draft field nature: expected text'],
    [{ approxSubjects: '250-100' }, 'draft field approxSubjects: expected "min-max"'],
    [{ approxRecords: 'many' }, 'draft field approxRecords: expected a whole number'],
    [{ breachTypes: 'leak' }, 'draft field breachTypes: expected some of confidentiality, integrity, availability'],
    [{ 'dpo.email': 'not-an-address' }, 'draft field dpo.email: expected an e-mail address'],
  ])('refuses %j, naming the field and the expected form but never the value', (fields, message) => {
    const edit = () => authorityDraftEdits(content, fields);
    expect(edit).toThrow(DraftEditError);
    expect(edit).toThrow(message);
  });

  it('reads --set pairs whose values may contain "="', () => {
    expect(parseFieldAssignments(['nature=a=b', 'approxRecords=3'])).toEqual({ nature: 'a=b', approxRecords: '3' });
    expect(() => parseFieldAssignments(['nature'])).toThrow('draft field --set #1: expected field=value');
  });
});

describe('authorityDraftFields', () => {
  it('shows every editable field as the text authorityDraftEdits reads back to the same draft', () => {
    const fields = authorityDraftFields(content);
    expect(Object.keys(fields).sort()).toEqual([...EDITABLE_AUTHORITY_FIELDS].sort());
    const filled = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
    expect({ ...content, ...authorityDraftEdits(content, filled) }).toEqual(content);
    const edited = { ...content, approxSubjects: { min: 7, max: 7 }, measuresTaken: ['a, b', 'c'] };
    expect(authorityDraftFields(edited)).toMatchObject({ approxSubjects: '7', measuresTaken: 'a, b; c' });
  });
});
