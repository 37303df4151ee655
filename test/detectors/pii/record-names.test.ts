import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_RECOGNIZERS, scanBuffer } from '../../../detectors/pii/index.js';
import { RECORD_BEFORE } from '../../../detectors/pii/record-names.js';
import { at, personNames } from '../../support/pii-names.js';
import { detectionKey, scannedInTwo, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

describe('a name field in a personal record', () => {
  it("reads `name` as a person's when its JSON object holds a personal key or an e-mail, before or after it", () => {
    const stripe =
      '{"id":"cus_NffrFeUfNV2Hib","object":"customer","address":{"city":"San Francisco","line1":"510 Townsend St"},' +
      '"balance":0,"email":"jennyrosen@example.com","name":"Jenny Rosen","phone":"+14155552671"}';
    expect(personNames(stripe)).toEqual([at(stripe, 'Jenny Rosen')]);
    const users =
      '[{"name": "Ada Lovelace", "email": "ada@example.org"}, {"name": "Alan Turing", "dob": "1912-06-23"}]';
    expect(personNames(users)).toEqual([at(users, 'Ada Lovelace'), at(users, 'Alan Turing')]);
    const contact = '{"name":"Grace Hopper","contact":"grace@example.org"}';
    expect(personNames(contact)).toEqual([at(contact, 'Grace Hopper')]);
    const nested = '{"first_name":"Ada","profile":{"bio":"hello"},"name":"Ada Lovelace"}';
    expect(personNames(nested)).toEqual([at(nested, 'Ada'), at(nested, 'Ada Lovelace')]);
    // a JSON log's message or an SQS body holding the object, its quotes escaped
    const escaped = '{"msg":"{\\"name\\":\\"Ada Lovelace\\",\\"email\\":\\"ada@example.org\\"}"}';
    expect(personNames(escaped)).toEqual([at(escaped, 'Ada Lovelace')]);
    const before = '{"msg":"{\\"mobile\\": \\"x\\", \\"name\\":\\"Ada Lovelace\\"}"}';
    expect(personNames(before)).toEqual([at(before, 'Ada Lovelace')]);
    expect(personNames('{"msg":"{\\"name\\":\\"Blue Widget\\",\\"sku\\":\\"ada@x\\"}"}')).toEqual([]);
    const later = '{"msg":"{\\"name\\":\\"Ada Lovelace\\",\\"plan\\":\\"pro\\",\\"email\\":\\"ada@example.org\\"}"}';
    expect(personNames(later)).toEqual([at(later, 'Ada Lovelace')]);
    // a sibling key ending in a personal one from a word's start, not mid-word
    const prefixed = '{"name":"Ada Lovelace","customer_phone":"x"} {"name":"Grace Hopper","billingEmail":"x"}';
    expect(personNames(prefixed)).toEqual([at(prefixed, 'Ada Lovelace'), at(prefixed, 'Grace Hopper')]);
    expect(personNames('{"name":"Ada Lovelace","microphone":"x","hotel":"y"}')).toEqual([]);
    // Mixpanel's reserved properties, a `$` before each name
    const mixpanel = '{"$set":{"$name":"Grace Hopper","$phone":"4155550132"}}';
    expect(personNames(mixpanel)).toEqual([at(mixpanel, 'Grace Hopper')]);
    expect(personNames('{"$set":{"$name":"Grace Hopper","$created":"2024-01-01"}}')).toEqual([]);
    // a log line holding an SQS event whose body holds the object: its quotes escaped twice, or three times
    for (const depth of [2, 3]) {
      const deep = (record: object): string => {
        let text = JSON.stringify(record);
        for (let d = 0; d < depth; d++) text = JSON.stringify({ body: text });
        return text;
      };
      const after = deep({ name: 'Ada Lovelace', plan: 'pro', email: 'ada@example.org' });
      expect(personNames(after), `depth ${depth}`).toEqual([at(after, 'Ada Lovelace')]);
      const first = deep({ mobile: 'x', name: 'Ada Lovelace' });
      expect(personNames(first), `depth ${depth}`).toEqual([at(first, 'Ada Lovelace')]);
      expect(personNames(deep({ name: 'Blue Widget', sku: 'ada@x' })), `depth ${depth}`).toEqual([]);
      // the string holding the object ends (a shallower quote) before the e-mail: another record's
      const split = JSON.stringify({ a: '{"name":"Ada Lovelace",', b: '"email":"ada@example.org"}' });
      let ended = split;
      for (let d = 1; d < depth; d++) ended = JSON.stringify({ body: ended });
      expect(personNames(ended), `depth ${depth}`).toEqual([]);
      expect(personNames(deep({ name: 'Blue Widget', owner: { email: 'ada@example.org' } })), `depth ${depth}`).toEqual(
        [],
      );
    }
    const street = '{"street":"12 High Street","name":"Ada Lovelace"}';
    expect(personNames(street).slice(-1)).toEqual([at(street, 'Ada Lovelace')]);
    const dynamo = '{"name": {"S": "Ada Lovelace"}, "phone_number": {"S": "+442079460958"}}';
    expect(personNames(dynamo)).toEqual([at(dynamo, 'Ada Lovelace')]);
  });

  it('reads a form, query or log line the same way, within its line', () => {
    const form = 'name=Ada+Lovelace&email=ada%40example.org&plan=pro';
    expect(personNames(form)).toEqual([at(form, 'Ada+Lovelace')]);
    const log = 'level=info user=ada@example.org name="Ada Lovelace" action=login';
    expect(personNames(log)).toEqual([at(log, 'Ada Lovelace')]);
    const encoded = 'contact=ada%40example.org&name=Ada+Lovelace';
    expect(personNames(encoded)).toEqual([at(encoded, 'Ada+Lovelace')]);
    const keyed = 'ts=1 name="Ada Lovelace" postcode=NW1';
    expect(personNames(keyed)).toEqual([at(keyed, 'Ada Lovelace')]);
    expect(personNames('user=ada@example.org\nts=1 name="Ada Lovelace" action=login')).toEqual([]);
    expect(personNames('ts=1 name="Ada Lovelace" action=login\nuser=ada@example.org')).toEqual([]);
    // a calendar invitation's organizer and attendee: a parameter's value ends where the property's starts
    const invite =
      'ORGANIZER;CN=Grace Hopper:mailto:grace@example.org\r\nATTENDEE;RSVP=TRUE;CN="Ada Lovelace":mailto:ada@example.org\r\n';
    expect(personNames(invite)).toEqual([at(invite, 'Grace Hopper'), at(invite, 'Ada Lovelace')]);
    expect(personNames('LOCATION;CN=Grace Hopper:Room 1\r\n')).toEqual([]);
  });

  it("reads an XML element's children the same way: a personal sibling element, or an e-mail in a sibling's text", () => {
    const soap =
      '<?xml version="1.0"?><ns:Contacts xmlns:ns="urn:crm"><ns:Contact><ns:Id>7</ns:Id><ns:Email>x</ns:Email>' +
      '<ns:Name>Ada Lovelace</ns:Name></ns:Contact><ns:Contact><ns:Name>Alan Turing</ns:Name><ns:Phone/></ns:Contact>' +
      '<ns:Contact><!-- vip --><ns:Name><![CDATA[Grace Hopper]]></ns:Name><ns:Note>mail grace@example.org</ns:Note>' +
      '</ns:Contact></ns:Contacts>';
    expect(personNames(soap)).toEqual([at(soap, 'Ada Lovelace'), at(soap, 'Alan Turing'), at(soap, 'Grace Hopper')]);
    // comments and empty elements between are skipped, an e-mail in an earlier sibling's text counts
    for (const xml of [
      '<c><email>x</email><!-- note --><name>Ada Lovelace</name></c>',
      '<c><name>Ada Lovelace</name><flag/><phone>1</phone></c>',
      '<c><note>mail ada@example.org</note><name>Ada Lovelace</name></c>',
    ])
      expect(personNames(xml), xml).toEqual([at(xml, 'Ada Lovelace')]);
    for (const other of [
      '<p><sku>1</sku><name>Blue Widget</name><price>7</price></p>',
      '<r><c><email>x</email></c><p><name>Blue Widget</name></p></r>',
      '<r><p><name>Blue Widget</name></p><c><email>x</email></c></r>',
      '<p><name>Blue Widget</name><owner><contact>ada@example.org</contact></owner></p>',
      '<p><owner><contact>ada@example.org</contact></owner><name>Blue Widget</name></p>',
    ])
      expect(personNames(other), other).toEqual([]);
  });

  it('reads a block of `key: value` lines the same way: a form mailed as text, YAML records and list items', () => {
    const mail = 'Subject: Contact form\n\nName: Ada Lovelace\nEmail: ada@example.org\nMessage: call me\n';
    expect(personNames(mail)).toEqual([at(mail, 'Ada Lovelace')]);
    // mail and HTTP end their lines in CRLF; the personal line may come after the name or before it
    for (const lines of [
      'Name: Ada Lovelace\r\nEmail: ada@example.org\r\n',
      'Email: ada@example.org\r\nName: Ada Lovelace\r\n',
    ])
      expect(personNames(lines)).toEqual([at(lines, 'Ada Lovelace')]);
    const yaml = [
      'users:',
      '  - id: 1',
      '    email: ada@example.org',
      '    name: Ada Lovelace',
      '  - name: Blue Widget',
      '    sku: 7',
      '  - name: Alan Turing',
      '    profile:',
      '      contact: grace@example.org',
      '    phone: 1',
      '  - name: Grace Hopper',
      '    profile:',
      '      contact: grace@example.org',
      'next: 1',
      '',
    ].join('\n');
    expect(personNames(yaml)).toEqual([at(yaml, 'Ada Lovelace'), at(yaml, 'Alan Turing')]);
    const contact = 'name: Ada Lovelace\ncontact: ada@example.org\n';
    expect(personNames(contact)).toEqual([at(contact, 'Ada Lovelace')]);
    for (const other of [
      'email: ada@example.org\n\nname: Blue Widget\nsku: 7\n',
      '  email: ada@example.org\nitem:\n  name: Blue Widget\n',
      'item:\n  name: Blue Widget\nnext:\n  email: ada@example.org\n',
      'email: ada@example.org\nitem:\n  name: Blue Widget\n',
      '  email: ada@example.org\nname: Blue Widget\n',
    ])
      expect(personNames(other), other).toEqual([]);
  });

  it("reads LDAP's `cn` the same way: a directory entry exported as LDIF or CSV, not a certificate's subject", () => {
    const ldif =
      'dn: uid=alovelace,ou=people,dc=example,dc=org\ncn: Ada Lovelace\ngivenName: Ada\nmail: ada@example.org\n';
    expect(personNames(ldif)).toEqual([at(ldif, 'Ada Lovelace'), `Ada@${ldif.indexOf('givenName: ') + 11}`]);
    const csv = 'DN,cn,mail\n"CN=Ada Lovelace,DC=corp",Ada Lovelace,ada@example.org\n';
    expect(personNames(csv)).toEqual([`Ada Lovelace@${csv.indexOf(',Ada Lovelace,') + 1}`]);
    expect(personNames('{"subject":{"cn":"Amazon Root","o":"Amazon"}}')).toEqual([]);
    // a table's bare name column with no personal column beside it
    expect(personNames('id,cn,price\n7,Ada Lovelace,3\n')).toEqual([]);
    expect(personNames('id,name,price\n7,Ada Lovelace,3\n')).toEqual([]);
    expect(personNames('dn: cn=Ada Lovelace,ou=groups\ncn: Ada Lovelace\nmember: uid=x\n')).toEqual([]);
  });

  it("reads an ISO 20022 payment party's name (a SEPA payment file), not the initiating company's", () => {
    const pain =
      '<Document><GrpHdr><InitgPty><Nm>Acme Payments</Nm></InitgPty></GrpHdr><PmtInf><Dbtr><Nm>Acme GmbH</Nm></Dbtr>' +
      '<CdtTrfTxInf><Cdtr>\n  <Nm>Ada Lovelace</Nm>\n</Cdtr><UltmtCdtr><Nm>Grace Hopper</Nm></UltmtCdtr>' +
      '<RmtInf><Nm>Alan Turing</Nm></RmtInf></CdtTrfTxInf></PmtInf></Document>';
    expect(personNames(pain)).toEqual([at(pain, 'Ada Lovelace'), at(pain, 'Grace Hopper')]);
  });

  it('leaves a name whose record holds nothing personal, or whose personal data is in another record', () => {
    expect(personNames('{"sku":"SKU-1","name":"Blue Widget","price":7}')).toEqual([]);
    expect(personNames('[{"name":"Blue Widget"},{"email":"ada@example.org"}]')).toEqual([]);
    expect(personNames('[{"email":"ada@example.org"},{"name":"Blue Widget"}]')).toEqual([]);
    expect(personNames('{"name":"Blue Widget","owner":{"email":"ada@example.org"}}')).toEqual([]);
    expect(personNames('{"owner":{"email":"ada@example.org"},"name":"Blue Widget"}')).toEqual([]);
    expect(personNames('{"emails":["ada@example.org"],"name":"Blue Widget"}')).toEqual([]);
    // a bare quote ends the string an escaped object is held in
    expect(personNames('{"a":"{\\"name\\":\\"Blue Widget\\",","b":"\\"email\\":\\"ada@example.org\\""}')).toEqual([]);
    expect(personNames('{"name":"Blue Widget","company":"@acme"}')).toEqual([]);
    expect(personNames('sku=1&name=Blue+Widget&price=7')).toEqual([]);
  });

  it("takes only a person's shape: two to four capitalised words, initials and particles between", () => {
    const record = (value: string): string => `{"email":"ada@example.org","name":"${value}"}`;
    for (const value of [
      'Jane Q. Doe',
      'Ludwig van Beethoven',
      "Mary-Kate O'Neill",
      'Ronald McDonald',
      'Zo\xc3\xab Wi\xc5\x9bniewska',
      '\xc5\x81ukasz Nowak',
      'Sin\xc3\xa9ad O\xe2\x80\x99Connor',
      Buffer.from('Анна Иванова').toString('latin1'),
      Buffer.from('Γιώργος Παπαδόπουλος').toString('latin1'),
    ])
      expect(personNames(record(value)), value).toEqual([at(record(value), value)]);
    // as Python's json writes letters beyond ASCII
    const escaped = record('\\u00c9lise Wi\\u015bniewska');
    expect(personNames(escaped)).toEqual([at(escaped, '\\u00c9lise Wi\\u015bniewska')]);
    for (const value of [
      'Ada',
      'ada lovelace',
      'ADA LOVELACE',
      'Widget 83d1',
      'Acme Inc',
      'Test User',
      'Production Database',
      'Quarterly Report',
      'Marketing Department',
      'One Two Three Four Five',
    ])
      expect(personNames(record(value)), value).toEqual([]);
  });

  it('reads the record within RECORD_BEFORE bytes before the key and the field tail after it, however chunked', () => {
    for (const gap of [RECORD_BEFORE - 40, RECORD_BEFORE + 20])
      for (const text of [
        `{"email":"ada@example.org","note":"${'x'.repeat(gap)}","name":"Ada Lovelace"}`,
        `<c><email>x</email><note>${'x'.repeat(gap)}</note><name>Ada Lovelace</name><id>1</id></c>`,
        `{"note":"x","name":"Ada Lovelace","id":"${'x'.repeat(gap - 40)}","email":"ada@example.org"}`,
        `email: ada@example.org\nnote: ${'x'.repeat(gap)}\nname: Ada Lovelace\nid: 1\n`,
      ]) {
        const body = Buffer.from(text, 'latin1');
        const whole = personNames(text);
        expect(whole, `gap ${gap}`).toHaveLength(gap < RECORD_BEFORE ? 1 : 0);
        for (let cut = 1; cut < body.length; cut++) {
          const found = scannedInTwo(body, cut);
          expect(found.filter((d) => d.type === 'PERSON_NAME').length, `gap ${gap}, cut at ${cut}`).toBe(whole.length);
        }
      }
  });

  it('is off with the person-name field recognizer, or below its confidence floor', () => {
    const text = '{"email":"ada@example.org","name":"Ada Lovelace"}';
    const fieldRecognizers = FIELD_RECOGNIZERS.filter((r) => r.type !== 'PERSON_NAME');
    expect(personNames(text, { fieldRecognizers })).toEqual([]);
    expect(personNames(text, { minConfidence: 0.9 })).toEqual([]);
  });

  it('never throws on mangled records, and streams them to what scanBuffer finds', async () => {
    const piece = fc.constantFrom(
      '{"name":"Ada Lovelace"',
      '"name": "Grace Hopper",',
      '\\"name\\":\\"Alan Turing\\"',
      '"email":"ada@example.org"',
      ',"phone":"1"}',
      '<name>Ada Lovelace</name>',
      '<email>x</email>',
      '</c>',
      '<c>',
      'name: Ada Lovelace\n',
      '  - name: Grace Hopper\n',
      '    email: x\n',
      'name=Ada+Lovelace&',
      'email=ada%40example.org ',
      'From: Ada Lovelace <ada@example.org>\n',
      '<input name="first_name" value="Ada">',
      'Authorization: Basic YWRhOmh1bnRlcjI=\n',
      '\\\\\\"first_name\\\\\\":\\\\\\"Ada\\\\\\"',
      '{firstName: "Ada", ',
      "street: '12 High St'}",
      '"family":"Lovelace","given":["Ada"]',
      '"line":["12 High St"],"city":"x"',
      'born December 10, 1985',
      'tel +44\xc2\xa020\xc2\xa07946\xc2\xa00958',
      'iban=de89370400440532013000&',
      // this session's readers: printed records, bracketed and suffixed keys, split dates, named elements, JWTs
      "{'first_name': 'Ada', ",
      '"last_name"=>"Lovelace", ',
      '    [street] => 12 High St\n',
      'User(firstName=Ada, street=12 High St)',
      '{FirstName:Ada Street:12 High St}',
      'billing_details[name]=Ada+Lovelace&',
      'dob%5Byear%5D=1985&dob%5Bday%5D=10&dob[month]=12&',
      '"dob":{"day":10,"month":12,"year":1985}',
      '"billing_first_name":"Ada",',
      '<saml:Attribute Name="givenName"><saml:AttributeValue>Ada</saml:AttributeValue>',
      'ORGANIZER;CN=Grace Hopper:mailto:g@example.org\r\n',
      'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFkYUBleGFtcGxlLm9yZyJ9.c2ln ',
      'jos\xc3\xa9@m\xc3\xbcnchen.de ',
      '+1 202-555-0123 ',
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      '\n',
      ' ',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (pieces, raw) => {
          const bytes = Buffer.from(pieces.join(''), 'latin1');
          const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
          const cuts = raw.map((c) => c % (bytes.length + 1));
          expect(await streamedKeys(bytes, cuts, { fingerprintKey: KEY })).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});
