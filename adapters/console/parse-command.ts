import type { Incident } from '../../incidents/incident.js';
import type { Command } from '../../incidents/lifecycle.js';
import { type ActionField, actionForm, isViewerAction } from './console-actions.js';

/** Longest free-text field accepted: a reasoning is a paragraph, not a document. */
const MAX_TEXT = 4000;

/** A command from the console body, or the problems that keep it from being one (each names its field). */
export type ParsedCommand =
  | { ok: true; command: Command; expectedVersion: number | undefined }
  | { ok: false; problems: string[] };

function fieldValue(field: ActionField, raw: unknown, problems: string[]): unknown {
  const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  if (empty) {
    if (field.required) problems.push(`${field.name}: ${field.label.toLowerCase()} is required`);
    return undefined;
  }
  if (field.kind === 'number') {
    const n = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(n) || n < 0) problems.push(`${field.name}: expected a number ≥ 0`);
    return n;
  }
  if (typeof raw !== 'string') {
    problems.push(`${field.name}: expected text, found ${typeof raw}`);
    return undefined;
  }
  const value = raw.trim();
  if (value.length > MAX_TEXT) problems.push(`${field.name}: at most ${MAX_TEXT} characters, found ${value.length}`);
  if (field.kind === 'select' && !field.options?.some((o) => o.value === value))
    problems.push(`${field.name}: expected one of ${field.options?.map((o) => o.value).join(', ')}`);
  if (field.kind === 'datetime') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || !/[zZ]|[+-]\d\d:?\d\d$/.test(value)) {
      problems.push(`${field.name}: expected an ISO 8601 time with a UTC offset`);
      return undefined;
    }
    return new Date(ms).toISOString();
  }
  return value;
}

/**
 * Checks a console command body against the form of its action (the same spec the page renders) and
 * builds the lifecycle command with the viewer as actor. Unknown fields are refused: they catch typos.
 */
export function parseCommand(body: unknown, actor: string, incident: Incident, now: Date): ParsedCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problems: ['body: expected a JSON object with an "action"'] };
  const { action, expectedVersion, ...rest } = body as Record<string, unknown>;
  if (!isViewerAction(action))
    return { ok: false, problems: [`action: unknown action ${JSON.stringify(String(action)).slice(0, 40)}`] };
  const problems: string[] = [];
  if (expectedVersion !== undefined && !Number.isInteger(expectedVersion))
    problems.push('expectedVersion: expected an integer');
  const form = actionForm(action, incident, now);
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = fieldValue(field, rest[field.name], problems);
    if (value !== undefined) values[field.name] = value;
  }
  const known = new Set(form.fields.map((f) => f.name));
  for (const name of Object.keys(rest))
    if (!known.has(name)) problems.push(`${name.slice(0, 40)}: not a field of ${action}`);
  if (problems.length > 0) return { ok: false, problems };
  // The form spec mirrors the Command union field by field; the lifecycle re-checks what it relies on.
  const command = { action, actor, ...values } as Command;
  return { ok: true, command, expectedVersion: expectedVersion as number | undefined };
}
