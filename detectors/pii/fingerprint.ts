import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
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
  let secret: KeyObject | undefined;
  // a table repeats its first names, cities and birth dates: each is hashed once per scanner. The memo lives as
  // long as the scanner does, in memory only, as the scanned bytes themselves do
  const memo = new Map<string, string>();
  return (normalized) => {
    let fingerprint = memo.get(normalized);
    if (fingerprint === undefined) {
      secret ??= keyObject(keyBytes);
      fingerprint = createHmac('sha256', secret).update(normalized, 'latin1').digest('hex');
      if (memo.size >= FINGERPRINT_MEMO) memo.clear();
      memo.set(normalized, fingerprint);
    }
    return fingerprint;
  };
}

/**
 * The key as a key object, prepared when a scanner first fingerprints (most of a container's part scanners never do)
 * and kept for the next scanner with the same key: a raw key is imported again by every createHmac (a fifth of its
 * time), and importing it per scanner cost as much on a tar of small files.
 */
function keyObject(keyBytes: Buffer): KeyObject {
  if (!lastKey?.bytes.equals(keyBytes)) lastKey = { bytes: keyBytes, key: createSecretKey(keyBytes) };
  return lastKey.key;
}

let lastKey: { bytes: Buffer; key: KeyObject } | undefined;

/** Fingerprints a scanner remembers before it starts over (bounds the memo on a table of distinct values). */
const FINGERPRINT_MEMO = 4096;
