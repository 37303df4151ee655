/** Helpers for the table and dump tests of the PII scanner. */
import { expect } from 'vitest';
import { createScanner, type Detection, scanBuffer } from '../../detectors/pii/index.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** What a scan of `text` reports, as `TYPE value` pairs in input order. */
export function found(text: string): string[] {
  return scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections.map(
    (d) => `${d.type} ${text.slice(d.start, d.end)}`,
  );
}

/** Detections of `bytes` fed in pieces cut at `raw` (modulo its length) equal those of the whole. */
export function sameWhenChunked(bytes: Buffer, raw: number[]): void {
  const key = (d: Detection): string => `${d.type}@${d.start}-${d.end}#${d.fingerprint}`;
  const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(key).sort();
  const s = createScanner({ fingerprintKey: KEY });
  const out: Detection[] = [];
  let at = 0;
  for (const cut of [...new Set(raw.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    out.push(...s.write(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...s.write(bytes.subarray(at)), ...s.end());
  expect(out.map(key).sort()).toEqual(whole);
}

/** Completes `prefix` with digits and a Luhn check digit to `length` digits. */
export function luhn(prefix: string, length: number, seed: number): string {
  let digits = prefix;
  for (let i = 0; digits.length < length - 1; i++) digits += String((seed * 7 + i * 3) % 10);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

/** What the sqlite3 fixtures (`customers.sqlite-*`) hold, in row order, as `found` prints it: `oNeill` as written there. */
export function sqliteCustomers(oNeill: string): string[] {
  return [
    'PERSON_NAME Ada',
    `PERSON_NAME ${oNeill}`,
    'EMAIL ada@example.com',
    'CREDIT_CARD 4111111111111111',
    'IBAN DE89370400440532013000',
    'DATE_OF_BIRTH 1985-12-10',
    'PERSON_NAME Grace',
    'PERSON_NAME Hopper',
    'EMAIL grace@example.org',
    'CREDIT_CARD 5500005555555559',
    'IBAN GB82WEST12345698765432',
    'DATE_OF_BIRTH 1906-12-09',
  ];
}
