import { BreachwatchError, ErrorCode } from '../events/errors.js';

/** A write that kept losing optimistic-locking races; the delivery is retried by its source. */
export class StoreConflictError extends BreachwatchError {
  readonly attempts: number;

  constructor(what: string, attempts: number, options?: ErrorOptions) {
    super(ErrorCode.CONFLICT, `${what}: still conflicting after ${attempts} attempts`, options);
    this.name = 'StoreConflictError';
    this.attempts = attempts;
  }
}

/** An item that should exist and does not. */
export class NotFoundError extends BreachwatchError {
  constructor(what: string, options?: ErrorOptions) {
    super(ErrorCode.NOT_FOUND, `${what} not found`, options);
    this.name = 'NotFoundError';
  }
}
