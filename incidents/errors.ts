import { BreachwatchError, ErrorCode } from '../events/errors.js';
import type { IngestReport } from './ingest.js';

/**
 * Part of a delivery could not be recorded (invalid, or a write failed). Thrown by a handler so Lambda
 * retries the delivery and parks it in the dead-letter queue; `report` says what did go through.
 */
export class DeliveryFailedError extends BreachwatchError {
  readonly report: IngestReport;

  constructor(report: IngestReport, failed: string[], options?: ErrorOptions) {
    const parts = [
      ...report.invalid.map((r) => `${r.ref} invalid: ${r.reason}`),
      ...failed.map((ref) => `${ref} not recorded`),
    ];
    super(ErrorCode.INVALID_EVENT, `delivery not fully recorded: ${parts.join('; ')}`, options);
    this.name = 'DeliveryFailedError';
    this.report = report;
  }
}
/** A command that may not be applied in the incident's current state, or lacks a required field. */
export class IllegalTransitionError extends BreachwatchError {
  readonly incidentId: string;
  readonly action: string;
  readonly status: string;

  constructor(incidentId: string, action: string, status: string, why: string, options?: ErrorOptions) {
    super(ErrorCode.ILLEGAL_TRANSITION, `incident ${incidentId}: cannot ${action} while ${status} (${why})`, options);
    this.name = 'IllegalTransitionError';
    this.incidentId = incidentId;
    this.action = action;
    this.status = status;
  }
}
