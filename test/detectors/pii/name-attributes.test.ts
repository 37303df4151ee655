import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Name and street detections in `text`, as `TYPE value@start`. */
function fields(text: string): string[] {
  const bytes = Buffer.from(text, 'latin1');
  return scanBuffer(bytes, { fingerprintKey: KEY })
    .detections.filter((d) => d.type === 'PERSON_NAME' || d.type === 'STREET_ADDRESS')
    .map((d) => `${d.type} ${bytes.toString('latin1', d.start, d.end)}@${d.start}`);
}

describe('HTML form controls', () => {
  it("reads an input's value and a textarea's text under a field's name, at their own bytes", () => {
    const page =
      '<form><input type="text" name="first_name" value="Ada"> <input value=\'Lovelace\' class="x" name=\'last_name\'/>' +
      '<textarea rows="2" name="address">12 High Street</textarea></form>';
    expect(fields(page)).toEqual([
      `PERSON_NAME Ada@${page.indexOf('Ada')}`,
      `PERSON_NAME Lovelace@${page.indexOf('Lovelace')}`,
      `STREET_ADDRESS 12 High Street@${page.indexOf('12 High')}`,
    ]);
    // character references undone, as a page escapes a value
    const escaped = '<input name="lastName" value="O&#39;Neill">';
    expect(fields(escaped)).toEqual([`PERSON_NAME O&#39;Neill@${escaped.indexOf('O&')}`]);
  });

  it('reads no other tag, no control without a value, and none whose name is no field', () => {
    for (const page of [
      '<meta name="first_name" content="Ada">',
      '<param name="street" value="12 High Street">',
      '<input name="first_name">',
      '<input name="first_name" placeholder="Ada">',
      '<input name="product" value="Ada Lovelace">',
      `<input ${'data-x="1" '.repeat(30)}name="first_name" value="Ada">`,
      `<input name="first_name" ${'data-x="1" '.repeat(40)}value="Ada">`,
    ])
      expect(fields(page), page).toEqual([]);
  });

  it('finds the same however the page is chunked', () => {
    const page = Buffer.from(`${'<p>x</p>'.repeat(10)}<input type="text" name="first_name" value="Ada">\n`, 'latin1');
    for (let cut = 1; cut < page.length; cut++) {
      const found = scannedInTwo(page, cut);
      expect(found.filter((d) => d.type === 'PERSON_NAME').length, `cut at ${cut}`).toBe(1);
    }
  });
});

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
/** A SAML assertion's attributes, as an identity provider posts them to an application. */
const saml =
  '<saml:AttributeStatement>' +
  '<saml:Attribute Name="givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">' +
  '<saml:AttributeValue xsi:type="xs:string">Ada</saml:AttributeValue></saml:Attribute>' +
  `<saml:Attribute Name="${CLAIMS}/surname"><saml:AttributeValue>Lovelace</saml:AttributeValue></saml:Attribute>` +
  '<saml:Attribute Name="streetAddress"><saml:AttributeValue>12 High Street</saml:AttributeValue></saml:Attribute>' +
  '<saml:Attribute Name="groups"><saml:AttributeValue>Admins Team</saml:AttributeValue></saml:Attribute>' +
  '</saml:AttributeStatement>';

describe('XML elements a Name attribute names', () => {
  it("reads a SAML attribute's value under the field its name (or its URI's last segment) names", () => {
    expect(fields(saml)).toEqual([
      `PERSON_NAME Ada@${saml.indexOf('>Ada<') + 1}`,
      `PERSON_NAME Lovelace@${saml.indexOf('Lovelace')}`,
      `STREET_ADDRESS 12 High Street@${saml.indexOf('12 High')}`,
    ]);
  });

  it("reads an attribute named by its LDAP attribute's OID, as Shibboleth names them", () => {
    const oids =
      '<saml:Attribute FriendlyName="givenName" Name="urn:oid:2.5.4.42"><saml:AttributeValue>Ada</saml:AttributeValue>' +
      '</saml:Attribute><saml:Attribute Name="urn:oid:2.5.4.4"><saml:AttributeValue>Lovelace</saml:AttributeValue>' +
      '</saml:Attribute><saml:Attribute Name="urn:oid:2.5.4.10"><saml:AttributeValue>Analytical Engines</saml:AttributeValue>';
    expect(fields(oids)).toEqual([
      `PERSON_NAME Ada@${oids.indexOf('>Ada<') + 1}`,
      `PERSON_NAME Lovelace@${oids.indexOf('Lovelace')}`,
    ]);
  });

  it('reads the assertion alike when the identity provider posts it base64-encoded', () => {
    const post = `SAMLResponse=${encodeURIComponent(Buffer.from(saml).toString('base64'))}&RelayState=x`;
    expect(fields(post).map((f) => f.split(' ')[0])).toEqual(['PERSON_NAME', 'PERSON_NAME', 'STREET_ADDRESS']);
  });

  it("reads a Windows event's data by its name, character references undone", () => {
    const event =
      '<EventData><Data Name="TargetUserName">alovelace</Data><Data Name="DisplayName">Ada O&apos;Neill</Data></EventData>';
    expect(fields(event)).toEqual([`PERSON_NAME Ada O&apos;Neill@${event.indexOf('Ada')}`]);
  });

  it('reads no HTML element, no element without text or holding more than one level, none whose name is no field', () => {
    for (const text of [
      '<button name="address">Change address</button>',
      '<select name="first_name"><option>Ada Lovelace</option></select>',
      '<Data Name="DisplayName"/>',
      '<Data Name="DisplayName"/>Ada Lovelace<x>',
      '<Data Name="DisplayName"></Data>',
      '<Data Name="DisplayName"></Data>Ada Lovelace<x>',
      '<Data Name="DisplayName"><b/>Ada Lovelace</Data>',
      '<Data Name="DisplayName"><a><b>Ada</b></a></Data>',
      '<Data Name="Product">Ada Lovelace</Data>',
      `<Data ${'x="1" '.repeat(50)}Name="DisplayName">Ada</Data>`,
      '<Data Name="DisplayName">Ada',
    ])
      expect(fields(text), text).toEqual([]);
  });

  it('finds the same however the assertion is chunked', () => {
    const bytes = Buffer.from(`${'<x>1</x>'.repeat(20)}${saml}`, 'latin1');
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < bytes.length; cut += 5) expect(scannedInTwo(bytes, cut), `cut ${cut}`).toEqual(whole);
  });
});
