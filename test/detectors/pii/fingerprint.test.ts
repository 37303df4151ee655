import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFingerprinter } from '../../../detectors/pii/fingerprint.js';

describe('createFingerprinter', () => {
  it('gives HMAC-SHA256 in hex (RFC 4231 test case 1): fingerprints stay comparable across releases', () => {
    const fingerprint = createFingerprinter(Buffer.alloc(20, 0x0b));
    expect(fingerprint('Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  });

  it('gives each value the same fingerprint however often it comes, past the memo too', () => {
    const key = 'breachwatch-test-fingerprint-key';
    const fingerprint = createFingerprinter(key);
    // values are the scanned bytes as latin1 characters: "Zoë" in UTF-8 is Z, o, Ã, «
    const values = Array.from({ length: 10_000 }, (_, i) => `ZO\u00c3\u00ab${i % 7 === 0 ? 0 : i}@EXAMPLE.ORG`);
    for (const value of [...values, ...values.reverse()])
      expect(fingerprint(value)).toBe(createHmac('sha256', key).update(value, 'latin1').digest('hex'));
  });

  it('refuses a key too short to keep small value spaces (SSNs) from being guessed', () => {
    expect(() => createFingerprinter('short-key')).toThrow(/at least 16 bytes/);
  });
});
