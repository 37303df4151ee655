import { describe, expect, it } from 'vitest';
import { FIELD_RECOGNIZERS, scanBuffer } from '../../../detectors/pii/index.js';
import { at, personNames } from '../../support/pii-names.js';
import { scannedInTwo } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';

describe("an e-mail address's display name", () => {
  it('reads the name before an address in angle brackets, bare or quoted, in headers, manifests and lists', () => {
    const headers = 'From: Ada Lovelace <ada@example.org>\r\nTo: "Charles Babbage" <cb@example.com>\r\n';
    expect(personNames(headers)).toEqual([at(headers, 'Ada Lovelace'), at(headers, 'Charles Babbage')]);
    const list = 'To: Ada Lovelace <ada@example.org>, Zo\xc3\xab Wi\xc5\x9bniewska <zoe@example.pl>';
    expect(personNames(list)).toEqual([at(list, 'Ada Lovelace'), at(list, 'Zo\xc3\xab Wi\xc5\x9bniewska')]);
    const escaped = '{"to": "\\"Ada Lovelace\\" <ada@example.org>"}';
    expect(personNames(escaped)).toEqual([at(escaped, 'Ada Lovelace')]);
    const manifest = '{"author": "Grace Hopper <grace@example.org>"}';
    expect(personNames(manifest)).toEqual([at(manifest, 'Grace Hopper')]);
  });

  it('reads a quoted `Last, First` as the same name', () => {
    const text = 'To: "Lovelace, Ada" <ada@example.org>\nCc: Ada Lovelace <ada@example.net>';
    expect(personNames(text)).toEqual([at(text, 'Lovelace, Ada'), at(text, 'Ada Lovelace')]);
    const [turned, plain] = scanBuffer(Buffer.from(text, 'latin1'), { fingerprintKey: KEY }).detections.filter(
      (d) => d.type === 'PERSON_NAME',
    );
    expect(turned?.fingerprint).toBe(plain?.fingerprint);
  });

  it("leaves what is no person's name, and an address outside angle brackets", () => {
    for (const text of [
      'From: Amazon Web Services <no-reply@aws.example.com>',
      'Cc: support team <help@example.com>',
      'Reply-To: <bounce@example.com>',
      'please write to Ada Lovelace <ada@example.org>',
      'From: Ada Lovelace ada@example.org',
      'From: Ada Lovelace <ada@example.org',
      'From: Ada Lovelace      <ada@example.org>',
      'Host: Ada Lovelace <81.2.69.142>',
      `From: "${'Ada '.repeat(16)}Lovelace" <ada@example.org>`,
      `From: ${'A'.repeat(70)} Lovelace <ada@example.org>`,
    ])
      expect(personNames(text), text).toEqual([]);
  });

  it('reads at most 64 bytes of name, quoted or not', () => {
    const name = (length: number): string => `B${'b'.repeat(length - 34)} C${'c'.repeat(31)}`;
    for (const [length, found] of [
      [64, 1],
      [65, 0],
    ] as const) {
      expect(personNames(`From: Alpha ${name(length)} <ada@example.org>`), `${length}`).toHaveLength(found);
      expect(personNames(`From: "${name(length)}" <ada@example.org>`), `${length}`).toHaveLength(found);
    }
  });

  it('finds the same however the text is chunked, and nothing without the person-name field recognizer', () => {
    const text = Buffer.from(`${'x'.repeat(100)}\nFrom: "Lovelace, Ada" <ada@example.org>\n`, 'latin1');
    const whole = personNames(text.toString('latin1'));
    expect(whole).toHaveLength(1);
    for (let cut = 1; cut < text.length; cut++) {
      const found = scannedInTwo(text, cut);
      expect(found.filter((d) => d.type === 'PERSON_NAME').length, `cut at ${cut}`).toBe(1);
    }
    const withoutNames = FIELD_RECOGNIZERS.filter((r) => r.type !== 'PERSON_NAME');
    expect(personNames('From: Ada Lovelace <ada@example.org>', { fieldRecognizers: withoutNames })).toEqual([]);
  });
});
