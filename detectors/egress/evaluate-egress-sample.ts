import type { EgressSample } from '../../events/egress-sample.js';
import { BreachwatchError, ErrorCode } from '../../events/errors.js';
import type { Signal } from '../../events/signal.js';
import { type DecodeLimit, type PiiSummary, type ScanOptions, scanBuffer, summarizeDetections } from '../pii/index.js';
import { type EgressScoringConfig, scoreEgressSample } from './score-egress-sample.js';

/** Scanning plus scoring configuration for one egress sample. */
export interface EgressConfig extends EgressScoringConfig {
  /** HMAC key for fingerprints (from configuration, ≥ 16 bytes). */
  fingerprintKey: string | Uint8Array;
  /** Extra scanner options (confidence floor, caps). */
  scan?: Omit<ScanOptions, 'fingerprintKey' | 'contentEncoding' | 'contentType'>;
}

/** What one sample yielded: the signal (or null), the PII summary and decode limits hit. */
export interface EgressEvaluation {
  signal: Signal | null;
  summary: PiiSummary;
  limits: DecodeLimit[];
}

/**
 * Scans a sample's body (inline base64, or `bodyBytes` read from S3 by an adapter) and scores it.
 * Pure: no I/O, no clock; the known destinations come in as an argument.
 * @example evaluateEgressSample(EgressSampleSchema.parse(json), { allowlist, fingerprintKey }, known)
 */
export function evaluateEgressSample(
  sample: EgressSample,
  config: EgressConfig,
  knownDestinations: ReadonlySet<string>,
  bodyBytes?: Uint8Array,
): EgressEvaluation {
  const body = bodyBytes ?? ('base64' in sample.body ? Buffer.from(sample.body.base64, 'base64') : undefined);
  if (!body) {
    throw new BreachwatchError(
      ErrorCode.UNSUPPORTED_INPUT,
      'egress sample body is an S3 object: pass its bytes as bodyBytes',
    );
  }
  const report = scanBuffer(body, {
    ...config.scan,
    fingerprintKey: config.fingerprintKey,
    contentEncoding: sample.metadata.contentEncoding,
    contentType: sample.metadata.contentType,
  });
  const summary = summarizeDetections(report.detections);
  const signal = scoreEgressSample(sample, summary, config, knownDestinations, {
    bodyBytes: body.length,
    decodeLimits: report.limits.length,
  });
  return { signal, summary, limits: report.limits };
}
