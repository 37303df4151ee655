import { describe, expect, it } from 'vitest';
import { bracketKeyBefore, KEY, keyHashBefore } from '../../../detectors/pii/field-keys.js';
import { hashFrom } from '../../../detectors/pii/field-table.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY_TEXT = 'breachwatch-test-fingerprint-key';

/** The bracketed key ending at the `=` in `text`: its whole key and its last segment, or undefined. */
function bracketed(text: string): [string, string] | undefined {
  const bytes = Buffer.from(text, 'latin1');
  const end = text.indexOf('=');
  if (!bracketKeyBefore(bytes, end)) return undefined;
  return [text.slice(KEY.start, end), text.slice(KEY.nameStart, KEY.end)];
}

/** Detections in a form body: type and value. */
function found(text: string): string[] {
  return scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY_TEXT }).detections.map(
    (d) => `${d.type} ${text.slice(d.start, d.end)}`,
  );
}

describe('keyHashBefore', () => {
  it("hashes a key's last dotted segment and leaves where the key starts", () => {
    const bytes = Buffer.from('x customer.first_name=', 'latin1');
    expect(keyHashBefore(bytes, bytes.length - 1)).toBe(hashFrom(Buffer.from('first_name'), 0, 10));
    expect(KEY.start).toBe(2);
    expect(keyHashBefore(Buffer.from(' ='), 1)).toBeUndefined();
  });
});

describe('bracketKeyBefore', () => {
  it('reads a form key by its last bracketed segment, brackets plain or percent-encoded in either case', () => {
    expect(bracketed('&billing_details[name]=Ada')).toEqual(['billing_details[name]', 'name']);
    expect(bracketed('user[address][line1]=12')).toEqual(['user[address][line1]', 'line1']);
    expect(bracketed('contacts[0][email]=a')).toEqual(['contacts[0][email]', 'email']);
    expect(bracketed('user%5Baddress%5D%5Bline1%5D=12')).toEqual(['user%5Baddress%5D%5Bline1%5D', 'line1']);
    expect(bracketed('user%5bfirst_name%5d=Ada')).toEqual(['user%5bfirst_name%5d', 'first_name']);
  });

  it('reads no key without brackets, with an empty segment, unopened, or with nothing before its bracket', () => {
    for (const text of [
      'first_name=Ada',
      'tags[]=a',
      'name]=Ada',
      'x]name]=Ada',
      '[name]=Ada',
      'a [name]=Ada',
      'a%5Cname%5D=Ada',
      'a%6Bname%6D=Ada',
      `user[${'a'.repeat(41)}]=x`,
    ])
      expect(bracketed(text), text).toBeUndefined();
  });
});

describe('keys ending in a field name', () => {
  it("reads a key by the field's name it ends in from a word's start: snake_case, kebab-case, camelCase", () => {
    const json =
      '{"billing_first_name":"Ada","customerLastName":"Lovelace","shipping-address-1":"12 High Street","order.patientSurname":"Hopper"}';
    expect(found(json)).toEqual([
      'PERSON_NAME Ada',
      'PERSON_NAME Lovelace',
      'STREET_ADDRESS 12 High Street',
      'PERSON_NAME Hopper',
    ]);
    expect(found('billing_last_name=Lovelace&user[billing_street]=12+High+Street')).toEqual([
      'PERSON_NAME Lovelace',
      'STREET_ADDRESS 12+High+Street',
    ]);
    expect(found('{"db_password":"hunter2hunter2"}')).toEqual(['CREDENTIAL hunter2hunter2']);
  });

  it('reads a column header, a Name naming a value, and a name attribute the same way', () => {
    expect(found('Order ID,Billing First Name,Billing Address 1\n1001,Ada,12 High Street\n')).toEqual([
      'PERSON_NAME Ada',
      'STREET_ADDRESS 12 High Street',
    ]);
    expect(found('[{"Name":"custom:billing_last_name","Value":"Lovelace"}]')).toEqual(['PERSON_NAME Lovelace']);
    expect(found('<input name="billingFirstName" value="Ada">')).toEqual(['PERSON_NAME Ada']);
    expect(found('Order ID,Email Address,Product Display Name\n1001,Ada Lovelace,Ada Lovelace\n')).toEqual([]);
  });

  it('reads no key ending in a general name, nor one ending mid-word', () => {
    for (const text of [
      '{"email_address":"Ada Lovelace Street"}',
      '{"emailAdresse":"12 High Street"}',
      '{"wallet_address":"12 High Street"}',
      '{"product_display_name":"Ada Lovelace"}',
      '{"productNombre":"Ada Lovelace"}',
      '{"order_line1":"12 High Street"}',
      '{"pfirstname":"Ada"}',
      '{"XFIRSTNAME":"Ada"}',
    ])
      expect(found(text), text).toEqual([]);
  });
});

describe('forms with bracketed keys', () => {
  const stripe =
    'billing_details[name]=Ada+Lovelace&billing_details[address][line1]=12+High+Street&card[number]=4111111111111111';

  it('reads each value as the field its last segment names, a bare `name` beside personal fields too', () => {
    expect(found(stripe)).toEqual([
      'PERSON_NAME Ada+Lovelace',
      'STREET_ADDRESS 12+High+Street',
      'CREDIT_CARD 4111111111111111',
    ]);
    expect(found('user%5Bfirst_name%5D=Grace&user%5Baddress%5D%5Bline1%5D=12+High+Street')).toEqual([
      'PERSON_NAME Grace',
      'STREET_ADDRESS 12+High+Street',
    ]);
  });

  it('reads a bare `name` as nobody without a personal sibling, and a key after a colon as no form key', () => {
    expect(found('product[name]=Widget+Pro&product[sku]=W-1')).toEqual([]);
    expect(found('note:user[first_name]=Ada')).toEqual([]);
  });

  it('finds the same however the body is chunked', () => {
    const bytes = Buffer.from(`${'x'.repeat(300)}\n${stripe}`, 'latin1');
    const whole = scanBuffer(bytes, { fingerprintKey: KEY_TEXT }).detections;
    expect(whole).toHaveLength(3);
    for (let cut = 250; cut < bytes.length; cut += 7) expect(scannedInTwo(bytes, cut), `cut ${cut}`).toEqual(whole);
  });
});
