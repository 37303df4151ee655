import { DraftRevisionError } from './errors.js';

/** Draft kinds: one authority notification per authority, one data-subject communication per language. */
export const DraftKind = { AUTHORITY: 'authority', SUBJECTS: 'subjects' } as const;
export type DraftKind = (typeof DraftKind)[keyof typeof DraftKind];

/**
 * One version of a draft. Versions are never overwritten: an edit or a later phase (Art. 33(4)) is a new
 * version, so what was submitted when stays on record.
 */
export interface Draft<C = unknown> {
  incidentId: string;
  /** `authority-<authority id>` or `subjects-<language>`. */
  kind: string;
  version: number;
  createdAt: string;
  createdBy: string;
  note?: string;
  content: C;
}

/** The key of a draft's kind: `authority-de-be`, `subjects-de`. */
export function draftKind(kind: DraftKind, qualifier: string): string {
  return `${kind}-${qualifier}`;
}

/** A first version. */
export function firstDraft<C>(incidentId: string, kind: string, content: C, by: string, at: string): Draft<C> {
  return { incidentId, kind, version: 1, createdAt: at, createdBy: by, note: 'pre-filled from the evidence', content };
}

/**
 * A person's edit of a draft as its next version: top-level fields of `edits` replace those of the previous
 * content. `previous` must be the latest version; the store refuses a version that exists.
 * @example reviseDraft(v1, { measuresTaken: ['Rotated the access key'] }, 'dpo@acme.example', now, 'phase 2')
 */
export function reviseDraft<C extends object>(
  previous: Draft<C>,
  edits: Partial<C>,
  by: string,
  at: string,
  note?: string,
): Draft<C> {
  if (Date.parse(at) < Date.parse(previous.createdAt))
    throw new DraftRevisionError(
      `draft ${previous.kind} v${previous.version + 1}: ${at} is before v${previous.version}`,
    );
  return {
    ...previous,
    version: previous.version + 1,
    createdAt: at,
    createdBy: by,
    note,
    content: { ...previous.content, ...edits },
  };
}
