import { describe, expect, it } from 'vitest';
import {
  buildRegistry,
  createScanner,
  type Detection,
  FIELD_RECOGNIZERS,
  RECOGNIZERS,
  RecognizerRegistryError,
  scanBuffer,
} from '../../../detectors/pii/index.js';

const KEY = 'breachwatch-test-fingerprint-key';

/** Embeds an example in a body; returns the body and the byte range the example occupies. */
type Context = { name: string; wrap: (text: string) => { body: string; start: number; end: number } };

function around(prefix: string, inner: string, suffix: string): { body: string; start: number; end: number } {
  return { body: prefix + inner + suffix, start: Buffer.byteLength(prefix), end: Buffer.byteLength(prefix + inner) };
}

const CONTEXTS: Context[] = [
  { name: 'alone', wrap: (t) => around('', t, '') },
  { name: 'json body', wrap: (t) => around('{"id":42,"note":"', JSON.stringify(t).slice(1, -1), '","ok":true}') },
  { name: 'form body', wrap: (t) => around('a=1&note=', encodeURIComponent(t), '&b=2') },
  // as browsers and URLSearchParams post a form: a space is '+', a '+' is %2B
  { name: 'form post', wrap: (t) => around('a=1&note=', new URLSearchParams({ t }).toString().slice(2), '&b=2') },
  { name: 'csv row', wrap: (t) => around('id,note,ts\n42,"', t.replace(/"/g, '""'), '",2024-01-01\n') },
  { name: 'log line', wrap: (t) => around('2024-03-15T14:30:00Z INFO [app] user action ', t, ' status=ok\n') },
];
/** Where a look-alike is tried: a form post too, whose '+' become spaces before any recognizer sees them. */
const NO_MATCH_CONTEXTS = ['alone', 'json body', 'form post'];

function scanWhole(body: string): Detection[] {
  return scanBuffer(Buffer.from(body, 'utf8'), { fingerprintKey: KEY }).detections;
}

function scanSplit(body: string, at: number): Detection[] {
  const bytes = Buffer.from(body, 'utf8');
  const s = createScanner({ fingerprintKey: KEY });
  return [...s.write(bytes.subarray(0, at)), ...s.write(bytes.subarray(at)), ...s.end()];
}

const key = (d: Detection): string => `${d.type}/${d.fineType}@${d.start}-${d.end}#${d.fingerprint}`;
const keys = (ds: Detection[]): string[] => ds.map(key).sort();

describe('every recognizer example through the full scanner', () => {
  for (const r of RECOGNIZERS) {
    r.examples.match.forEach((example, n) => {
      for (const ctx of CONTEXTS) {
        it(`${r.id} match #${n} is found in a ${ctx.name}`, () => {
          const { body, start, end } = ctx.wrap(example);
          const found = scanWhole(body).filter((d) => d.type === r.type && d.start < end && start < d.end);
          // failure names recognizer, context and offset, never the value
          expect(found.length, `${r.id} match #${n} in ${ctx.name} at bytes ${start}-${end}`).toBeGreaterThan(0);
        });
      }
      it(`${r.id} match #${n} is found once at every chunk boundary`, () => {
        const { body } = CONTEXTS[1]!.wrap(example);
        const whole = keys(scanWhole(body));
        for (let at = 1; at < Buffer.byteLength(body); at++) {
          expect(keys(scanSplit(body, at)), `${r.id} match #${n} in json body split at byte ${at}`).toEqual(whole);
        }
      });
    });
    r.examples.noMatch.forEach((example, n) => {
      it(`${r.id} noMatch #${n} (${example.why}) is not reported`, () => {
        for (const ctx of CONTEXTS.filter((c) => NO_MATCH_CONTEXTS.includes(c.name))) {
          const { body, start, end } = ctx.wrap(example.text);
          const found = scanWhole(body).filter((d) => d.type === r.type && d.start < end && start < d.end);
          expect(found.length, `${r.id} noMatch #${n} in ${ctx.name} at bytes ${start}-${end}`).toBe(0);
        }
      });
    });
  }
});

describe('every field recognizer example in structured bodies', () => {
  const bodies = [
    { name: 'json body', make: (f: string, v: string) => `{"id":7,"${f}":${JSON.stringify(v)},"x":1}` },
    {
      name: 'form body',
      make: (f: string, v: string) => `id=7&${f}=${encodeURIComponent(v).replace(/%20/g, '+')}&x=1`,
    },
    {
      name: 'query string',
      make: (f: string, v: string) => `GET /api/users?${f}=${encodeURIComponent(v)}&page=2 HTTP/1.1\r\n`,
    },
  ];
  for (const r of FIELD_RECOGNIZERS) {
    r.examples.match.forEach((ex, n) => {
      for (const b of bodies) {
        it(`${r.id} match #${n} is found in a ${b.name}`, () => {
          const body = b.make(ex.field, ex.value);
          expect(scanWhole(body).filter((d) => d.type === r.type).length, `${r.id} match #${n} in ${b.name}`).toBe(1);
        });
      }
    });
    r.examples.noMatch.forEach((ex, n) => {
      it(`${r.id} noMatch #${n} (${ex.why}) is not reported`, () => {
        for (const b of bodies)
          expect(
            scanWhole(b.make(ex.field, ex.value)).filter((d) => d.type === r.type).length,
            `${r.id} noMatch #${n} in ${b.name}`,
          ).toBe(0);
      });
    });
  }
});

describe('ip-address', () => {
  it("reads both ends of a range, and a package's version as none", () => {
    const found = (text: string): string[] =>
      scanWhole(text)
        .filter((d) => d.type === 'IP_ADDRESS')
        .map((d) => text.slice(d.start, d.end));
    expect(found('allow (10.0.0.1-10.0.0.9) and 81.2.69.144-81.2.69.150')).toEqual([
      '10.0.0.1',
      '10.0.0.9',
      '81.2.69.144',
      '81.2.69.150',
    ]);
    expect(found('libc6 (>= 2.2.7.1-3), alsa-lib (1.2.6.1-0.2), binutils (2.13.90.0.18-1.3)')).toEqual([]);
  });
});

describe('registry', () => {
  it('rejects a duplicate recognizer id, naming it', () => {
    const first = RECOGNIZERS[0]!;
    expect(() => buildRegistry([first, { ...first }])).toThrow(RecognizerRegistryError);
    expect(() => buildRegistry([first, { ...first }])).toThrow(`recognizer "${first.id}": duplicate id`);
  });

  it('rejects an id that is not kebab-case', () => {
    expect(() => buildRegistry([{ ...RECOGNIZERS[0]!, id: 'Bad_Id' }])).toThrow('id must be kebab-case');
  });

  it('lists recognizers in id order and covers the PII vocabulary', () => {
    const ids = RECOGNIZERS.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    const types = new Set([...RECOGNIZERS, ...FIELD_RECOGNIZERS].map((r) => r.type));
    for (const t of [
      'EMAIL',
      'CREDIT_CARD',
      'IBAN',
      'PHONE',
      'IP_ADDRESS',
      'MAC_ADDRESS',
      'POSTCODE',
      'UK_NINO',
      'US_SSN',
      'US_ITIN',
      'NATIONAL_ID',
      'TAX_ID',
      'HEALTH_ID',
      'PASSPORT',
      'DRIVER_LICENSE',
      'BANK_ACCOUNT',
      'BANK_ROUTING',
      'CRYPTO_WALLET',
      'DATE_OF_BIRTH',
      'PERSON_NAME',
      'STREET_ADDRESS',
      'CREDENTIAL',
    ]) {
      expect(types.has(t as never), t).toBe(true);
    }
  });
});
