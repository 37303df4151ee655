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
});
