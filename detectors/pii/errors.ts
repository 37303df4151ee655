import { BreachwatchError, ConfigError, ErrorCode } from '../../events/errors.js';

/** Two recognizers share an id, or a recognizer is malformed; names the id, never a value. */
export class RecognizerRegistryError extends ConfigError {
  readonly recognizerId: string;

  constructor(recognizerId: string, problem: string) {
    super(`recognizer "${recognizerId}": ${problem}`);
    this.name = 'RecognizerRegistryError';
    this.recognizerId = recognizerId;
  }
}

/** The fingerprint key is missing or too short; fingerprints would be guessable. */
export class FingerprintKeyError extends ConfigError {
  constructor(lengthBytes: number) {
    super(`fingerprint key: expected at least 16 bytes, found ${lengthBytes}`);
    this.name = 'FingerprintKeyError';
  }
}

/** A decoded layer exceeded a cap (depth, decoded bytes, inflation ratio): reported, not followed. */
export class DecodeLimitError extends BreachwatchError {
  readonly start: number;
  readonly end: number;

  constructor(message: string, start: number, end: number, options?: ErrorOptions) {
    super(ErrorCode.DECODE_LIMIT, `bytes ${start}–${end}: ${message}`, options);
    this.name = 'DecodeLimitError';
    this.start = start;
    this.end = end;
  }
}
