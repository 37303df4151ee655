import { createHmac } from 'node:crypto';
import { FingerprintKeyError } from './errors.js';

/** Minimum key length: shorter keys make fingerprints of small value spaces (SSNs) guessable. */
export const MIN_FINGERPRINT_KEY_BYTES = 16;

/**
 * Returns a function mapping a normalized value to its HMAC-SHA256 (hex) under `key`, so distinct values
 * can be counted across samples without keeping them. Throws `FingerprintKeyError` on a short key.
 * @example const fp = createFingerprinter(process.env.KEY!); fp('GB82WEST12345698765432');
 */
export function createFingerprinter(key: string | Uint8Array): (normalized: string) => string {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (keyBytes.length < MIN_FINGERPRINT_KEY_BYTES) throw new FingerprintKeyError(keyBytes.length);
  return (normalized) => createHmac('sha256', keyBytes).update(normalized, 'latin1').digest('hex');
}
