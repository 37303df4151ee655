import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';

const KEY = 'breachwatch-test-fingerprint-key';
const values = (text: string): string[] =>
  scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections.map(
    (d) => `${d.type} ${Buffer.from(text).toString('utf8', d.start, d.end)}`,
  );

describe('field values', () => {
  it("takes no field's own name for a value: a form's translations and a table of labels hold them", () => {
    const labels = '{"first_name":"First name","last_name":"Nachname","street":"Street address","name":"Name"}';
    expect(values(labels)).toEqual([]);
    expect(values('{"given_name":"E-mail","surname":"Phone","address":"Date of birth","first_name":"Name"}')).toEqual(
      [],
    );
    // a table of labels beside values read as CSV: the label column holds labels under a field's name
    expect(values('First name,Ada\nAddress,12 High Street\nEmail,ada@example.org\n')).toEqual([
      'EMAIL ada@example.org',
    ]);
  });

  it('still takes a value that only holds such a word', () => {
    // a form's German translations: labels all, a password's too
    expect(values('{"first_name":"Passwort","password":"Passwort","secret":"Passwort1"}')).toEqual([
      'CREDENTIAL Passwort1',
    ]);
    expect(values('{"first_name":"Ada","street":"12 Name Street","last_name":"Streetman"}')).toEqual([
      'PERSON_NAME Ada',
      'STREET_ADDRESS 12 Name Street',
      'PERSON_NAME Streetman',
    ]);
  });

  it('takes no null, placeholder, mask or template for a value, whatever the field', () => {
    const none =
      '{"first_name":"null","last_name":"None","street":"undefined","address":"N/A","name":"[redacted]","surname":"false"}';
    expect(values(none)).toEqual([]);
    // as API references write their examples (the AWS SDK's `STRING_VALUE`), and masks in ASCII and in UTF-8
    expect(values('{"FirstName":"STRING_VALUE","Password":"STRING_VALUE","secret":"string"}')).toEqual([]);
    expect(values('{"password":"••••••••","secret":"********","api_key":"{{API_KEY}}","first_name":"<name>"}')).toEqual(
      [],
    );
    expect(values('first_name=null&last_name=undefined&password=%25PASSWORD%25')).toEqual([]);
    // a type declaration (lib.dom.d.ts), its members one to a line
    expect(values('interface Credentials {\n    password: string;\n    firstName: string,\n}')).toEqual([]);
    // the words inside a value are no placeholder
    expect(values('{"first_name":"Nil","last_name":"Nullman","password":"none-of-yours"}')).toEqual([
      'PERSON_NAME Nil',
      'PERSON_NAME Nullman',
      'CREDENTIAL none-of-yours',
    ]);
  });

  it('takes no code for a value: fields read from minified JavaScript or a struct literal', () => {
    const bundle = [
      'this.accessToken=props.accessToken,this.password=properties.password;',
      'return{accessToken:this.accessToken,clientSecret:self.clientSecret};',
      '{AccessToken:cdk().stringToCloudFormation(properties.accessToken),Auto:1}',
      'let ApiKey=(()=>{let _classDecorators;',
      'static APPLE_FIRST_NAME=new ProviderAttribute("first_name");',
      'const password=getPassword();',
      "        self.password = config['password']",
      'env:{AWS_SECRET_ACCESS_KEY:credentials.secretAccessKey,AWS_SESSION_TOKEN:creds.sessionToken}',
      '    this.secret = secret;',
      '    secretAccessKey: parsed.SecretAccessKey,',
      '    refreshToken: refreshToken,',
      '    password: session.Credentials.SecretAccessKey',
      '    client_secret: false,',
      '  API_KEY = "API_KEY",',
      '{accessToken:D.SENSITIVE_STRING},',
    ].join('\n');
    expect(values(bundle)).toEqual([]);
    // a value is data when it is one, in code too
    expect(values('password=hunter2secret&first_name=Ada\nconst config={password:"Tr0ub4dor3"};')).toEqual([
      'CREDENTIAL hunter2secret',
      'PERSON_NAME Ada',
      'CREDENTIAL Tr0ub4dor3',
    ]);
    // a dotted password is no member, and a quoted one keeps what its quotes hold before a `,` or `;`
    expect(values('password=Summer.Sun&x=1\n  password: "correct.Horse7",\n  secret = \'s3cr3t-value\';\n')).toEqual([
      'CREDENTIAL Summer.Sun',
      'CREDENTIAL correct.Horse7',
      'CREDENTIAL s3cr3t-value',
    ]);
  });
});
