import type { AuthorityNotificationContent } from './authority-draft.js';
import { DraftEditError } from './errors.js';

type Content = AuthorityNotificationContent;
type Parse = (value: string, previous: Content) => Partial<Content>;

const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;

/** A list field from one line: items separated by `;` (a measure may contain commas). */
const list = (value: string) =>
  value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function count(field: string, value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new DraftEditError(field, 'expected a whole number such as 120');
  return Number(value.trim());
}

function text(field: keyof Content): Parse {
  return (value) => {
    if (!value.trim()) throw new DraftEditError(field, 'expected text; an Art. 33(3) field cannot be emptied');
    return { [field]: value.trim() };
  };
}

function lines(field: 'dataCategories' | 'subjectCategories' | 'measuresTaken' | 'measuresProposed'): Parse {
  return (value) => {
    const items = list(value);
    if (items.length === 0) throw new DraftEditError(field, 'expected one or more items separated by ";"');
    return { [field]: items };
  };
}

/**
 * The fields a person may edit in an authority notification draft, each with its parser. The authority, lead
 * flag, phase, language and pre-filled risk are not editable: they say what the draft is, not what it says.
 */
const EDITABLE: Record<string, Parse> = {
  controller: text('controller'),
  nature: text('nature'),
  likelyConsequences: text('likelyConsequences'),
  delayReason: (value) => ({ delayReason: value.trim() }),
  dataCategories: lines('dataCategories'),
  subjectCategories: lines('subjectCategories'),
  measuresTaken: lines('measuresTaken'),
  measuresProposed: lines('measuresProposed'),
  breachTypes: (value) => {
    const items = list(value.replaceAll(',', ';'));
    const bad = items.filter((t) => !(BREACH_TYPES as readonly string[]).includes(t));
    if (items.length === 0 || bad.length > 0)
      throw new DraftEditError('breachTypes', `expected some of ${BREACH_TYPES.join(', ')}`);
    return { breachTypes: items as Content['breachTypes'] };
  },
  art9: (value) => {
    if (value !== 'true' && value !== 'false') throw new DraftEditError('art9', 'expected true or false');
    return { art9: value === 'true' };
  },
  approxRecords: (value) => ({ approxRecords: count('approxRecords', value) }),
  approxSubjects: (value) => {
    const [min, max = min] = value.split('-').map((v) => count('approxSubjects', v ?? ''));
    if (min === undefined || max === undefined || min > max)
      throw new DraftEditError('approxSubjects', 'expected "min-max" with min ≤ max, or one number');
    return { approxSubjects: { min, max } };
  },
  'dpo.name': (value, p) => ({ dpo: { ...p.dpo, name: value.trim() } }),
  'dpo.email': (value, p) => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim()))
      throw new DraftEditError('dpo.email', 'expected an e-mail address');
    return { dpo: { ...p.dpo, email: value.trim() } };
  },
  'dpo.phone': (value, p) => ({ dpo: { ...p.dpo, phone: value.trim() } }),
};

/** The fields `authorityDraftEdits` accepts, for forms and help texts. */
export const EDITABLE_AUTHORITY_FIELDS = Object.keys(EDITABLE);

/**
 * Turns a person's edits (field → text, as a form or `--set field=value` gives them) into the changes to an
 * authority notification draft, to save as its next version with `reviseDraft` or `DraftStore.revise`. Lists
 * take items separated by `;`, `approxSubjects` takes `min-max`, `dpo.*` edit one part of the contact.
 * Throws `DraftEditError` naming the field and the expected form (never the value).
 * @example authorityDraftEdits(v1.content, { measuresTaken: 'Rotated the key; Blocked the IP' })
 */
export function authorityDraftEdits(previous: Content, fields: Readonly<Record<string, string>>): Partial<Content> {
  let edits: Partial<Content> = {};
  for (const [field, value] of Object.entries(fields)) {
    const parse = EDITABLE[field];
    if (!parse)
      throw new DraftEditError(field, `not an editable field; editable: ${EDITABLE_AUTHORITY_FIELDS.join(', ')}`);
    edits = { ...edits, ...parse(value, { ...previous, ...edits }) };
  }
  return edits;
}

/** Reads `field=value` pairs (from `--set`); the value may contain `=`. */
export function parseFieldAssignments(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [index, pair] of pairs.entries()) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new DraftEditError(`--set #${index + 1}`, 'expected field=value');
    out[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return out;
}

/**
 * A draft's editable fields as the text a form shows, in the forms `authorityDraftEdits` reads back: lists
 * joined by "; ", breach types by ", ", subjects as "min-max" (or one number), flags as true/false.
 * @example authorityDraftFields(v1.content).measuresTaken // "Revoked the access key; Blocked the address"
 */
export function authorityDraftFields(content: Content): Record<string, string> {
  const { min, max } = content.approxSubjects;
  const fields: Record<string, string> = {
    controller: content.controller,
    nature: content.nature,
    likelyConsequences: content.likelyConsequences,
    delayReason: content.delayReason ?? '',
    dataCategories: content.dataCategories.join('; '),
    subjectCategories: content.subjectCategories.join('; '),
    measuresTaken: content.measuresTaken.join('; '),
    measuresProposed: content.measuresProposed.join('; '),
    breachTypes: content.breachTypes.join(', '),
    art9: String(content.art9),
    approxRecords: String(content.approxRecords),
    approxSubjects: min === max ? String(min) : `${min}-${max}`,
    'dpo.name': content.dpo.name,
    'dpo.email': content.dpo.email,
    'dpo.phone': content.dpo.phone ?? '',
  };
  return Object.fromEntries(EDITABLE_AUTHORITY_FIELDS.map((f) => [f, fields[f] ?? '']));
}
