import { FlowFormatError } from './errors.js';
import { FIELD_ID, FLOW_FIELDS } from './fields.js';

/** A flow log format: the field ids in the order the records carry them. */
export interface FlowFormat {
  readonly fieldIds: readonly number[];
  /** The AWS names, for messages and headers. */
  readonly names: readonly string[];
}

/** The default (version 2) format: `${version} ${account-id} … ${log-status}`. */
export const DEFAULT_FLOW_FORMAT: FlowFormat = Object.freeze({
  fieldIds: Object.freeze(FLOW_FIELDS.slice(0, 14).map((_, i) => i)),
  names: Object.freeze(FLOW_FIELDS.slice(0, 14).map((d) => d.name)),
});

/**
 * Parses a custom format string (`${version} ${srcaddr} …`) or an S3 header line (`version srcaddr …`).
 * @example parseFlowFormat('${interface-id} ${srcaddr} ${dstaddr} ${bytes}')
 */
export function parseFlowFormat(spec: string): FlowFormat {
  const tokens = spec
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (tokens.length === 0) throw new FlowFormatError('flow log format: expected at least one field, found none');
  const names: string[] = [];
  const fieldIds: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const name = token.replace(/^\$\{(.*)\}$/, '$1');
    const id = FIELD_ID.get(name);
    if (id === undefined) {
      const shown = name.length > 40 || !/^[\w-]*$/.test(name) ? '(not a field name)' : `"${name}"`;
      throw new FlowFormatError(`flow log format: field ${i + 1} ${shown} is not a published field`, name);
    }
    if (fieldIds.includes(id)) throw new FlowFormatError(`flow log format: field "${name}" appears twice`, name);
    names.push(name);
    fieldIds.push(id);
  }
  return { fieldIds, names };
}

/** Whether a line is a header: every token is a published field name (records always hold a value). */
export function isFlowHeader(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  return tokens.length > 0 && tokens.every((t) => FIELD_ID.has(t));
}
