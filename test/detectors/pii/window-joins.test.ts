import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { JOINED, joinWindow } from '../../../detectors/pii/window-joins.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const NBSP = '\u00a0';

/** The window `joinWindow` makes of the token `token` in `text`, as text, and whether a no-break space joined it. */
function joined(text: string, token: string): [string, boolean] {
  const bytes = Buffer.from(text);
  const ws = bytes.indexOf(token);
  joinWindow(bytes, ws, ws + Buffer.byteLength(token), 0);
  return [bytes.subarray(JOINED.ws, JOINED.we).toString(), JOINED.nbsp];
}

describe('joinWindow', () => {
  it('joins short tokens across a space or a no-break space, both ways', () => {
    expect(joined('tel +44 20 7946 0958.', '20')).toEqual(['+44 20 7946 0958.', false]);
    expect(joined(`tel +44${NBSP}20${NBSP}7946${NBSP}0958.`, '20')).toEqual([
      `+44${NBSP}20${NBSP}7946${NBSP}0958.`,
      true,
    ]);
    expect(joined(`tel +44 20${NBSP}7946 0958`, '+44')).toEqual([`+44 20${NBSP}7946 0958`, true]);
    expect(joined(`tel +44${NBSP}20`, '20')).toEqual([`+44${NBSP}20`, true]);
  });

  it('joins nothing across two spaces, a lone byte of a no-break space, or into a word', () => {
    expect(joined('tel +44  20', '+44')).toEqual(['+44', false]);
    expect(joined('tel +44\u00c220', '+44')[0]).toBe('+44');
    expect(joined(`call${NBSP}020`, '020')).toEqual(['020', false]);
    expect(joined(`"${NBSP}020 7946`, '020')).toEqual(['020 7946', false]);
    expect(joined(`" 020 7946`, '020')).toEqual(['020 7946', false]);
  });

  it('joins a calling code with the dashed or dotted number after it, however long its groups', () => {
    expect(joined('tel +1 202-555-0123 now', '+1')).toEqual(['+1 202-555-0123', false]);
    expect(joined('tel +49 30.901820', '+49')).toEqual(['+49 30.901820', false]);
    expect(joined(`tel +353${NBSP}1-234-5678`, '+353')).toEqual([`+353${NBSP}1-234-5678`, true]);
    // no calling code, a code too long, a word, a separator not between digits, or groups too long for a number
    expect(joined('ref 12 202-555-0123', '12')).toEqual(['12', false]);
    expect(joined('tel +1234 202-555-0123', '+1234')).toEqual(['+1234', false]);
    expect(joined('tel +1 202-555-abcd', '+1')).toEqual(['+1', false]);
    expect(joined('tel +1 202--555-0123', '+1')).toEqual(['+1', false]);
    expect(joined('tel +1 -202-555-0123', '+1')).toEqual(['+1', false]);
    expect(joined('tel +1 202-555-0123-4567', '+1')).toEqual(['+1', false]);
  });

  it('reports a number after its calling code whole, at its own bytes', () => {
    const text = 'phone: +1 202-555-0123, fax: +49 30-901820';
    const phones = scanBuffer(Buffer.from(text), { fingerprintKey: KEY }).detections.filter((d) => d.type === 'PHONE');
    expect(phones.map((d) => [text.slice(d.start, d.end), d.fineType])).toEqual([
      ['+1 202-555-0123', 'PHONE_US'],
      ['+49 30-901820', 'PHONE_DE'],
    ]);
  });

  it('takes the UTF-8 bytes around an e-mail address in, and reports it whole under one fingerprint per address', () => {
    const text = 'to: josé.garcía@correo.es, ADA@MÜNCHEN.DE; cc ada@xn--mnchen-3ya.de (Zoë)';
    const bytes = Buffer.from(text);
    const emails = scanBuffer(bytes, { fingerprintKey: KEY }).detections.filter((d) => d.type === 'EMAIL');
    expect(emails.map((d) => bytes.toString('utf8', d.start, d.end))).toEqual([
      'josé.garcía@correo.es',
      'ADA@MÜNCHEN.DE',
      'ada@xn--mnchen-3ya.de',
    ]);
    // the domain as DNS knows it, in any case: one address
    expect(emails[1]?.fingerprint).toBe(emails[2]?.fingerprint);
    expect(emails[0]?.fingerprint).not.toBe(emails[1]?.fingerprint);
    for (let cut = 1; cut < bytes.length; cut += 3)
      expect(scannedInTwo(bytes, cut), `cut ${cut}`).toEqual(scanBuffer(bytes, { fingerprintKey: KEY }).detections);
  });

  it('reads no address whose bytes beyond ASCII are no UTF-8 or whose domain has no public suffix', () => {
    const found = (bytes: Buffer): number =>
      scanBuffer(bytes, { fingerprintKey: KEY }).detections.filter((d) => d.type === 'EMAIL').length;
    expect(found(Buffer.from('to: jos\xe9@correo.es', 'latin1'))).toBe(0);
    expect(found(Buffer.from('to: ada@münchen.invalidtld'))).toBe(0);
    expect(found(Buffer.from('to: ada@münchen.de'))).toBe(1);
  });

  it("takes no framing byte from 0x80 up into an address: MessagePack's string headers around it are no UTF-8 letters", () => {
    // fixmap { "email": "ada@example.org", "name": "José" }: 0xa5, 0xaf, 0xa4 and 0xa5 head the strings
    const bytes = Buffer.concat([
      Buffer.from([0x82, 0xa5]),
      Buffer.from('email'),
      Buffer.from([0xaf]),
      Buffer.from('ada@example.org'),
      Buffer.from([0xa4]),
      Buffer.from('name'),
      Buffer.from([0xa5]),
      Buffer.from('José'),
    ]);
    const emails = scanBuffer(bytes, { fingerprintKey: KEY }).detections.filter((d) => d.type === 'EMAIL');
    expect(emails.map((d) => bytes.toString('utf8', d.start, d.end))).toEqual(['ada@example.org']);
    // a lead byte without its continuation bytes, or continuation bytes without their lead, ends the address too
    const cut = (before: number[], after: number[]): string[] => {
      const b = Buffer.concat([Buffer.from(before), Buffer.from('bob@example.org'), Buffer.from(after)]);
      return scanBuffer(b, { fingerprintKey: KEY }).detections.map((d) => b.toString('latin1', d.start, d.end));
    };
    expect(cut([0x20, 0xc3], [0xc3, 0x20])).toEqual(['bob@example.org']);
    expect(cut([0x20, 0x80, 0x80], [0xe2, 0x82])).toEqual(['bob@example.org']);
    expect(cut([0x20], [0xa5, 0x80])).toEqual(['bob@example.org']);
    expect(cut([0x20, 0xc0, 0x80], [0x20])).toEqual(['bob@example.org']);
  });

  it("joins a US date's year after its comma", () => {
    expect(joined('born December 10, 1985.', '10')).toEqual(['December 10, 1985', false]);
  });
});

