/**
 * HTTP Basic credentials (`Authorization: Basic YWRhOmh1bnRlcjI=`, RFC 7617): a user id and password, base64-encoded
 * after the word `Basic`. Egress over plain HTTP, or a logged request, carries them as they are.
 */
import type { Hit } from './engine.js';

const BASIC = Buffer.from('basic ', 'latin1');

/** @internal True when `Basic ` (in any case, after a non-letter) ends at `ws`. */
export function afterBasic(bytes: Uint8Array, ws: number): boolean {
  const at = ws - BASIC.length;
  if (at < 0) return false;
  for (let k = 0; k < BASIC.length; k++) if (((bytes[at + k] as number) | 32) !== BASIC[k]) return false;
  const before = bytes[at - 1];
  return before === undefined || !((before | 32) >= 97 && (before | 32) <= 122);
}

/**
 * @internal Reports the token `bytes[ws, we)` after `Basic ` as a credential when it is canonical base64 of printable
 * `user-id:password` (both non-empty). The value fingerprinted is the decoded pair.
 */
export function basicCredential(bytes: Buffer, ws: number, we: number, out: Hit[]): void {
  const token = bytes.toString('latin1', ws, we);
  const decoded = Buffer.from(token, 'base64');
  // Node decodes leniently (the URL-safe alphabet, stray bytes skipped): a token that does not encode back is no base64
  if (decoded.toString('base64').replace(/=+$/, '') !== token) return;
  const pair = decoded.toString('latin1');
  const colon = pair.indexOf(':');
  if (colon < 1 || colon === pair.length - 1 || !/^[\x20-\x7e]+$/.test(pair)) return;
  out.push({
    type: 'CREDENTIAL',
    fineType: 'BASIC_AUTH',
    start: ws,
    end: we,
    validated: true,
    confidence: 0.95,
    normalized: pair,
  });
}
