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

/** An edit of a draft field that cannot be applied; names the field and the expected form, never the value. */
export class DraftEditError extends BreachwatchError {
  readonly field: string;

  constructor(field: string, expected: string, options?: ErrorOptions) {
    super(ErrorCode.INVALID_EVENT, `draft field ${field}: ${expected}`, options);
    this.name = 'DraftEditError';
    this.field = field;
  }
}
