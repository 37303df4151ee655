import { BreachwatchError, ErrorCode } from '../events/errors.js';

/** EventBridge refused some entries after retries; `failed` lists their event ids and error codes. */
export class PublishError extends BreachwatchError {
  readonly failed: Array<{ eventId: string; errorCode?: string }>;

  constructor(failed: Array<{ eventId: string; errorCode?: string }>, options?: ErrorOptions) {
    const list = failed.map((f) => `${f.eventId} (${f.errorCode ?? 'unknown'})`).join(', ');
    super(ErrorCode.STORE, `EventBridge did not accept ${failed.length} event(s): ${list}`, options);
    this.name = 'PublishError';
    this.failed = failed;
  }
}

/** A page could not be delivered to one or more destinations; the others are recorded as delivered. */
export class PageDeliveryError extends BreachwatchError {
  readonly incidentId: string;
  readonly destinations: string[];

  constructor(incidentId: string, destinations: string[], options?: ErrorOptions) {
    super(ErrorCode.RUNTIME, `incident ${incidentId}: page not delivered to ${destinations.join(', ')}`, options);
    this.name = 'PageDeliveryError';
    this.incidentId = incidentId;
    this.destinations = destinations;
  }
}

/** A secret (Slack token, signing secret, link key) could not be loaded; names the parameter, never the value. */
export class SecretError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.CONFIG, message, options);
    this.name = 'SecretError';
  }
}

/** Why an acknowledge link was refused. */
export const AckLinkRejection = {
  MALFORMED: 'malformed',
  MISMATCH: 'mismatch',
  EXPIRED: 'expired',
  USED: 'used',
} as const;
export type AckLinkRejection = (typeof AckLinkRejection)[keyof typeof AckLinkRejection];

/** A signed acknowledge link that is not valid now: forged, expired or already used. */
export class AckLinkError extends BreachwatchError {
  readonly reason: AckLinkRejection;

  constructor(reason: AckLinkRejection, message: string, options?: ErrorOptions) {
    super(ErrorCode.SIGNATURE, `acknowledge link refused (${reason}): ${message}`, options);
    this.name = 'AckLinkError';
    this.reason = reason;
  }
}
