import { createHmac, timingSafeEqual } from 'node:crypto';
import { AckLinkError, AckLinkRejection } from './delivery-errors.js';
import type { IncidentStore } from './incident-store.js';

/** What an acknowledge link says: which incident, until when (unix seconds), and a one-time nonce. */
export interface AckClaims {
  incidentId: string;
  expiresAt: number;
  nonce: string;
}

const mac = (key: string, c: AckClaims) =>
  createHmac('sha256', key).update(`ack\n${c.incidentId}\n${c.expiresAt}\n${c.nonce}`).digest();

/**
 * A token for an acknowledge link: base64url of the claims, a dot, base64url of their HMAC-SHA256 under the
 * link key. The claims are readable (an incident id is not personal data); only the key can make one.
 * @example signAckToken(key, { incidentId: 'BW-20261120-3f2a1b9c', expiresAt: 1795000000, nonce: randomUUID() })
 */
export function signAckToken(key: string, claims: AckClaims): string {
  const body = Buffer.from(JSON.stringify([claims.incidentId, claims.expiresAt, claims.nonce])).toString('base64url');
  return `${body}.${mac(key, claims).toString('base64url')}`;
}

/** Checks a token's HMAC in constant time and its expiry against `now`; returns its claims or throws `AckLinkError`. */
export function verifyAckToken(key: string, token: string, now: Date): AckClaims {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined)
    throw new AckLinkError(AckLinkRejection.MALFORMED, 'expected <claims>.<signature>');
  let claims: AckClaims;
  try {
    const [incidentId, expiresAt, nonce] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[];
    if (typeof incidentId !== 'string' || typeof expiresAt !== 'number' || typeof nonce !== 'string')
      throw new TypeError('claims');
    claims = { incidentId, expiresAt, nonce };
  } catch (error) {
    throw new AckLinkError(AckLinkRejection.MALFORMED, 'claims are not [incidentId, expiresAt, nonce]', {
      cause: error,
    });
  }
  const expected = mac(key, claims);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AckLinkError(AckLinkRejection.MISMATCH, 'signature does not match');
  if (now.getTime() / 1000 > claims.expiresAt)
    throw new AckLinkError(AckLinkRejection.EXPIRED, `expired at ${new Date(claims.expiresAt * 1000).toISOString()}`);
  return claims;
}

/** The console URL a person opens to acknowledge. */
export function ackLinkUrl(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/ack?token=${encodeURIComponent(token)}`;
}

/** What redeeming a link did: acknowledged now, or already acknowledged (a double click, another person). */
export interface AckOutcome {
  incidentId: string;
  changed: boolean;
  status: string;
}

/** What redeeming needs: the incident store, a one-time marker, the link key and the clock. */
export interface RedeemDeps {
  store: Pick<IncidentStore, 'applyCommand'>;
  markOnce: (key: string, expiresAt: Date) => Promise<boolean>;
  key: string;
  now: Date;
}

/**
 * Acknowledges the incident a link names: checks signature and expiry, records the nonce as used
 * (conditional put, so a used link changes nothing even if forwarded), then applies `acknowledge` as
 * `ack-link` (an SNS page goes to a topic, so the link cannot tell who opened it).
 */
export async function redeemAckToken(token: string, deps: RedeemDeps): Promise<AckOutcome> {
  const claims = verifyAckToken(deps.key, token, deps.now);
  if (!(await deps.markOnce(`ack-nonce#${claims.nonce}`, new Date(claims.expiresAt * 1000 + 86_400_000))))
    throw new AckLinkError(AckLinkRejection.USED, 'this link was already used');
  const { incident, changed } = await deps.store.applyCommand(
    claims.incidentId,
    { action: 'acknowledge', actor: 'ack-link' },
    deps.now,
  );
  return { incidentId: incident.id, changed, status: incident.status };
}
