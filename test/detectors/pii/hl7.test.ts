import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hl7Table, looksLikeHl7 } from '../../../detectors/pii/hl7.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
/** An ADT^A01 admission as a hospital's system sends it, over MLLP (0x0B … 0x1C 0x0D). */
const adt = [
  '\x0bMSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240101120000||ADT^A01|MSG0001|P|2.5',
  'EVN|A01|20240101120000',
  'PID|1||9434765919^^^NHS^NH||Lovelace&Byron^Ada^Augusta^^Ms~King^Ada||19851210|F|||12 High Street^^London^^SW1A 1AA^GB||020 7946 0958^PRN^PH~^NET^Internet^ada@example.org||||||536-22-1234',
  'NK1|1|Turing^Alan|FND|1 Low Road^^Manchester^^M1 1AE^GB|0161 496 0000',
  'PV1|1|I|WARD1^^^HOSP',
  '\x1c\r',
].join('\r');
const found = (text: string): string[] =>
  scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections.map(
    (d) => `${d.type} ${text.slice(d.start, d.end)}`,
  );

describe('HL7 v2 messages', () => {
  it('knows a message, a batch and an MLLP frame by their first segment', () => {
    for (const head of ['MSH|^~\\&|A', '\x0bMSH|^~\\&|A', 'FHS|^~\\&|A', 'MSH#^~\\&#A'])
      expect(looksLikeHl7(Buffer.from(head, 'latin1')), head).toBe(true);
    for (const head of ['MSH ^~', 'PID|1||x', 'xMSH|^~\\&']) expect(looksLikeHl7(Buffer.from(head)), head).toBe(false);
  });

  it("reads a patient's and a next of kin's name, birth date, street, postcode, phone and SSN, each at its field", () => {
    expect(found(adt).sort()).toEqual([
      'DATE_OF_BIRTH 19851210',
      'EMAIL ada@example.org',
      'HEALTH_ID 9434765919',
      'PERSON_NAME Ada',
      'PERSON_NAME Alan',
      'PERSON_NAME Augusta',
      'PERSON_NAME Lovelace',
      'PERSON_NAME Turing',
      'PHONE 0161 496 0000',
      'PHONE 020 7946 0958',
      'POSTCODE M1 1AE',
      'POSTCODE SW1A 1AA',
      'STREET_ADDRESS 1 Low Road',
      'STREET_ADDRESS 12 High Street',
      'US_SSN 536-22-1234',
    ]);
  });

  it('renders each person segment as a row, its birth date as the date it holds, an empty cell for a missing field', () => {
    const table = hl7Table('MSH|^~\\&|A\rPID|1||x||Hopper^Grace||19061209120000\rOBX|1|ST|x||Ada\n');
    expect(table?.csv).toBe(
      'last_name,first_name,middle_name,date_of_birth,street,postcode,phone,ssn\nHopper,Grace,,1906-12-09,,,,\n',
    );
    expect(hl7Table('MSH|^~\\&|A\rOBX|1|ST|x||Ada\rPIDX|1||x||Hopper^Grace\r')).toBeUndefined();
    // the first of a field's repetitions; a birth date without its day is none
    expect(hl7Table('MSH|^~\\&|A\rPID|1||x||Hopper^Grace~Smith^G||1906\r')?.csv.split('\n')[1]).toBe(
      'Hopper,Grace,,,,,,',
    );
    // its own separators, as MSH declares them
    expect(hl7Table('MSH#*~\\&#A\rPID#1##x##Hopper*Grace\r')?.csv.split('\n')[1]).toBe('Hopper,Grace,,,,,,');
  });

  it('reads a message alike in a part of a multipart body, streamed or whole', async () => {
    const body = Buffer.from(`--B\r\nContent-Type: x-application/hl7-v2+er7\r\n\r\n${adt}\r\n--B--\r\n`, 'latin1');
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=B' };
    const whole = scanBuffer(body, options).detections.map(detectionKey).sort();
    expect(whole.filter((k) => k.startsWith('PERSON_NAME'))).toHaveLength(5);
    expect(await streamedKeys(body, [body.length >> 1], options)).toEqual(whole);
  });

  it('never throws on mangled segments, and places every cell inside the message', () => {
    const piece = fc.constantFrom(
      'PID',
      'NK1',
      'GT1',
      '|',
      '^',
      '~',
      '&',
      '\\',
      '\r',
      '\n',
      'Ada',
      '19851210',
      ' ',
      '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = `MSH|^~\\&|A\r${pieces.join('')}`;
        const table = hl7Table(text);
        for (const cell of table?.cells ?? []) {
          expect(cell.start).toBeGreaterThanOrEqual(0);
          expect(cell.end).toBeLessThanOrEqual(text.length);
          expect(cell.start).toBeLessThan(cell.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same streamed, however the message is chunked', async () => {
    const bytes = Buffer.from(adt, 'latin1');
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    for (let cut = 1; cut < bytes.length; cut += 7)
      expect(await streamedKeys(bytes, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
  });
});
