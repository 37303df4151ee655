import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cborText, looksLikeCbor } from '../../../detectors/pii/cbor.js';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { type Cborable, cbor, chunked, float, head, indefinite, raw, tagged } from '../../support/cbor-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const CBOR = 'application/cbor';
const DOB_SECONDS = Date.UTC(1985, 11, 10) / 1000;

/**
 * A CloudWatch `PutMetricData` request as an AWS SDK sends it under Smithy RPC v2 CBOR (`smithy-protocol: rpc-v2-cbor`):
 * the input's members as an indefinite-length map, a user's e-mail leaked into a metric dimension.
 * @see https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html
 */
const putMetricData = cbor(
  indefinite({
    Namespace: 'Checkout/Service',
    MetricData: indefinite([
      {
        MetricName: 'CartAbandoned',
        Dimensions: [
          { Name: 'region', Value: 'eu-west-2' },
          { Name: 'user_email', Value: 'ada@example.org' },
        ],
        Timestamp: tagged(1, float(1_700_000_000.25)),
        Value: 1.5,
        Unit: 'Count',
      },
    ]),
  }),
);

/** A customer record an IoT device or service posts as CBOR, its card number as a 64-bit integer. */
const customer = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  street: '12 High Street',
  card_number: 4111111111111111,
};

/** The same record with an indefinite-length map and its street in indefinite-length chunks. */
const customerIndefinite = cbor(
  indefinite({ ...customer, street: chunked(['12 Hi', 'gh St', 'reet']) } as { [key: string]: Cborable }),
);

/** A map with the given entries, keys of any type. */
function mapOf(entries: [Cborable, Cborable][]): Cborable {
  return raw(Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]));
}

/** What `scanBuffer` finds in `body`: type and the body's bytes at its offsets, sorted. */
function found(body: Buffer, contentType?: string): string[] {
  return scanBuffer(body, { fingerprintKey: KEY, contentType })
    .detections.map((d) => `${d.type} ${body.toString('latin1', d.start, d.end)}`)
    .sort();
}

/** The rendered text of a CBOR body. */
function rendered(body: Buffer): string | undefined {
  return cborText(body)?.text.toString('latin1');
}

describe('looksLikeCbor', () => {
  it('takes CBOR content types at their word: sequences and +cbor types too, parameters and any case allowed', () => {
    for (const type of [
      'application/cbor',
      'Application/CBOR; charset=binary',
      'application/cbor-seq',
      'application/senml+cbor',
      'application/vnd.example.telemetry+cbor-seq ; v=1',
    ])
      expect(looksLikeCbor(Buffer.from('{"a":1}'), type), type).toBe(true);
    for (const type of ['application/json', 'application/cborg', 'text/cbor', 'application/msgpack'])
      expect(looksLikeCbor(cbor(customer), type), type).toBe(false);
  });

  it('sniffs only the self-described CBOR tag (55799) at the head', () => {
    expect(looksLikeCbor(cbor(tagged(55799, customer)), undefined)).toBe(true);
    expect(looksLikeCbor(cbor(customer), undefined)).toBe(false);
    expect(looksLikeCbor(Buffer.from([0xd9, 0xd9]), undefined)).toBe(false);
    expect(looksLikeCbor(Buffer.from('first_name=Ada'), undefined)).toBe(false);
    expect(looksLikeCbor(Buffer.alloc(0), undefined)).toBe(false);
  });
});

