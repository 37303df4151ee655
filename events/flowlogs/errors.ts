import { BreachwatchError, ErrorCode } from '../errors.js';

/** Why a flow log line was not parsed; counted with its position, never with its content. */
export const MalformedReason = {
  FIELD_COUNT: 'FIELD_COUNT',
  NOT_A_NUMBER: 'NOT_A_NUMBER',
  NUMBER_TOO_LARGE: 'NUMBER_TOO_LARGE',
  BAD_ADDRESS: 'BAD_ADDRESS',
  BAD_ACTION: 'BAD_ACTION',
  BAD_LOG_STATUS: 'BAD_LOG_STATUS',
  BAD_CHARACTER: 'BAD_CHARACTER',
  LINE_TOO_LONG: 'LINE_TOO_LONG',
  BAD_JSON: 'BAD_JSON',
} as const;
export type MalformedReason = (typeof MalformedReason)[keyof typeof MalformedReason];

/** A flow log format string or header that names no field, an unknown field or a field twice. */
export class FlowFormatError extends BreachwatchError {
  readonly field: string | undefined;

  constructor(message: string, field?: string, options?: ErrorOptions) {
    super(ErrorCode.CONFIG, message, options);
    this.name = 'FlowFormatError';
    this.field = field;
  }
}

/** One flow log line that could not be parsed: `position` is its line number or record index. */
export class MalformedFlowRecordError extends BreachwatchError {
  readonly position: number;
  readonly reason: MalformedReason;
  readonly field: string | undefined;

  constructor(position: number, reason: MalformedReason, field?: string, options?: ErrorOptions) {
    super(ErrorCode.MALFORMED_RECORD, `line ${position}: ${reason}${field ? ` in field ${field}` : ''}`, options);
    this.name = 'MalformedFlowRecordError';
    this.position = position;
    this.reason = reason;
    this.field = field;
  }
}

/** A delivery envelope (CloudWatch Logs payload, Firehose record, S3 object) that cannot be decoded. */
export class FlowEnvelopeError extends BreachwatchError {
  readonly ref: string;

  constructor(ref: string, message: string, options?: ErrorOptions & { limit?: boolean }) {
    super(options?.limit ? ErrorCode.DECODE_LIMIT : ErrorCode.INVALID_EVENT, `${ref}: ${message}`, options);
    this.name = 'FlowEnvelopeError';
    this.ref = ref;
  }
}
