import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { deltaPacked, looksLikeParquet, parquetText } from '../../../detectors/pii/parquet.js';
import { thriftStruct } from '../../../detectors/pii/thrift-compact.js';
import { lz4Block } from '../../support/lz4-writer.js';
import { parquetV1 } from '../../support/parquet-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';
import { zstdFrame } from '../../support/zstd-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';
const ROWS = 30;
const FIRST = ['Ada', 'Grace', 'Alan'];

/** A customer table as Athena or Redshift UNLOAD writes it (hyparquet-writer: v2 data pages, dictionaries). */
function customers(codec: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'ZSTD' | 'LZ4_RAW'): Buffer {
  const columnData = [
    { name: 'first_name', data: Array.from({ length: ROWS }, (_, i) => FIRST[i % 3]), type: 'STRING' as const },
    { name: 'email', data: Array.from({ length: ROWS }, (_, i) => `user${i}@example.org`), type: 'STRING' as const },
    { name: 'street', data: Array.from({ length: ROWS }, (_, i) => `${i + 1} High Street`), type: 'STRING' as const },
    { name: 'card_number', data: Array.from({ length: ROWS }, () => 4111111111111111n), type: 'INT64' as const },
    { name: 'visits', data: Array.from({ length: ROWS }, (_, i) => i), type: 'INT32' as const },
  ];
  const compressors = {
    GZIP: (b: Uint8Array) => gzipSync(b),
    ZSTD: (b: Uint8Array) => zstdFrame(b),
    LZ4_RAW: (b: Uint8Array) => lz4Block(b),
  };
  return Buffer.from(parquetWriteBuffer({ columnData, codec, compressors } as never));
}

/** Type and the body's bytes of each detection, counted. */
function counted(body: Buffer): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of scanBuffer(body, { fingerprintKey: KEY }).detections) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
}

