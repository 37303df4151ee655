import type { ContextState, Engine } from './engine.js';
import type { ScanReport } from './scanner.js';
import type { TableReader } from './table-reader.js';

/** Why a decoded layer was not followed. */
export const LimitKind = {
  BOMB: 'decompression-bomb',
  DEPTH: 'depth',
  DECODED_SIZE: 'decoded-size',
  CORRUPT: 'corrupt',
  /** An archive entry the scanner cannot open: encrypted, or compressed with a method other than deflate. */
  UNREADABLE: 'unreadable',
} as const;
export type LimitKind = (typeof LimitKind)[keyof typeof LimitKind];

/** Layers decoded inside one another when the options set no `maxDepth`. */
const DEFAULT_MAX_DEPTH = 4;
/** Bytes decoded per body when the options set no `maxDecodedBytes`. */
const DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** @internal Layers that may still be decoded under `options` (its `maxDepth`, or the default). */
export function depthLeft(options: { maxDepth?: number }): number {
  return options.maxDepth ?? DEFAULT_MAX_DEPTH;
}

/**
 * @internal Bytes one body may still decode, shared by every layer, part and member inside it: a ZIP or tar of
 * compressed members, each under the cap, inflates to the cap once in all, not once a member.
 */
export interface DecodeBudget {
  left: number;
}

/** What `decodedRoom` reads: the options' cap and the body's budget, once a scan has made one. */
type Decoding = { maxDecodedBytes?: number; budget?: DecodeBudget };

/** @internal Bytes that may still be decoded under `options`: its `maxDecodedBytes` (or the default), less what its body spent. */
export function decodedRoom(options: Decoding): number {
  const cap = options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
  return options.budget ? Math.max(0, Math.min(cap, options.budget.left)) : cap;
}

/** @internal `options` with its body's budget: the one it carries (a layer inside a body), or a new one for a new body. */
export function withBudget<T extends Decoding>(options: T): T & { budget: DecodeBudget } {
  return options.budget
    ? (options as T & { budget: DecodeBudget })
    : { ...options, budget: { left: decodedRoom(options) } };
}

/** @internal Counts `bytes` decoded against the body's budget. */
export function spend(options: Decoding, bytes: number): void {
  if (options.budget) options.budget.left -= bytes;
}

/** Output per input byte past which a stream stopped short of the cap is still known for a bomb. */
const BOMB_RATIO = 100;

/**
 * @internal What an inflation of `inputLength` bytes that failed under `max` reports: a corrupt stream; a bomb, when it
 * passed the cap itself or was stopped past 100 times its size; otherwise the decoded size (its body's budget spent).
 */
export function inflateLimit(
  reason: 'bomb' | 'corrupt',
  max: number,
  inputLength: number,
  options: Decoding,
): LimitKind {
  if (reason === 'corrupt') return LimitKind.CORRUPT;
  const cap = options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
  return max >= cap || max >= BOMB_RATIO * inputLength ? LimitKind.BOMB : LimitKind.DECODED_SIZE;
}

/** A decoded layer that was reported instead of followed; offsets are into the original input. */
export interface DecodeLimit {
  kind: LimitKind;
  start: number;
  end: number;
}

/** @internal A decoded layer's report at the range of the whole body it was decoded from (its offsets are not the body's). */
export function asWholeBody(inner: ScanReport, length: number): ScanReport {
  return {
    detections: inner.detections.map((d) => ({ ...d, start: 0, end: length })),
    limits: inner.limits.map((l) => ({ ...l, start: 0, end: length })),
    bytes: length,
  };
}

/** @internal Shared by every layer of one scan: recognizers, caps and what was decoded so far. */
export interface ScanState {
  engine: Engine;
  maxDepth: number;
  /** Decoded bytes the body has left: its encoded layers spend it, and so do the parts and members around them. */
  budget: DecodeBudget;
  limits: DecodeLimit[];
  /** One context state per layer depth, reset per text: layers of one depth are scanned one after another. */
  contexts: ContextState[];
  /** The tables of the body (a CSV export, a database dump's COPY blocks): their columns give context. */
  table: TableReader | undefined;
  /** The body is a vCard file (RFC 6350): its `FN` and `ADR` property lines are read as name and address fields. */
  vcard: boolean;
}
