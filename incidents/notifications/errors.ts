import { BreachwatchError, ErrorCode } from '../../events/errors.js';

/** A template that names a placeholder nobody fills, or a language without a template. */
export class TemplateError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.CONFIG, message, options);
    this.name = 'TemplateError';
  }
}

/** A draft revision that does not follow its previous version (wrong incident, kind or version). */
export class DraftRevisionError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.CONFLICT, message, options);
    this.name = 'DraftRevisionError';
  }
}
