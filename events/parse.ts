import type { z } from 'zod';
import { InvalidEventError } from './errors.js';

/** The outcome of checking one delivery against its contract: never throws. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: InvalidEventError };

/**
 * Checks `value` against `schema`. On failure the error names `ref` (a finding id, a record index) and
 * each issue as `path: message`; zod's messages state expectations, never the input value.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, ref: string): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, error: new InvalidEventError(ref, issues) };
}

/** Best-effort reference for an event that may be malformed: detail.id, then id, then the fallback. */
export function eventRef(value: unknown, fallback: string): string {
  if (typeof value !== 'object' || value === null) return fallback;
  const v = value as { id?: unknown; detail?: { id?: unknown } };
  const detailId = typeof v.detail === 'object' && v.detail !== null ? v.detail.id : undefined;
  if (typeof detailId === 'string' && detailId.length <= 128) return `finding ${detailId}`;
  if (typeof v.id === 'string' && v.id.length <= 128) return `event ${v.id}`;
  return fallback;
}
