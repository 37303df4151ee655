import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { avroText, looksLikeAvro } from '../../../detectors/pii/avro.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { avroFile } from '../../support/avro-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Customers as a Kafka Connect S3 sink writes them: named types reused by name, a union, a date, an enum. */
const schema = {
  type: 'record',
  name: 'Customer',
  namespace: 'com.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'first_name', type: 'string' },
    { name: 'last_name', type: ['null', 'string'], default: null },
    { name: 'email', type: 'string' },
    { name: 'dob', type: { type: 'int', logicalType: 'date' } },
    { name: 'created', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'seen', type: { type: 'long', logicalType: 'timestamp-micros' } },
    {
      name: 'billing',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'street', type: 'string' },
          { name: 'postcode', type: 'string' },
        ],
      },
    },
    { name: 'shipping', type: ['null', 'com.example.Address'] },
    { name: 'previous', type: ['null', 'Address'] },
    { name: 'tier', type: { type: 'enum', name: 'Tier', symbols: ['FREE', 'GOLD'] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'string' } },
    { name: 'card_number', type: ['null', 'long'] },
    { name: 'score', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'digest', type: { type: 'fixed', name: 'Md5', size: 4 } },
    { name: 'balance', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'photo', type: 'bytes' },
  ],
};

const ada = {
  id: 1,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.org',
  dob: 5822,
  created: Date.UTC(2024, 0, 2, 3, 4, 5),
  seen: Date.UTC(2024, 5, 6) * 1000,
  billing: { street: '12 High Street', postcode: 'SW1A 1AA' },
  shipping: { street: '1 Main Street', postcode: 'SW1A 2AA' },
  previous: { street: '9 Old Road', postcode: 'SW1A 0AA' },
  tier: 'GOLD',
  tags: ['vip', 'newsletter'],
  attrs: { phone: '+44 20 7946 0958' },
  card_number: 4111111111111111,
  score: 0.5,
  active: true,
  digest: Buffer.from('abcd'),
  balance: Buffer.from([0x01, 0x00]),
  photo: Buffer.from('GIF89a'),
};
const grace = { ...ada, id: -2, first_name: 'Grace', last_name: null, email: 'grace@example.com', shipping: null };
/** Bytes of one record: a block this size holds one. */
const RECORD = avro.Type.forSchema(schema as avro.Schema).toBuffer(ada).length;
const rendered = (r: typeof ada | typeof grace) => ({
  ...r,
  dob: '1985-12-10',
  created: '2024-01-02T03:04:05.000Z',
  seen: '2024-06-06T00:00:00.000Z',
  digest: null,
  balance: null,
  photo: 'GIF89a',
});

/** Type and the body's bytes of each detection, sorted. */
function found(body: Buffer): string[] {
  return scanBuffer(body, { fingerprintKey: KEY })
    .detections.map((d) => `${d.type} ${body.toString('latin1', d.start, d.end)}`)
    .sort();
}

