import { BreachwatchError, ErrorCode } from '../../events/errors.js';

/** Why a Slack request was refused, one code each so tests and metrics can tell them apart. */
export const SlackRejection = {
  MISSING: 'missing',
  MALFORMED: 'malformed',
  STALE: 'stale',
  MISMATCH: 'mismatch',
  REPLAYED: 'replayed',
} as const;
export type SlackRejection = (typeof SlackRejection)[keyof typeof SlackRejection];

/** A request that does not carry a valid, fresh, first-seen Slack v0 signature. */
export class SlackSignatureError extends BreachwatchError {
  readonly reason: SlackRejection;

  constructor(reason: SlackRejection, message: string, options?: ErrorOptions) {
    super(ErrorCode.SIGNATURE, `Slack request refused (${reason}): ${message}`, options);
    this.name = 'SlackSignatureError';
    this.reason = reason;
  }
}

/** Slack's Web API answered `ok: false` or an HTTP error; `error` is Slack's code (`channel_not_found`…). */
export class SlackApiError extends BreachwatchError {
  readonly method: string;
  readonly error: string;
  readonly retryAfterS?: number;

  constructor(method: string, error: string, retryAfterS?: number, options?: ErrorOptions) {
    super(ErrorCode.RUNTIME, `Slack ${method} failed: ${error}`, options);
    this.name = 'SlackApiError';
    this.method = method;
    this.error = error;
    this.retryAfterS = retryAfterS;
  }
}

/** A Slack interaction payload we cannot act on; names the field, never a value. */
export class SlackPayloadError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.INVALID_EVENT, `Slack payload: ${message}`, options);
    this.name = 'SlackPayloadError';
  }
}
