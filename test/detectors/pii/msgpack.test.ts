import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { looksLikeMsgpack, msgpackText } from '../../../detectors/pii/msgpack.js';
import { pack } from '../../support/msgpack-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** A customer record as a service posts it as MessagePack. */
const customer = {
  id: 42,
  first_name: 'Ada',
  last_name: 'Lovelace',
  address: { street: '12 High Street', postcode: 'SW1A 1AA' },
  email: 'ada@example.org',
  card_number: 4111111111111111,
  note: 'says "hi" \\ back\n',
  active: true,
  score: 0.5,
};

/** What `scanBuffer` finds in `bytes`: type and the body's bytes at its offsets. */
function found(bytes: Buffer, contentType?: string): string[] {
  return scanBuffer(bytes, { fingerprintKey: KEY, contentType }).detections.map(
    (d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}`,
  );
}

describe('looksLikeMsgpack', () => {
  it('knows a map whose first key is a printable string, after a few array headers (Fluentd forward mode)', () => {
    expect(looksLikeMsgpack(pack(customer), undefined)).toBe(true);
    expect(looksLikeMsgpack(pack([customer]), undefined)).toBe(true);
    expect(looksLikeMsgpack(pack(['app.access', 1700000000, { email: 'x' }]), undefined)).toBe(true);
    expect(looksLikeMsgpack(pack(['app.access', [[1700000000, { email: 'x' }]]]), undefined)).toBe(true);
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(looksLikeMsgpack(pack(wide), undefined)).toBe(true);
  });

  it('takes the content type at its word, and knows text, JSON and odd leading bytes for what they are', () => {
    expect(looksLikeMsgpack(Buffer.from('{"a":1}'), 'application/x-msgpack')).toBe(true);
    expect(looksLikeMsgpack(Buffer.from('{"a":1}'), 'Application/MsgPack; charset=binary')).toBe(true);
    expect(looksLikeMsgpack(Buffer.from('{"a":1}'), 'application/json')).toBe(false);
    expect(looksLikeMsgpack(Buffer.from('first_name=Ada'), undefined)).toBe(false);
    // a Windows-1252 curly quote, an empty map, a key that is no printable text, a number key
    expect(looksLikeMsgpack(Buffer.from('\x93Ada\x94 said', 'latin1'), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x80]), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x81, 0xa2, 0x01, 0x02, 0x00]), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x81, 0xa0, 0x00]), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x81, 0xa5]), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x81, 0x07, 0x00]), undefined)).toBe(false);
    expect(looksLikeMsgpack(Buffer.from([0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x81, 0xa1, 0x61]), undefined)).toBe(
      false,
    );
    expect(looksLikeMsgpack(Buffer.alloc(0), undefined)).toBe(false);
  });
});

describe('msgpackText', () => {
  it('writes the JSON the body holds, one value per line', () => {
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i * 1000]));
    const sizes = { str8: 'y'.repeat(40), str16: 'x'.repeat(300), map16: wide, array16: Object.values(wide) };
    const value = { ...customer, ...sizes, nested: [null, false, -7, -200, 70000, -70000, 1.25, 'é'], big: 2 ** 40 };
    const body = Buffer.concat([pack(value), pack({ more: 'x' })]);
    const lines = msgpackText(body)?.text.toString('utf8').trim().split('\n');
    expect(lines?.map((l) => JSON.parse(l))).toEqual([value, { more: 'x' }]);
  });

  it('writes every integer and float width as its number', () => {
    // [uint8 200, uint16 60000, int8 -100, int16 -200, int64 -2^40, float32 1.5, float64 NaN, negative fixint -1]
    const body = Buffer.from(
      '98cc c8cd ea60 d09c d1ff38 d3ffffff0000000000 ca3fc00000 cb7ff8000000000000 ff'.replace(/ /g, ''),
      'hex',
    );
    expect(msgpackText(body)?.text.toString()).toBe('[200,60000,-100,-200,-1099511627776,1.5,null,-1]\n');
  });

  it("maps each string's text to its bytes in the body, and a number to its header and bytes", () => {
    const body = pack(customer);
    const decoded = msgpackText(body);
    if (!decoded) throw new Error('not decoded');
    for (const value of ['Ada', '12 High Street', 'ada@example.org']) {
      const [start, end] = spanOf(decoded, value);
      expect(body.toString('latin1', start, end)).toBe(value);
    }
    // any digits of a number stand for all of it
    for (const digits of ['4111111111111111', '41111']) {
      const [start, end] = spanOf(decoded, digits);
      expect([body[start], end - start]).toEqual([0xcf, 9]);
      expect(body.readBigUInt64BE(start + 1)).toBe(4111111111111111n);
    }
  });

  it('reads a body cut short as far as it goes, and refuses a byte no value starts with or nesting past 64', () => {
    const body = pack(customer);
    const cut = body.subarray(0, body.indexOf('Lovelace') + 4);
    const text = msgpackText(cut)?.text.toString('latin1');
    expect(text).toContain('"first_name":"Ada"');
    expect(text?.endsWith('"Love"')).toBe(true);
    expect(msgpackText(Buffer.from([0x81, 0xa1, 0x61, 0xc1]))).toBeUndefined();
    // text declared MessagePack: its bytes below 0x80 would each be a number at the top
    expect(msgpackText(Buffer.from('{"a":1}'))).toBeUndefined();
    expect(msgpackText(Buffer.from([0x80, 0x90, 0xdc, 0x00, 0x00]))?.text.toString()).toBe('{}\n[]\n[]\n');
    expect(msgpackText(Buffer.concat([Buffer.alloc(65, 0x91), Buffer.from([0x01])]))).toBeUndefined();
    expect(msgpackText(Buffer.concat([Buffer.alloc(64, 0x91), Buffer.from([0x01])]))).toBeDefined();
  });

  it("writes binary and extension values: bytes as a string, a timestamp in any of its three sizes as ISO 8601, an application's type as null", () => {
    const ext = Buffer.from([0xd6, 0x05, 0x65, 0x53, 0xf1, 0x00]);
    const body = Buffer.concat([Buffer.from([0x82]), pack('raw'), pack(Buffer.from('a"b')), pack('at'), ext]);
    expect(msgpackText(body)?.text.toString('latin1')).toBe('{"raw":"a\\"b","at":null}\n');
    // the 8-byte form adds 250 ms as nanoseconds above 34 bits of seconds; the 12-byte one takes signed seconds
    const seconds = Date.UTC(1985, 11, 10) / 1000;
    const four = Buffer.from([0xd6, 0xff, 0, 0, 0, 0]);
    four.writeUInt32BE(seconds, 2);
    const eight = Buffer.alloc(10);
    eight.set([0xd7, 0xff]);
    // (seconds past 2^32, as the 8-byte form holds them until 2514)
    eight.writeBigUInt64BE((250_000_000n << 34n) | BigInt(2 ** 32 + seconds), 2);
    const twelve = Buffer.alloc(15);
    twelve.set([0xc7, 12, 0xff]);
    twelve.writeUInt32BE(0, 3);
    twelve.writeBigInt64BE(BigInt(-seconds), 7);
    const dates = Buffer.concat([Buffer.from([0x93]), four, eight, twelve]);
    expect(msgpackText(dates)?.text.toString()).toBe(
      '["1985-12-10T00:00:00.000Z","2122-01-16T06:28:16.250Z","1954-01-23T00:00:00.000Z"]\n',
    );
    const dob = Buffer.concat([Buffer.from([0x82]), pack('email'), pack('ada@example.org'), pack('dob'), four]);
    const found = scanBuffer(dob, { fingerprintKey: KEY }).detections.find((d) => d.type === 'DATE_OF_BIRTH');
    expect([found?.start, found?.end]).toEqual([dob.length - 6, dob.length]);
  });

  it('never throws on random or mangled bodies, and maps every text byte inside the body, in order', () => {
    const random = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
    expectSafeRendering(fc.oneof(mangled([pack([customer, customer])]), random), msgpackText);
  });
});

describe('MessagePack bodies', () => {
  it("are read by their keys, each value reported at its bytes (a card number as an integer, at its header's)", () => {
    const body = pack(customer);
    const cardAt = body.indexOf(Buffer.from([0xcf]));
    const report = scanBuffer(body, { fingerprintKey: KEY }).detections;
    const card = report.find((d) => d.type === 'CREDIT_CARD');
    expect([card?.start, card?.end]).toEqual([cardAt, cardAt + 9]);
    expect(
      found(body)
        .filter((d) => !d.startsWith('CREDIT_CARD'))
        .sort(),
    ).toEqual([
      'EMAIL ada@example.org',
      'PERSON_NAME Ada',
      'PERSON_NAME Lovelace',
      'POSTCODE SW1A 1AA',
      'STREET_ADDRESS 12 High Street',
    ]);
  });

  it('in a Fluentd forward message are read so too, streamed or whole', async () => {
    const body = pack(['app.signup', [[1700000000, { user: { givenName: 'Grace', familyName: 'Hopper' } }]]]);
    expect(found(body)).toEqual(['PERSON_NAME Grace', 'PERSON_NAME Hopper']);
    const whole = scanBuffer(body, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    for (const cut of [1, 7, body.length >> 1, body.length - 1])
      expect(await streamedKeys(body, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
  });

  it('whose JSON would pass 8 MiB are read that far, said to be, and read as they are from there', () => {
    // an array of 4.5 million small numbers ("1,": 2 bytes of JSON each), then an address
    const count = 4_500_000;
    const head = Buffer.from([0x91, 0xdd, 0, 0, 0, 0]);
    head.writeUInt32BE(count + 1, 2);
    const body = Buffer.concat([head, Buffer.alloc(count, 1), pack('ada@example.org')]);
    const rendered = msgpackText(body);
    expect(rendered?.text.length).toBe(8 * 1024 * 1024);
    expect(rendered?.capped?.end).toBe(body.length);
    const report = scanBuffer(body, { fingerprintKey: KEY, contentType: 'application/msgpack' });
    expect(report.limits.map((l) => l.kind)).toEqual(['decoded-size']);
    expect(report.detections.map((d) => body.toString('latin1', d.start, d.end))).toEqual(['ada@example.org']);
  });

  it('that do not decode are read as text, losing nothing', () => {
    const body = Buffer.concat([
      Buffer.from([0x82, 0xa5]),
      Buffer.from('email'),
      pack('ada@example.org'),
      Buffer.from([0xc1]),
    ]);
    expect(found(body)).toEqual(['EMAIL ada@example.org']);
    expect(found(Buffer.from('{"email":"ada@example.org"}'), 'application/msgpack')).toEqual(['EMAIL ada@example.org']);
  });
});