describe('cborText', () => {
  it('writes every major type as JSON, one data item per line', () => {
    const body = Buffer.concat([
      cbor([
        [0, 23, 24, 255, 65536, 2 ** 40, 18446744073709551615n, -1, -25, -18446744073709551616n],
        [
          Buffer.from([0x00, 0x22, 0x41, 0x0a, 0x5c]),
          'é',
          chunked(['Ada ', 'Love', 'lace']),
          chunked([Buffer.from('\x01b')]),
        ],
        [[], {}, indefinite([1, indefinite([2])]), indefinite({ a: indefinite({}) })],
        mapOf([
          [1, 'one'],
          [-2, 'two'],
          [Buffer.from('hi'), true],
          [[1, 'a'], null],
          [{ k: 'q"' }, 3],
          [mapOf([[[1], 2]]), 4],
        ]),
        [tagged(0, '1985-12-10T00:00:00Z'), tagged(1, DOB_SECONDS), tagged(1, float(DOB_SECONDS + 0.5))],
        [tagged(1, -1), tagged(1, float(Number.NaN)), tagged(32, 'https://example.org/'), tagged(55799, 5)],
        [false, true, null, undefined, raw([0xf0]), raw([0xf8, 0xff])],
        [float(1.5, 16), float(65504, 16), raw([0xf9, 0x00, 0x01]), float(-2, 16), float(3.25, 32), 0.1],
        [float(Number.NaN, 16), float(Number.POSITIVE_INFINITY, 32), float(Number.NEGATIVE_INFINITY, 64)],
      ]),
      cbor(7),
      cbor('seq'),
    ]);
    const lines = [
      '[[0,23,24,255,65536,1099511627776,18446744073709551615,-1,-25,-18446744073709551616],',
      '["\\u0000\\"A\\u000a\\\\","é","Ada Lovelace","\\u0001b"],',
      '[[],{},[1,[2]],{"a":{}}],',
      '{"1":"one","-2":"two","hi":true,"[1,\\"a\\"]":null,"{\\"k\\":\\"q\\\\\\"\\"}":3,"{\\"[1]\\":2}":4},',
      '["1985-12-10T00:00:00Z","1985-12-10T00:00:00.000Z","1985-12-10T00:00:00.500Z"],',
      '["1969-12-31T23:59:59.000Z",null,"https://example.org/",5],',
      '[false,true,null,null,null,null],',
      '[1.5,65504,5.960464477539063e-8,-2,3.25,0.1],',
      '[null,null,null]]\n7\n"seq"\n',
    ];
    const text = cborText(body)?.text.toString('utf8');
    expect(text).toBe(lines.join(''));
    expect(
      text
        ?.trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toHaveLength(3);
  });

  it("maps each string's text to its bytes in the body (chunk heads to none), and a number to its head and bytes", () => {
    const body = customerIndefinite;
    const decoded = cborText(body);
    if (!decoded) throw new Error('not decoded');
    for (const value of ['Ada', 'Lovelace', '12 Hi']) {
      const [start, end] = spanOf(decoded, value);
      expect(body.toString('latin1', start, end)).toBe(value);
    }
    // a chunk's head stands for no text byte: "12 High Street" spans the heads between its chunks
    const [start, end] = spanOf(decoded, '12 High Street');
    expect([start, end]).toEqual([body.indexOf('12 Hi'), body.lastIndexOf('reet') + 4]);
    for (const digits of ['4111111111111111', '41111']) {
      const [at, to] = spanOf(decoded, digits);
      expect([body[at], to - at]).toEqual([0x1b, 9]);
      expect(body.readBigUInt64BE(at + 1)).toBe(4111111111111111n);
    }
  });

  it('reads a body cut short as far as it goes, a cut string closed', () => {
    const definite = cbor(customer);
    expect(rendered(definite.subarray(0, definite.indexOf('Lovelace') + 4))).toBe(
      '{"first_name":"Ada","last_name":"Love"',
    );
    const street = customerIndefinite.indexOf('gh St');
    expect(rendered(customerIndefinite.subarray(0, street + 2))).toBe(
      '{"first_name":"Ada","last_name":"Lovelace","street":"12 High"',
    );
    // a cut between chunks, and a cut head whose bytes are read as text
    expect(rendered(customerIndefinite.subarray(0, street - 1))).toBe(
      '{"first_name":"Ada","last_name":"Lovelace","street":"12 Hi"',
    );
    expect(rendered(Buffer.from([0x82, 0x01, 0x1a, 0x41]))).toBe('[1,\n"A"');
  });

  it('refuses reserved heads, a stray break, a chunk of the wrong type or size, and nesting past 64', () => {
    const invalid = {
      'reserved additional info': [0xa1, 0x61, 0x61, 0x1c],
      'reserved simple head': [0xfd],
      'break at the top': [0x01, 0xff],
      'break in a definite array': [0x82, 0x01, 0xff],
      'break for a value in a map': [0xbf, 0x61, 0x61, 0xff],
      'byte chunk in a text string': [0x7f, 0x41, 0x61, 0xff],
      'indefinite chunk': [0x7f, 0x7f, 0xff, 0xff],
      'indefinite integer': [0x1f],
      'indefinite tag': [0xdf, 0x01],
      'one-byte simple value below 32': [0xf8, 0x10],
    };
    for (const [name, bytes] of Object.entries(invalid)) expect(cborText(Buffer.from(bytes)), name).toBeUndefined();
    expect(cborText(Buffer.concat([Buffer.alloc(65, 0x81), Buffer.from([0x01])]))).toBeUndefined();
    expect(cborText(Buffer.concat([Buffer.alloc(65, 0xc6), Buffer.from([0x01])]))).toBeUndefined();
    // keys that are no strings inside such keys, each level escaping the last's quotes again
    const keyed = (levels: number): Buffer => {
      let item: Cborable = 1;
      for (let k = 0; k < levels; k++) item = mapOf([[item, 0]]);
      return cbor(item);
    };
    let expected = '1';
    for (let k = 0; k < 4; k++) expected = `{${JSON.stringify(expected)}:0}`;
    expect(rendered(keyed(4))).toBe(`${expected}\n`);
    expect(cborText(keyed(5))).toBeUndefined();
    expect(rendered(Buffer.concat([Buffer.alloc(64, 0x81), Buffer.from([0x01])]))).toBe(
      `${'['.repeat(64)}1${']'.repeat(64)}\n`,
    );
  });

  it('never throws on random or mangled bodies, and maps every text byte inside the body, in order', () => {
    const random = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
    const bodies = [putMetricData, cbor(customer), customerIndefinite, cbor(tagged(55799, [customer, customer]))];
    expectSafeRendering(fc.oneof(mangled(bodies), random), cborText, true, CBOR);
  });
});

describe('CBOR bodies', () => {
  it('from a Smithy RPC v2 CBOR PutMetricData call report the e-mail in a dimension at its bytes', () => {
    const report = scanBuffer(putMetricData, { fingerprintKey: KEY, contentType: CBOR }).detections;
    const email = report.find((d) => d.type === 'EMAIL');
    const at = putMetricData.indexOf('ada@example.org');
    expect([email?.start, email?.end]).toEqual([at, at + 'ada@example.org'.length]);
    const decoded = cborText(putMetricData);
    if (!decoded) throw new Error('not decoded');
    expect(spanOf(decoded, 'ada@example.org')).toEqual([email?.start, email?.end]);
    expect(decoded.text.toString()).toContain('"Timestamp":"2023-11-14T22:13:20.250Z","Value":1.5');
  });

  it('are read by their keys, a card number as an integer reported at its head and 8 bytes', () => {
    for (const body of [cbor(customer), customerIndefinite]) {
      const card = body.indexOf(Buffer.from([0x1b]));
      const report = scanBuffer(body, { fingerprintKey: KEY, contentType: CBOR }).detections;
      expect(report.map((d) => [d.type, d.start, d.end]).sort()).toEqual(
        [
          ['CREDIT_CARD', card, card + 9],
          ['PERSON_NAME', body.indexOf('Ada'), body.indexOf('Ada') + 3],
          ['PERSON_NAME', body.indexOf('Lovelace'), body.indexOf('Lovelace') + 8],
          ['STREET_ADDRESS', body.indexOf('12 Hi'), body.lastIndexOf('reet') + 4],
        ].sort(),
      );
    }
  });

  it('are sniffed by the self-described tag, and otherwise read as text unless declared (a name loses its key)', () => {
    const selfDescribed = cbor(tagged(55799, customer));
    expect(found(selfDescribed)).toContain('PERSON_NAME Lovelace');
    expect(found(selfDescribed)).toEqual(found(selfDescribed, CBOR));
    expect(found(cbor(customer))).not.toContain('PERSON_NAME Lovelace');
    expect(found(cbor(customer), 'application/senml+cbor')).toContain('PERSON_NAME Lovelace');
  });

  it('are read so streamed too, at any chunking', async () => {
    for (const [body, contentType] of [
      [putMetricData, CBOR],
      [customerIndefinite, 'application/cbor-seq'],
      [cbor(tagged(55799, customer)), undefined],
    ] as const) {
      const options = { fingerprintKey: KEY, contentType };
      const whole = scanBuffer(body, options).detections.map(detectionKey).sort();
      expect(whole.length).toBeGreaterThan(0);
      for (const cut of [1, 2, 7, body.indexOf('Ada'), body.length >> 1, body.length - 1])
        expect(await streamedKeys(body, [cut], options), `cut at ${cut}`).toEqual(whole);
      expect(await streamedKeys(body, [3, 20, 21, 40, 60], options)).toEqual(whole);
    }
  });

  it('cut short keep what came before the cut', () => {
    const body = cbor(customer);
    expect(found(body.subarray(0, body.indexOf('street') + 2), CBOR)).toEqual([
      'PERSON_NAME Ada',
      'PERSON_NAME Lovelace',
    ]);
  });

  it('that do not decode are read as text, losing nothing', () => {
    const email = cbor({ contact: 'to ada@example.org' });
    // reserved additional info (28), a stray break
    for (const bad of [[0x1c], [0xff]]) {
      const body = Buffer.concat([email, Buffer.from(bad)]);
      expect(cborText(body)).toBeUndefined();
      expect(found(body, CBOR)).toEqual(['EMAIL ada@example.org']);
      expect(found(body, CBOR)).toEqual(found(body));
    }
  });
});
