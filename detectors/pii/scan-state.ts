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

/** @internal Bytes that may still be decoded under `options` (its `maxDecodedBytes`, or the default). */
export function decodedRoom(options: { maxDecodedBytes?: number }): number {
  return options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
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
  maxDecodedBytes: number;
  decodedBytes: number;
  limits: DecodeLimit[];
  /** One context state per layer depth, reset per text: layers of one depth are scanned one after another. */
  contexts: ContextState[];
  /** The tables of the body (a CSV export, a database dump's COPY blocks): their columns give context. */
  table: TableReader | undefined;
  /** The body is a vCard file (RFC 6350): its `FN` and `ADR` property lines are read as name and address fields. */
  vcard: boolean;
}