describe('parquetText', () => {
  it('knows a Parquet file by its magic', () => {
    expect(looksLikeParquet(customers('SNAPPY'))).toBe(true);
    expect(looksLikeParquet(Buffer.from('PAR'))).toBe(false);
  });

  it("writes each value under its column's name: a dictionary's values once, plain ones each", () => {
    const lines = parquetText(customers('UNCOMPRESSED'), 1 << 20)
      ?.text.toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines?.filter((l) => 'first_name' in l).map((l) => l.first_name)).toEqual(FIRST);
    expect(lines?.filter((l) => 'email' in l)).toHaveLength(ROWS);
    expect(lines?.find((l) => 'street' in l)).toEqual({ street: '1 High Street' });
    expect(lines?.filter((l) => 'card_number' in l)).toEqual([{ card_number: 4111111111111111 }]);
  });

  it('reads version 1 data pages with definition levels, gzipped or not, and a date column as dates', () => {
    for (const codec of ['none', 'gzip'] as const) {
      const body = parquetV1(
        [
          { name: 'last_name', values: ['Lovelace', 'Hopper'], type: 'BYTE_ARRAY', optional: true },
          { name: 'dob', values: [5822, -23000], type: 'INT32', converted: 6 },
          { name: 'email', values: ['ada@example.org', 'grace@example.com'], type: 'BYTE_ARRAY' },
        ],
        codec,
      );
      expect(parquetText(body, 1 << 20)?.text.toString(), codec).toBe(
        [
          '{"last_name":"Lovelace"}',
          '{"last_name":"Hopper"}',
          '{"dob":"1985-12-10"}',
          '{"dob":"1907-01-12"}',
          '{"email":"ada@example.org"}',
          '{"email":"grace@example.com"}',
          '',
        ].join('\n'),
      );
    }
  });

  it("places a plain value at its bytes, one in a compressed page at the page's", () => {
    const plain = parquetV1([{ name: 'email', values: ['ada@example.org'], type: 'BYTE_ARRAY' }]);
    const text = parquetText(plain, 1 << 20);
    if (!text) throw new Error('not rendered');
    const [start, end] = spanOf(text, 'ada@example.org');
    expect(plain.toString('latin1', start, end)).toBe('ada@example.org');
    const packed = parquetV1([{ name: 'email', values: ['ada@example.org'], type: 'BYTE_ARRAY' }], 'gzip');
    const inflated = parquetText(packed, 1 << 20);
    if (!inflated) throw new Error('not rendered');
    const [ps, pe] = spanOf(inflated, 'ada@example.org');
    expect(packed.subarray(ps, pe)).toEqual(packed.subarray(packed.indexOf(Buffer.from([0x1f, 0x8b])), pe));
  });

  it("stops a page's values at a length past the page, never reading into the next column", () => {
    const body = parquetV1([
      { name: 'first_name', values: ['Ada', 'Grace'], type: 'BYTE_ARRAY' },
      { name: 'note', values: ['Lovelace'], type: 'BYTE_ARRAY' },
    ]);
    // Grace's length becomes 40: past the end of its page, into the next
    body.writeUInt32LE(40, body.indexOf('Grace') - 4);
    expect(parquetText(body, 1 << 20)?.text.toString()).toBe('{"first_name":"Ada"}\n{"note":"Lovelace"}\n');
    // a page of two integers said to be 6 bytes long: the second crosses its end
    const ints = parquetV1([{ name: 'visits', values: [1, 2], type: 'INT32' }]);
    const sizes = ints.indexOf(Buffer.from([0x15, 0x10, 0x15, 0x10]));
    ints.set([0x15, 0x0c, 0x15, 0x0c], sizes);
    expect(parquetText(ints, 1 << 20)?.text.toString()).toBe('{"visits":1}\n');
    // a page's size below zero ends the chunk: minus its header's length, the next page would be this one, for ever
    const backwards = parquetV1([{ name: 'visits', values: [1, 2], type: 'INT32' }]);
    const header = thriftStruct(backwards, 4, backwards.length).end - 4;
    backwards.set([0x15, 0x10, 0x15, 2 * header - 1], backwards.indexOf(Buffer.from([0x15, 0x10, 0x15, 0x10])));
    expect(parquetText(backwards, 1 << 20)?.text.toString()).toBe('');
  });

  it("passes over a v2 page whose levels' length points outside it", () => {
    const columnData = [{ name: 'email', data: ['ada@example.org', 'b@example.org'], type: 'STRING' }];
    const body = Buffer.from(parquetWriteBuffer({ columnData, codec: 'UNCOMPRESSED' } as never));
    // the v2 header's definition levels' length (field 5: 2) becomes -60
    const levels = body.indexOf(Buffer.from([0x15, 0x00, 0x15, 0x04, 0x15, 0x00, 0x00]));
    expect(levels).toBeGreaterThan(0);
    body[levels + 3] = 0x77;
    expect(parquetText(body, 1 << 20)?.text.toString()).toBe('');
  });

  it('reads delta-encoded strings, each value at its bytes, a shared prefix at none', () => {
    // 300 values: blocks of 128, miniblocks of 32, lengths of two and three digits' worth
    const emails = Array.from({ length: 300 }, (_, i) => `user${i}@example.org`);
    for (const encoding of ['DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY'] as const) {
      const columnData = [{ name: 'email', data: emails, type: 'STRING', encoding }];
      const body = Buffer.from(parquetWriteBuffer({ columnData, codec: 'UNCOMPRESSED' } as never));
      const text = parquetText(body, 1 << 20);
      if (!text) throw new Error('not rendered');
      const lines = text.text.toString().trim().split('\n');
      expect(
        lines.map((l) => (JSON.parse(l) as { email: string }).email),
        encoding,
      ).toEqual(emails);
      const [start, end] = spanOf(text, 'user123@example.org');
      // DELTA_BYTE_ARRAY writes only what follows the prefix shared with user122: "3@example.org"
      expect(body.toString('latin1', start, end), encoding).toBe(
        encoding === 'DELTA_BYTE_ARRAY' ? '3@example.org' : 'user123@example.org',
      );
      expect(counted(body), encoding).toEqual({ EMAIL: 300 });
    }
  });

  it('reads delta-packed integers whose unneeded miniblocks have any width but no bytes, as the format allows', () => {
    // block size 128, 4 miniblocks, 3 values, first 10 (zigzag 20); one block: min delta 1 (zigzag 2), widths 1, 7, 7, 7
    // (only the first miniblock holds values: 0b010 packed LSB first over 32 one-bit slots = 4 bytes)
    const bytes = Buffer.from([0x80, 0x01, 4, 3, 20, 2, 1, 7, 7, 7, 0b010, 0, 0, 0, 0xee]);
    expect(deltaPacked(bytes, 0, bytes.length)).toEqual({ values: [10, 11, 13], end: bytes.length - 1 });
    // a miniblock that would run past the end, a count past the cap: nothing
    expect(deltaPacked(bytes, 0, bytes.length - 3)).toBeUndefined();
    expect(deltaPacked(Buffer.from([0x80, 0x01, 4, 0xff, 0xff, 0xff, 0x7f, 0]), 0, 8)).toBeUndefined();
  });

  it('keeps the bytes of an encoding it does not decode as one string under the column', () => {
    // DELTA_BINARY_PACKED integers
    const columnData = [{ name: 'visits', data: [1, 2, 3], type: 'INT32', encoding: 'DELTA_BINARY_PACKED' }];
    const body = Buffer.from(parquetWriteBuffer({ columnData, codec: 'UNCOMPRESSED' } as never));
    expect(parquetText(body, 1 << 20)?.text.toString('latin1')).toMatch(/^\{"visits":"[^\n]*"\}\n$/);
  });

  it('refuses a file without its footer, and stops decompressing at the cap, saying where', () => {
    const body = customers('SNAPPY');
    expect(parquetText(body.subarray(0, body.length - 1), 1 << 20)).toBeUndefined();
    expect(
      parquetText(Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(8, 0xff), Buffer.from('PAR1')]), 1 << 20),
    ).toBeUndefined();
    const capped = parquetText(body, 200);
    expect(capped?.capped?.end).toBe(body.length);
  });

  it('never throws on mangled files, and places every text byte inside the body (column chunks in any order)', () => {
    const files = [
      customers('UNCOMPRESSED'),
      customers('SNAPPY'),
      parquetV1([{ name: 'email', values: ['a@b.org'], type: 'BYTE_ARRAY', optional: true }], 'gzip'),
    ];
    // the magic at both ends is kept: the changes land in pages and footer
    expectSafeRendering(mangled(files, { head: 4, tail: 4, cut: false }), (body) => parquetText(body, 1 << 20), false);
  });
});

describe('Parquet files', () => {
  it("are read by their columns' names, whatever the codec: names, addresses, e-mails, a card stored as a long", () => {
    for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'LZ4_RAW'] as const)
      expect(counted(customers(codec)), codec).toEqual({
        PERSON_NAME: 3,
        EMAIL: ROWS,
        STREET_ADDRESS: ROWS,
        CREDIT_CARD: 1,
      });
  });

  it('are read alike streamed, and past the decoded-size cap are said to be', async () => {
    const body = customers('SNAPPY');
    const whole = scanBuffer(body, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    for (const cut of [2, 500, body.length - 3])
      expect(await streamedKeys(body, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
    const report = scanBuffer(body, { fingerprintKey: KEY, maxDecodedBytes: 200 });
    expect(report.limits.map((l) => l.kind)).toContain('decoded-size');
  });
});