describe('values written with no-break spaces', () => {
  const body = `Tel:${NBSP}+44${NBSP}20${NBSP}7946${NBSP}0958\nIBAN${NBSP}DE89${NBSP}3704${NBSP}0044${NBSP}0532${NBSP}0130${NBSP}00\ncard 4111${NBSP}1111${NBSP}1111${NBSP}1111\n`;
  const bytes = Buffer.from(body);

  it('are found as with spaces, at their own bytes, with the same fingerprints', () => {
    const found = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    expect(found.map((d) => `${d.type} ${bytes.subarray(d.start, d.end).toString().replaceAll(NBSP, '_')}`)).toEqual([
      'PHONE +44_20_7946_0958',
      'IBAN DE89_3704_0044_0532_0130_00',
      'CREDIT_CARD 4111_1111_1111_1111',
    ]);
    const spaced = scanBuffer(Buffer.from(body.replaceAll(NBSP, ' ')), { fingerprintKey: KEY }).detections;
    expect(found.map((d) => d.fingerprint)).toEqual(spaced.map((d) => d.fingerprint));
  });

  it('are found alike however the body is chunked, a no-break space cut in two included', () => {
    const whole = scanBuffer(bytes, { fingerprintKey: KEY }).detections;
    for (let cut = 1; cut < bytes.length; cut++) expect(scannedInTwo(bytes, cut), `cut at ${cut}`).toEqual(whole);
  });
});
