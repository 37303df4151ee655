import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { looksLikeX12, x12Table } from '../../../detectors/pii/x12.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
/** The interchange header: 106 bytes, `*` between elements, `:` between components, `~` ending the segment. */
const ISA =
  'ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*RECEIVERID     *230101*1200*^*00501*000000001*0*P*:~';
/** An 837P claim as a practice's billing system sends it: the billing provider, then the subscriber. */
const claim = [
  ISA,
  'GS*HC*SUBMITTERID*RECEIVERID*20230101*1200*1*X*005010X222A1~',
  'ST*837*0001*005010X222A1~',
  'NM1*41*2*PREMIER BILLING SERVICE*****46*TGJ23~',
  'PER*IC*JERRY*TE*3055552222~',
  'NM1*85*2*BEN KILDARE SERVICE*****XX*9876543210~',
  'N3*234 SEAWAY ST~',
  'N4*MIAMI*FL*33111~',
  'NM1*IL*1*SMITH*JANE*ANN***MI*1EG4TE5MK73~',
  'N3*236 N MAIN ST~',
  'N4*MIAMI*FL*33413~',
  'DMG*D8*19430501*F~',
  'REF*SY*536-22-1234~',
  'PER*IC*JANE SMITH*TE*4155550132*EM*JANE.SMITH@EXAMPLE.ORG~',
  'SE*14*0001~',
].join('\n');
const found = (text: string): string[] =>
  scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections.map(
    (d) => `${d.type} ${text.slice(d.start, d.end)}`,
  );

describe('X12 interchanges', () => {
  it('knows an interchange by its header, whatever its element separator', () => {
    for (const head of [ISA, '  ISA|00|', 'ISA^00']) expect(looksLikeX12(Buffer.from(head, 'latin1')), head).toBe(true);
    for (const head of ['ISA 00', 'ISAX00', 'GS*HC*', 'xISA*00'])
      expect(looksLikeX12(Buffer.from(head)), head).toBe(false);
  });

  it("reads a subscriber's name, street, postcode, birth date, phone, e-mail, SSN and MBI, each at its element", () => {
    expect(found(claim).sort()).toEqual([
      'DATE_OF_BIRTH 19430501',
      'EMAIL JANE.SMITH@EXAMPLE.ORG',
      'HEALTH_ID 1EG4TE5MK73',
      'PERSON_NAME ANN',
      'PERSON_NAME JANE',
      'PERSON_NAME SMITH',
      'PHONE 4155550132',
      'POSTCODE 33413',
      'STREET_ADDRESS 236 N MAIN ST',
      'US_SSN 536-22-1234',
    ]);
  });

  it("renders a row per person, none for an organisation, whose address is no one's", () => {
    const text = `${ISA}NM1*85*2*ACME CLINIC~N3*1 CLINIC RD~NM1*QC*1*DOE*JOHN~N3*9 ELM ST~DMG*D8*1990~NM1*PR*2*PAYER~N3*2 PAYER WAY~`;
    expect(x12Table(text)?.csv).toBe(
      'last_name,first_name,middle_name,date_of_birth,street,postcode,phone,email,ssn,mbi\nDOE,JOHN,,,9 ELM ST,,,,,\n',
    );
    expect(x12Table(`${ISA}NM1*85*2*ACME CLINIC~N3*1 CLINIC RD~`)).toBeUndefined();
    // another member id qualifier is no MBI; a REF of another kind no SSN
    expect(x12Table(`${ISA}NM1*IL*1*DOE*JOHN****XX*1234567893~REF*EI*123456789~`)?.csv.split('\n')[1]).toBe(
      'DOE,JOHN,,,,,,,,',
    );
  });

  it('reads the terminator the header declares, and `~` when the header is cut short', () => {
    const piped = `${ISA.replaceAll('*', '|').slice(0, -1)}\nNM1|IL|1|DOE|JOHN\nN3|9 ELM ST\n`;
    expect(x12Table(piped)?.csv.split('\n')[1]).toBe('DOE,JOHN,,,9 ELM ST,,,,,');
    expect(x12Table('ISA*00~NM1*IL*1*DOE*JOHN~')?.csv.split('\n')[1]).toBe('DOE,JOHN,,,,,,,,');
    // where the terminator would be: a letter, or the element separator, is no terminator
    const street = 'A'.repeat(100);
    expect(x12Table(`ISA*00~NM1*IL*1*DOE*JOHN~N3*${street}~`)?.csv.split('\n')[1]).toBe(`DOE,JOHN,,,${street},,,,,`);
    expect(x12Table(`${ISA.slice(0, 105)}*~NM1*IL*1*DOE*JOHN~`)?.csv.split('\n')[1]).toBe('DOE,JOHN,,,,,,,,');
    // the header counted from where it starts
    expect(x12Table(`\n${ISA}NM1*IL*1*DOE*JOHN~`)?.csv.split('\n')[1]).toBe('DOE,JOHN,,,,,,,,');
  });

  it('reads a birth date only as a date (D8), and a contact by the qualifier before it', () => {
    const text = `${ISA}NM1*IL*1*DOE*JOHN~DMG*RD8*19900101-19901231~PER*IC*JOHN*FX*TE*EM*JOHN@EXAMPLE.ORG~`;
    expect(x12Table(text)?.csv.split('\n')[1]).toBe('DOE,JOHN,,,,,,JOHN@EXAMPLE.ORG,,');
  });

  it('reads an interchange alike in a part of a multipart body, streamed or whole', async () => {
    const body = Buffer.from(`--B\r\nContent-Type: application/edi-x12\r\n\r\n${claim}\r\n--B--\r\n`, 'latin1');
    const options = { fingerprintKey: KEY, contentType: 'multipart/mixed; boundary=B' };
    const whole = scanBuffer(body, options).detections.map(detectionKey).sort();
    expect(whole.filter((k) => k.startsWith('PERSON_NAME'))).toHaveLength(3);
    expect(await streamedKeys(body, [body.length >> 1], options)).toEqual(whole);
  });

  it('never throws on mangled segments, and places every cell inside the interchange', () => {
    const piece = fc.constantFrom(
      'NM1',
      'N3',
      'N4',
      'DMG',
      'D8',
      'PER',
      'TE',
      'REF',
      'SY',
      '*',
      '~',
      '\n',
      'Ada',
      '1',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = `${ISA}${pieces.join('')}`;
        for (const cell of x12Table(text)?.cells ?? []) {
          expect(cell.start).toBeGreaterThanOrEqual(0);
          expect(cell.end).toBeLessThanOrEqual(text.length);
          expect(cell.start).toBeLessThan(cell.end);
          expect(text.slice(cell.start, cell.end)).not.toMatch(/[*~\n]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same streamed, however the interchange is chunked', async () => {
    const bytes = Buffer.from(claim, 'latin1');
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
    for (let cut = 1; cut < bytes.length; cut += 11)
      expect(await streamedKeys(bytes, [cut], { fingerprintKey: KEY }), `cut at ${cut}`).toEqual(whole);
  });
});
