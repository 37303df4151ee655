/** Error codes of every breachwatch error, one `as const` table so callers can switch on them. */
export const ErrorCode = {
  INVALID_EVENT: 'INVALID_EVENT',
  UNSUPPORTED_INPUT: 'UNSUPPORTED_INPUT',
  MALFORMED_RECORD: 'MALFORMED_RECORD',
  DECODE_LIMIT: 'DECODE_LIMIT',
  CONFIG: 'CONFIG',
  CONFLICT: 'CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  NOT_FOUND: 'NOT_FOUND',
  STORE: 'STORE',
  RUNTIME: 'RUNTIME',
  SIGNATURE: 'SIGNATURE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Base of every error breachwatch raises. Messages say where, what was expected and what was found,
 * never an input value (inputs carry personal data): give offsets, ids or fingerprints instead.
 */
export class BreachwatchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BreachwatchError';
    this.code = code;
  }
}

/** An event or record that does not match its contract; `ref` names it (finding id, record index). */
export class InvalidEventError extends BreachwatchError {
  readonly ref: string;
  readonly issues: string[];

  constructor(ref: string, issues: string[], options?: ErrorOptions) {
    super(ErrorCode.INVALID_EVENT, `${ref}: ${issues.join('; ')}`, options);
    this.name = 'InvalidEventError';
    this.ref = ref;
    this.issues = issues;
  }
}

/** Configuration that cannot be used; the message names the setting and the allowed values. */
export class ConfigError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.CONFIG, message, options);
    this.name = 'ConfigError';
  }
}
