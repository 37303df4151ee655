/** Helpers for the tests of person names no field names (a bare `name`, a display name). */
import { scanBuffer } from '../../detectors/pii/index.js';
import type { ScanOptions } from '../../detectors/pii/scanner.js';

/** Person names found in `text` (one character a byte), as `value@start`. */
export function personNames(text: string, options: Omit<ScanOptions, 'fingerprintKey'> = {}): string[] {
  const bytes = Buffer.from(text, 'latin1');
  return scanBuffer(bytes, { fingerprintKey: 'breachwatch-test-fingerprint-key', ...options })
    .detections.filter((d) => d.type === 'PERSON_NAME')
    .map((d) => `${bytes.toString('latin1', d.start, d.end)}@${d.start}`);
}

/** `value@start` for the first `value` in `text`, as `personNames` lists it. */
export const at = (text: string, value: string): string => `${value}@${text.indexOf(value)}`;
