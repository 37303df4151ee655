import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsonText, looksLikeBson } from '../../../detectors/pii/bson.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { bson, ObjectId } from '../../support/bson-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';
import { tarOf } from '../../support/tar-writer.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** A user as `mongodump` writes it to `users.bson`. */
const user = {
  _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.org',
  dob: new Date('1985-12-10T00:00:00Z'),
  createdAt: new Date('2024-01-02T03:04:05Z'),
  address: { street: '12 High Street', postcode: 'SW1A 1AA' },
  tags: ['vip', 'newsletter'],
  card_number: 4111111111111111,
  visits: 12,
  balance: 10n ** 12n,
  verified: true,
  avatar: Buffer.from('GIF89a'),
  deleted: null,
};

/** What `scanBuffer` finds in `bytes`: type and the body's bytes at its offsets, sorted. */
function found(bytes: Buffer, contentType?: string): string[] {
  return scanBuffer(bytes, { fingerprintKey: KEY, contentType })
    .detections.map((d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}`)
    .sort();
}

describe('looksLikeBson', () => {
  it("knows a document by its size and its first element's printable name", () => {
    expect(looksLikeBson(bson(user), undefined)).toBe(true);
    expect(looksLikeBson(bson({ email: 'x' }), undefined)).toBe(true);
    expect(looksLikeBson(Buffer.from('{"a":1}'), 'application/bson')).toBe(true);
  });

  it('knows text, a size past 16 MiB, an unknown type byte or a name that is no text for what they are', () => {
    expect(looksLikeBson(Buffer.from('{"email":"ada@example.org"}'), undefined)).toBe(false);
    expect(looksLikeBson(Buffer.from('\x10\x00\x00\x02email\x00', 'latin1'), undefined)).toBe(false);
    const doc = bson({ email: 'ada@example.org' });
    const big = Buffer.from(doc);
    big.writeInt32LE(16 * 1024 * 1024 + 1);
    expect(looksLikeBson(big, undefined)).toBe(false);
    const typed = Buffer.from(doc);
    typed[4] = 0x14;
    expect(looksLikeBson(typed, undefined)).toBe(false);
    const named = Buffer.from(doc);
    named[6] = 0x01;
    expect(looksLikeBson(named, undefined)).toBe(false);
    // an empty name, a name with no NUL in the head, a head too short
    expect(looksLikeBson(Buffer.from('\x0c\x00\x00\x00\x02\x00\x02\x00\x00\x00a\x00\x00', 'latin1'), undefined)).toBe(
      false,
    );
    expect(looksLikeBson(Buffer.from(`\x50\x00\x00\x00\x02${'a'.repeat(70)}`, 'latin1'), undefined)).toBe(false);
    expect(looksLikeBson(doc.subarray(0, 6), undefined)).toBe(false);
  });
});

describe('bsonText', () => {
  it('writes the JSON the documents hold, one per line: dates as ISO strings, ids and binary kept apart', () => {
    const body = Buffer.concat([bson(user), bson({ more: 'x' })]);
    const lines = bsonText(body)?.text.toString('latin1').trim().split('\n');
    expect(lines?.map((l) => JSON.parse(l))).toEqual([
      {
        ...user,
        _id: null,
        dob: '1985-12-10T00:00:00.000Z',
        createdAt: '2024-01-02T03:04:05.000Z',
        balance: 10 ** 12,
        avatar: 'GIF89a',
      },
      { more: 'x' },
    ]);
  });

  it('places each string at its bytes, a number or a date at all of its eight', () => {
    const body = bson(user);
    const rendered = bsonText(body);
    if (!rendered) throw new Error('not rendered');
    for (const value of ['Ada', '12 High Street', 'ada@example.org']) {
      const [start, end] = spanOf(rendered, value);
      expect(body.toString('latin1', start, end)).toBe(value);
    }
    const [cardStart, cardEnd] = spanOf(rendered, '4111111111111111');
    expect(body.readDoubleLE(cardStart)).toBe(4111111111111111);
    expect(cardEnd - cardStart).toBe(8);
    const [dobStart, dobEnd] = spanOf(rendered, '1985-12-10');
    expect(body.readBigInt64LE(dobStart)).toBe(BigInt(Date.parse('1985-12-10')));
    expect(dobEnd - dobStart).toBe(8);
  });

  it('reads a body cut short as far as it goes, and refuses a document whose size is not where its NUL is', () => {
    const body = bson(user);
    const text = bsonText(body.subarray(0, body.indexOf('Lovelace') + 4))?.text.toString('latin1');
    expect(text).toContain('"firstName":"Ada"');
    expect(text?.endsWith('"Love"')).toBe(true);
    // a skipped value's size past the end (code with scope): the bytes after it are kept as a string
    const head = Buffer.concat([Buffer.from([0x35, 0, 0, 0, 0x0f]), Buffer.from('b\0'), Buffer.from([9, 9, 9, 9])]);
    const sized = bsonText(Buffer.concat([head, Buffer.from('ada@example.org')]));
    expect(sized?.text.toString('latin1')).toBe('{"b":\n"ada@example.org"');
    // text declared BSON (its first four bytes a size past 16 MiB), a string whose NUL is missing
    expect(bsonText(Buffer.from('{"email":"ada@example.org"}'))).toBeUndefined();
    const unended = Buffer.from(bson({ a: 'xyz', b: 1 }));
    unended[unended.indexOf('xyz') + 3] = 0x41;
    expect(bsonText(unended)).toBeUndefined();
    const short = Buffer.from(body);
    short.writeInt32LE(body.length - 1);
    expect(bsonText(short)).toBeUndefined();
    const typed = Buffer.from(body);
    typed[body.indexOf('lastName') - 1] = 0x42;
    expect(bsonText(typed)).toBeUndefined();
    let deep: Record<string, unknown> = { a: 1 };
    for (let d = 0; d < 65; d++) deep = { d: deep };
    expect(bsonText(bson(deep as never))).toBeUndefined();
  });

  it('never throws on random or mangled bodies, and places every text byte inside the body, in order', () => {
    const random = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
    expectSafeRendering(fc.oneof(mangled([Buffer.concat([bson(user), bson(user)])]), random), bsonText);
  });
});

describe('BSON bodies', () => {
  it("are read by their keys, each find at its bytes: a mongodump file's names, address, birth date and card", () => {
    const body = Buffer.concat([bson(user), bson({ name: 'Grace Hopper', iban: 'GB82WEST12345698765432' })]);
    const report = found(body);
    const at = (from: string, size: number): string => body.toString('latin1', from.length, from.length + size);
    expect(report).toEqual(
      [
        'EMAIL ada@example.org',
        'IBAN GB82WEST12345698765432',
        'PERSON_NAME Ada',
        'PERSON_NAME Grace Hopper',
        'PERSON_NAME Lovelace',
        'POSTCODE SW1A 1AA',
        'STREET_ADDRESS 12 High Street',
        `CREDIT_CARD ${at(body.toString('latin1', 0, body.indexOf('card_number') + 12), 8)}`,
        `DATE_OF_BIRTH ${at(body.toString('latin1', 0, body.indexOf('dob') + 4), 8)}`,
      ].sort(),
    );
  });

  it('are read so streamed too, and in a tar archive of a dump', async () => {
    const body = bson(user);
    const whole = scanBuffer(body, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    expect(whole).toHaveLength(9 - 2);
    for (const cut of [1, 5, body.length >> 1, body.length - 1])
      expect(await streamedKeys(body, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
    // `mongodump --out dump && tar cf dump.tar dump`: the collection file is read as BSON where it lies
    const metadata = Buffer.from('{"indexes":[{"v":2,"key":{"_id":1},"name":"_id_"}]}');
    const tar = tarOf([
      { name: 'dump/app/users.metadata.json', data: metadata },
      { name: 'dump/app/users.bson', data: body },
    ]);
    const inTar = scanBuffer(tar, { fingerprintKey: KEY }).detections;
    const offset = tar.indexOf(body);
    expect(inTar.map((d) => `${d.type}@${d.start - offset}-${d.end - offset}#${d.fingerprint}`).sort()).toEqual(
      scanBuffer(body, { fingerprintKey: KEY })
        .detections.map((d) => `${d.type}@${d.start}-${d.end}#${d.fingerprint}`)
        .sort(),
    );
  });

  it('report a value inside a longer string at its own bytes', () => {
    const body = bson({ note: 'call +44 20 7946 0958 after six', contact: 'mail ada@example.org.' });
    expect(found(body)).toEqual(['EMAIL ada@example.org', 'PHONE +44 20 7946 0958']);
  });

  it('that do not decode are read as text, losing nothing', () => {
    const body = Buffer.from(bson({ email: 'ada@example.org' }));
    body.writeInt32LE(body.length + 3);
    expect(found(body)).toEqual(['EMAIL ada@example.org']);
    expect(found(Buffer.from('{"email":"ada@example.org"}'), 'application/bson')).toEqual(['EMAIL ada@example.org']);
  });
});
