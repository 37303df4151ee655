import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unbzip2 } from '../../../detectors/pii/bzip2.js';
import { expectSafeDecoding } from '../../support/frames.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pii/${name}`, import.meta.url));
/** 6,000 rows in four 100 KB blocks (`bzip2 -1`). */
const rows = fixture('customers-6000.csv.bz2');
const ROWS_LENGTH = 324_860;

describe('unbzip2', () => {
  it('reads what bzip2 wrote, one block or several, and streams one after another (as pbzip2 writes them)', () => {
    const csv = unbzip2(fixture('customers.csv.bz2'), 1 << 20);
    expect(csv.end).toBe('whole');
    expect(csv.bytes.toString().split('\n')[0]).toBe('id,first_name,last_name,email,card_number,dob');
    expect(unbzip2(fixture('customers-export.tar.bz2'), 1 << 20)).toEqual({
      bytes: fixture('customers-export.tar'),
      end: 'whole',
    });
    const whole = unbzip2(rows, 1 << 20);
    expect([whole.end, whole.bytes.length]).toEqual(['whole', ROWS_LENGTH]);
    const twice = unbzip2(Buffer.concat([fixture('customers.csv.bz2'), rows]), 1 << 20);
    expect(twice.bytes).toEqual(Buffer.concat([csv.bytes, whole.bytes]));
  });

  it('keeps the first `max` bytes and says it is full', () => {
    const head = unbzip2(rows, 1000);
    expect(head).toEqual({ bytes: unbzip2(rows, 1 << 20).bytes.subarray(0, 1000), end: 'full' });
  });

  it('gives a file cut short its whole blocks, and says it is cut; a block that fails its CRC is corrupt', () => {
    const whole = unbzip2(rows, 1 << 20).bytes;
    for (const at of [10, 4000, rows.length >> 1, rows.length - 5]) {
      const { bytes, end } = unbzip2(rows.subarray(0, at), 1 << 20);
      expect(end, `cut at ${at}`).toBe('cut');
      expect(whole.subarray(0, bytes.length)).toEqual(bytes);
    }
    expect(unbzip2(rows.subarray(0, rows.length >> 1), 1 << 20).bytes.length).toBeGreaterThan(100_000);
    const flipped = Buffer.from(fixture('customers.csv.bz2'));
    flipped[60] = (flipped[60] as number) ^ 1;
    expect(unbzip2(flipped, 1 << 20).end).toBe('corrupt');
  });

  it('never throws on random or mangled bytes', () => {
    expectSafeDecoding([fixture('customers.csv.bz2'), fixture('customers-export.tar.bz2')], unbzip2);
  });
});