describe('avroText', () => {
  it('knows a container file by its magic', async () => {
    expect(looksLikeAvro(await avroFile(schema, [ada]))).toBe(true);
    expect(looksLikeAvro(Buffer.from('Obj\x02', 'latin1'))).toBe(false);
    expect(looksLikeAvro(Buffer.from('{"a":1}'))).toBe(false);
  });

  it('writes each record as the JSON its schema names, with either codec, blocks after blocks', async () => {
    for (const codec of ['null', 'deflate', 'snappy', 'zstandard'] as const) {
      const body = await avroFile(schema, [ada, grace, ada], { codec, blockSize: RECORD + 1 });
      const lines = avroText(body, 1 << 20)
        ?.text.toString('utf8')
        .trim()
        .split('\n');
      expect(
        lines?.map((l) => JSON.parse(l)),
        codec,
      ).toEqual([rendered(ada), rendered(grace), rendered(ada)]);
    }
  });

  it('places a value at its bytes, or at its whole block when the block is compressed', async () => {
    const plain = await avroFile(schema, [ada]);
    const text = avroText(plain, 1 << 20);
    if (!text) throw new Error('not rendered');
    for (const value of ['Ada', '12 High Street', 'ada@example.org']) {
      const [start, end] = spanOf(text, value);
      expect(plain.toString('latin1', start, end)).toBe(value);
    }
    const [dobStart, dobEnd] = spanOf(text, '1985-12-10');
    expect(plain.subarray(dobStart, dobEnd)).toEqual(Buffer.from([0xfc, 0x5a]));
    const packed = await avroFile(schema, [ada], { codec: 'deflate' });
    const inflated = avroText(packed, 1 << 20);
    if (!inflated) throw new Error('not rendered');
    const [start, end] = spanOf(inflated, 'Ada');
    expect(end - start).toBeGreaterThan(20);
    expect(end).toBe(packed.length - 16);
  });

  it("reads an array's block written with its size (a negative count), as Java's writer may", () => {
    // header: magic, { avro.schema: an array of strings } , sync; one block: ["Ada"] as count -1, size 4, "Ada", 0
    const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
    const text = (t: string): Buffer => Buffer.concat([Buffer.from([zigzag(t.length)]), Buffer.from(t)]);
    const sync = Buffer.alloc(16, 7);
    const data = Buffer.from([zigzag(-1), zigzag(4), ...text('Ada'), 0]);
    const body = Buffer.concat([
      Buffer.from('Obj\x01', 'latin1'),
      Buffer.from([zigzag(1)]),
      text('avro.schema'),
      text('{"type":"array","items":"string"}'),
      Buffer.from([0]),
      sync,
      Buffer.from([zigzag(1), zigzag(data.length)]),
      data,
      sync,
    ]);
    expect(avroText(body, 1 << 20)?.text.toString()).toBe('["Ada"]\n');
  });

  it('refuses what it cannot read: an unknown codec, a schema that is no JSON, a block off its sync marker', async () => {
    expect(avroText(await avroFile(schema, [ada], { codec: 'lzo' }), 1 << 20)).toBeUndefined();
    const body = await avroFile(schema, [ada]);
    const badSchema = Buffer.from(body);
    badSchema[badSchema.indexOf('{"')] = 0x5b;
    expect(avroText(badSchema, 1 << 20)).toBeUndefined();
    const offSync = Buffer.from(body);
    offSync.writeUInt8(offSync.readUInt8(offSync.length - 1) ^ 0xff, offSync.length - 1);
    expect(avroText(offSync, 1 << 20)).toBeUndefined();
  });

  it('reads a file cut short as far as it goes, and stops inflating at the cap, saying where', async () => {
    const body = await avroFile(schema, [ada, grace]);
    const cut = avroText(body.subarray(0, body.indexOf('Grace') + 2), 1 << 20)?.text.toString('latin1');
    expect(cut).toContain('"first_name":"Ada"');
    expect(cut?.endsWith('Gr"')).toBe(true);
    // cut before a string's length: the records before it are kept
    expect(avroText(body.subarray(0, body.indexOf('Ada') - 1), 1 << 20)?.text.toString()).toMatch(
      /^\{"id":1,"first_name":$/,
    );
    // one record a block (no two fit in one): the cap lets the first inflate, not the second
    const packed = await avroFile(schema, [ada, grace, ada], { codec: 'deflate', blockSize: RECORD + 1 });
    const capped = avroText(packed, RECORD + 10);
    expect(capped?.capped?.end).toBe(packed.length);
    expect(capped?.text.toString('latin1')).toContain('"first_name":"Ada"');
    expect(capped?.text.toString('latin1')).not.toContain('Grace');
  });

  it('never throws on mangled files, and places every text byte inside the body, in order', async () => {
    const files = await Promise.all([
      avroFile(schema, [ada, grace]),
      avroFile(schema, [ada, grace], { codec: 'deflate' }),
    ]);
    // the header's schema is kept: the changes land in the records
    const head = (files[0] as Buffer).indexOf('avro.codec');
    expectSafeRendering(mangled(files, { head }), (body) => avroText(body, 1 << 20));
  });
});

describe('Avro container files', () => {
  it("are read by their schema's field names: names, addresses, a birth date, a card stored as a long", async () => {
    const body = await avroFile(schema, [ada]);
    const report = found(body);
    for (const value of ['Ada', 'Lovelace']) expect(report).toContain(`PERSON_NAME ${value}`);
    for (const value of ['12 High Street', '1 Main Street']) expect(report).toContain(`STREET_ADDRESS ${value}`);
    expect(report).toContain('EMAIL ada@example.org');
    expect(report).toContain('PHONE +44 20 7946 0958');
    expect(report.filter((d) => d.startsWith('DATE_OF_BIRTH'))).toHaveLength(1);
    expect(report.filter((d) => d.startsWith('CREDIT_CARD'))).toHaveLength(1);
  });

  it('compressed are read so too, each find at its block, and streamed alike', async () => {
    const snappy = scanBuffer(await avroFile(schema, [ada, grace], { codec: 'snappy' }), { fingerprintKey: KEY });
    expect(snappy.detections.filter((d) => d.type === 'PERSON_NAME')).toHaveLength(3);
    const body = await avroFile(schema, [ada, grace], { codec: 'deflate' });
    const report = scanBuffer(body, { fingerprintKey: KEY }).detections;
    expect(report.filter((d) => d.type === 'PERSON_NAME')).toHaveLength(3);
    const whole = report.map(detectionKey).sort();
    for (const cut of [3, 100, body.length >> 1, body.length - 5])
      expect(await streamedKeys(body, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
  });

  it("in blocks the xz codec compressed, as Java's XZCodec writes a stream for each block", () => {
    const file = readFileSync(new URL('../../fixtures/pii/customers.xz.avro', import.meta.url));
    const { detections, limits } = scanBuffer(file, { fingerprintKey: KEY });
    expect(limits).toEqual([]);
    expect(detections.filter((d) => d.type === 'EMAIL')).toHaveLength(3);
    expect(detections.filter((d) => d.type === 'IBAN')).toHaveLength(3);
    expect(avroText(file, 1 << 20)?.text.toString('utf8')).toContain('"first_name":"Grace"');
  });

  it('past the decoded-size cap are said to be, and a codec that cannot be undone is read as text', async () => {
    const body = await avroFile(schema, [ada, grace, ada], { codec: 'deflate', blockSize: RECORD + 1 });
    const report = scanBuffer(body, { fingerprintKey: KEY, maxDecodedBytes: 300 });
    expect(report.limits.map((l) => l.kind)).toContain('decoded-size');
    const lzo = await avroFile(schema, [ada], { codec: 'lzo' });
    expect(found(lzo)).toContain('EMAIL ada@example.org');
  });
});
