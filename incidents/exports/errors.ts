import { BreachwatchError, ErrorCode } from '../../events/errors.js';

/** An export option that cannot be used: the message names it and the allowed values. */
export class ExportOptionError extends BreachwatchError {
  readonly option: string;

  constructor(option: string, message: string, options?: ErrorOptions) {
    super(ErrorCode.CONFIG, `${option}: ${message}`, options);
    this.name = 'ExportOptionError';
    this.option = option;
  }
}
