import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const EMAIL = sha256('ada@example.org');
const PHONE = sha256('447946000000');
const [FIRST, LAST] = [sha256('ada'), sha256('lovelace')];
const [DOB, ZIP] = [sha256('19851210'), sha256('sw1a1aa')];

/** Fine type and the hash each detection covers, in body order. */
function found(body: string): string[] {
  return scanBuffer(Buffer.from(body), { fingerprintKey: KEY }).detections.map(
    (d) => `${d.fineType} ${body.slice(d.start, d.end).slice(0, 8)}`,
  );
}

describe('hashed identifiers', () => {
  it("in a Meta Conversions API event, each in its list, by its short key (Pinterest's and Snap's are alike)", () => {
    const event = {
      data: [
        {
          event_name: 'Purchase',
          event_time: 1700000000,
          action_source: 'website',
          user_data: {
            em: [EMAIL, sha256('ada.l@example.com')],
            ph: [PHONE],
            fn: FIRST,
            ln: LAST,
            db: DOB,
            zp: ZIP,
            ct: sha256('london'),
            country: sha256('gb'),
            external_id: sha256('42'),
            client_user_agent: 'Mozilla/5.0',
            fbp: 'fb.1.1596403881668.1116446470',
          },
          custom_data: { currency: 'EUR', value: 42.5, content_ids: ['sku-1'] },
        },
      ],
    };
    const body = JSON.stringify(event, null, 2);
    expect(found(body)).toEqual([
      `EMAIL_SHA256 ${EMAIL.slice(0, 8)}`,
      `EMAIL_SHA256 ${sha256('ada.l@example.com').slice(0, 8)}`,
      `PHONE_SHA256 ${PHONE.slice(0, 8)}`,
      `PERSON_NAME_SHA256 ${FIRST.slice(0, 8)}`,
      `PERSON_NAME_SHA256 ${LAST.slice(0, 8)}`,
      `DATE_OF_BIRTH_SHA256 ${DOB.slice(0, 8)}`,
      `POSTCODE_SHA256 ${ZIP.slice(0, 8)}`,
    ]);
  });

  it("in Google Ads' enhanced conversions and the Google tag's user data, by their long keys", () => {
    const ads = JSON.stringify({
      conversions: [
        {
          gclid: 'Cj0KCQiA',
          conversionDateTime: '2024-01-01 12:32:45-08:00',
          userIdentifiers: [
            { hashedEmail: EMAIL },
            { hashedPhoneNumber: PHONE },
            {
              addressInfo: { hashedFirstName: FIRST, hashedLastName: LAST, hashedStreetAddress: sha256('12 high st') },
            },
          ],
        },
      ],
    });
    expect(found(ads).map((f) => f.split(' ')[0])).toEqual([
      'EMAIL_SHA256',
      'PHONE_SHA256',
      'PERSON_NAME_SHA256',
      'PERSON_NAME_SHA256',
      'STREET_ADDRESS_SHA256',
    ]);
    const tag = JSON.stringify({ sha256_email_address: EMAIL, address: { sha256_first_name: FIRST } });
    expect(found(tag)).toEqual([`EMAIL_SHA256 ${EMAIL.slice(0, 8)}`, `PERSON_NAME_SHA256 ${FIRST.slice(0, 8)}`]);
  });

  it("in the Meta Pixel's request, its advanced matching sent as `ud[em]`, the brackets as sent or encoded", () => {
    const query = `GET /tr/?id=1234567890&ev=Purchase&ud[em]=${EMAIL}&ud%5Bph%5D=${PHONE}&cd[value]=10 HTTP/1.1\r\n`;
    expect(found(query)).toEqual([`EMAIL_SHA256 ${EMAIL.slice(0, 8)}`, `PHONE_SHA256 ${PHONE.slice(0, 8)}`]);
  });

  it("under TikTok's plain keys, LinkedIn's `idType`, and a Customer Match list's columns", () => {
    const tiktok = JSON.stringify({ data: [{ event: 'CompletePayment', user: { email: EMAIL, phone: PHONE } }] });
    expect(found(tiktok)).toEqual([`EMAIL_SHA256 ${EMAIL.slice(0, 8)}`, `PHONE_SHA256 ${PHONE.slice(0, 8)}`]);
    const linkedin = JSON.stringify({
      user: {
        userIds: [
          { idType: 'SHA256_EMAIL', idValue: EMAIL },
          { idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: FIRST },
        ],
      },
    });
    expect(found(linkedin)).toEqual([`EMAIL_SHA256 ${EMAIL.slice(0, 8)}`]);
    const list = `Email,Phone,Country\n${EMAIL},${PHONE},GB\n${LAST},${DOB},US\n`;
    expect(found(list).map((f) => f.split(' ')[0])).toEqual([
      'EMAIL_SHA256',
      'PHONE_SHA256',
      'EMAIL_SHA256',
      'PHONE_SHA256',
    ]);
  });

  it("under a person's or a street's own field names: a Customer Match list's First Name column, a JSON key", () => {
    const list = `Email,First Name,Last Name,Zip\n${EMAIL},${FIRST},${LAST},SW1A1AA\n`;
    expect(found(list).map((f) => f.split(' ')[0])).toEqual([
      'EMAIL_SHA256',
      'PERSON_NAME_SHA256',
      'PERSON_NAME_SHA256',
      'UK_POSTCODE',
    ]);
    const json = JSON.stringify({ given_name: FIRST, street: ZIP, password: DOB, order_id: LAST });
    expect(found(json)).toEqual([
      `PERSON_NAME_SHA256 ${FIRST.slice(0, 8)}`,
      `STREET_ADDRESS_SHA256 ${ZIP.slice(0, 8)}`,
      `SECRET ${DOB.slice(0, 8)}`,
    ]);
  });

  it('as MD5 or SHA-1 under a key that names the e-mail, phone or name, its fine type naming the hash', () => {
    const md5 = (v: string): string => createHash('md5').update(v).digest('hex');
    const sha1 = (v: string): string => createHash('sha1').update(v).digest('hex');
    // Criteo's OneTag, a data broker's list columns, a JSON key naming the hash
    expect(found(JSON.stringify({ event: 'setEmail', email: md5('ada@example.org'), hash_method: 'md5' }))).toEqual([
      `EMAIL_MD5 ${md5('ada@example.org').slice(0, 8)}`,
    ]);
    const list = `Email,Phone,First Name\n${sha1('ada@example.org')},${md5('447946000000')},${sha1('ada')}\n`;
    expect(found(list).map((f) => f.split(' ')[0])).toEqual(['EMAIL_SHA1', 'PHONE_MD5', 'PERSON_NAME_SHA1']);
    expect(
      found(JSON.stringify({ email_md5: md5('a@b.org'), sha1_phone: sha1('1') })).map((f) => f.split(' ')[0]),
    ).toEqual(['EMAIL_MD5', 'PHONE_SHA1']);
  });

  it("as SHA-256 in base64 under UID2's and EUID's keys, one value with the same hash in hex", () => {
    const base64 = (v: string): string => createHash('sha256').update(v).digest('base64');
    // an identity map request: lists of hashes, as UID2's and EUID's operators take them
    const map = JSON.stringify({
      email_hash: [base64('ada@example.org'), base64('grace@example.org')],
      phone_hash: [base64('+447946000000')],
    });
    expect(found(map).map((f) => f.split(' ')[0])).toEqual(['EMAIL_SHA256', 'EMAIL_SHA256', 'PHONE_SHA256']);
    const [b64] = scanBuffer(Buffer.from(JSON.stringify({ email_hash: base64('ada@example.org') })), {
      fingerprintKey: KEY,
    }).detections;
    const [hex] = scanBuffer(Buffer.from(JSON.stringify({ email_hash: EMAIL })), { fingerprintKey: KEY }).detections;
    expect(b64?.fingerprint).toBe(hex?.fingerprint);
    // not under the two-letter keys (hex alone, as their APIs ask), nor cut or unpadded, nor under any other key
    const other = base64('x');
    expect(
      found(JSON.stringify({ em: other, ph: other, email_hash: other.slice(1), phone_hash: other.slice(0, -1) })),
    ).toEqual([]);
    expect(found(JSON.stringify({ nonce: other, signature: other, sha256: other }))).toEqual([]);
  });

  it('not as MD5 or SHA-1 under the two-letter keys, which take SHA-256 alone, nor as a file checksum', () => {
    const md5 = createHash('md5').update('x').digest('hex');
    const sha1 = createHash('sha1').update('x').digest('hex');
    expect(found(JSON.stringify({ em: md5, ph: sha1, fn: md5, ln: sha1, db: md5, zp: sha1 }))).toEqual([]);
    expect(found(JSON.stringify({ md5, sha1, etag: md5, checksum: sha1, content_md5: md5 }))).toEqual([]);
  });

  it('leave an e-mail address or phone number under the same keys to their own recognizers, found once', () => {
    expect(found('{"email": "ada@example.org", "phone": "+44 20 7946 0958"}').map((f) => f.split(' ')[0])).toEqual([
      'EMAIL',
      'PHONE_GB',
    ]);
  });

  it('fingerprint a hash alike in either case, apart from the address it hashes', () => {
    const lower = scanBuffer(Buffer.from(`{"em":"${EMAIL}"}`), { fingerprintKey: KEY }).detections[0];
    const upper = scanBuffer(Buffer.from(`{"em":"${EMAIL.toUpperCase()}"}`), { fingerprintKey: KEY }).detections[0];
    const plain = scanBuffer(Buffer.from('{"email":"ada@example.org"}'), { fingerprintKey: KEY }).detections[0];
    expect(lower?.fingerprint).toBe(upper?.fingerprint);
    expect(lower?.fingerprint).not.toBe(plain?.fingerprint);
    expect([lower?.type, lower?.validated]).toEqual(['EMAIL', false]);
  });

  it("are not read from a hash under any other key, nor from a short key's other values", () => {
    const body = JSON.stringify({
      trace: EMAIL,
      etag: EMAIL,
      sha256: EMAIL,
      checksum: EMAIL,
      item_em: EMAIL,
      ph: 'abc',
      db: 'prod',
      fn: 'handler',
      zp: '12',
      em: [EMAIL.slice(1), 42, `${EMAIL}0`],
    });
    expect(found(body)).toEqual([]);
  });

  it('are read alike however the body is cut', async () => {
    const body = Buffer.from(JSON.stringify({ user_data: { em: [EMAIL, EMAIL.toUpperCase()], ph: [PHONE] } }));
    const whole = await streamedKeys(body, [], { fingerprintKey: KEY });
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < body.length; cut += 7)
      expect(await streamedKeys(body, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
  });
});
