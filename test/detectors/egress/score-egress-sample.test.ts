import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  destinationKey,
  type EgressConfig,
  EgressConfigError,
  egressSampleId,
  evaluateEgressSample,
} from '../../../detectors/egress/index.js';
import { type EgressSample, EgressSampleSchema } from '../../../events/egress-sample.js';
import { SignalSchema } from '../../../events/signal.js';

const KEY = 'breachwatch-test-fingerprint-key';
const demo = EgressSampleSchema.parse(JSON.parse(readFileSync('samples/egress-demo-capture.json', 'utf8')));

/** A sample with realistic defaults; `body` is plain text encoded as base64. */
function sampleWith(body: string, overrides: Partial<EgressSample['metadata']> = {}): EgressSample {
  const sample = structuredClone(demo);
  sample.metadata = { ...sample.metadata, ...overrides };
  sample.body = { base64: Buffer.from(body).toString('base64') };
  return sample;
}

const config = (allowlist: EgressConfig['allowlist'] = []): EgressConfig => ({ allowlist, fingerprintKey: KEY });

describe('evaluateEgressSample', () => {
  it('opens an incident for planted personal data sent to an unknown destination', () => {
    const { signal } = evaluateEgressSample(structuredClone(demo), config(), new Set());
    expect(SignalSchema.parse(signal)).toMatchObject({
      source: 'egress',
      category: 'exfiltration',
      entity: { type: 'instance', id: 'i-0abc12345def67890' },
      opensIncident: true,
      observedAt: demo.metadata.capturedAt,
    });
    expect(signal?.severity).toBeGreaterThanOrEqual(9);
    expect(signal?.evidence.novelDestination).toBe(true);
    expect(signal?.reason).toContain('not allowed for paste.example.net:443');
  });

  it('does not open an incident when the destination is allowed every type it received', () => {
    const allow = config([{ host: 'paste.example.net', types: '*' }]);
    const { signal } = evaluateEgressSample(
      structuredClone(demo),
      allow,
      new Set([destinationKey(demo.metadata.destination)]),
    );
    expect(signal?.opensIncident).toBe(false);
    expect(signal?.reason).toBe('all PII types found are allowed for paste.example.net:443');
  });

  it('opens for the types a payment processor is not allowed, by CIDR', () => {
    const sample = sampleWith('{"card_number":"4111 1111 1111 1111","nhs_number":"401-023-2137"}', {
      destination: { ip: '198.51.100.7', port: 443 },
    });
    const { signal } = evaluateEgressSample(
      sample,
      config([{ cidr: '198.51.100.0/24', types: ['CREDIT_CARD'] }]),
      new Set(['198.51.100.7:443']),
    );
    expect(signal?.evidence.disallowedTypes).toEqual(['HEALTH_ID']);
    expect(signal?.evidence.allowedTypes).toEqual(['CREDIT_CARD']);
    expect(signal?.opensIncident).toBe(true);
    expect(signal?.severity).toBeGreaterThanOrEqual(7);
  });

  it('opens an incident for a customer export uploaded as a PDF, read page by page', () => {
    const pdf = readFileSync('test/fixtures/pii/customer-record.chromium.pdf');
    const sample = sampleWith('', { contentType: 'application/pdf' });
    sample.body = { base64: pdf.toString('base64') };
    const { signal, summary, limits } = evaluateEgressSample(sample, config(), new Set());
    expect(limits).toEqual([]);
    expect(Object.keys(summary.byType).sort()).toEqual(['CREDIT_CARD', 'EMAIL', 'IBAN', 'PHONE']);
    expect(signal?.opensIncident).toBe(true);
  });

  it('returns null when the body carries no personal data', () => {
    const { signal } = evaluateEgressSample(
      sampleWith('{"order_id":"ORD-2024-000123","qty":3,"v":"4.18.2"}'),
      config(),
      new Set(),
    );
    expect(signal).toBeNull();
  });

  it('scores more distinct subjects and a new destination higher', () => {
    const one = sampleWith('{"email":"a1@example.com"}');
    const many = sampleWith(Array.from({ length: 50 }, (_, i) => `{"email":"a${i}@example.com"}`).join('\n'));
    const s1 = evaluateEgressSample(one, config(), new Set(['paste.example.net:443'])).signal;
    const s2 = evaluateEgressSample(many, config(), new Set(['paste.example.net:443'])).signal;
    const s3 = evaluateEgressSample(many, config(), new Set()).signal;
    expect(s2!.severity).toBeGreaterThan(s1!.severity);
    expect(s3!.severity).toBeGreaterThan(s2!.severity);
    expect(s2!.score).toBe(50);
  });

  it('gives a redelivered sample the same signal id and a changed body another', () => {
    const a = evaluateEgressSample(structuredClone(demo), config(), new Set()).signal;
    const b = evaluateEgressSample(structuredClone(demo), config(), new Set()).signal;
    expect(a?.id).toBe(b?.id);
    expect(a?.id).toBe(egressSampleId(demo));
    expect(egressSampleId(sampleWith('other'))).not.toBe(a?.id);
  });

  it('keeps values out of the signal: only types, counts, categories and jurisdictions', () => {
    const { signal } = evaluateEgressSample(structuredClone(demo), config(), new Set());
    const text = JSON.stringify(signal);
    for (const value of ['4111', 'GB82', 'jane.doe', 'Baker', '86095742719', '401-023-2137', 'Mustermann'])
      expect(text).not.toContain(value);
    expect(signal?.evidence.pii).toMatchObject({ art9: true, jurisdictions: ['DE', 'FR', 'GB'] });
  });

  it('rejects an allowlist rule without host or cidr, naming its index', () => {
    expect(() => evaluateEgressSample(structuredClone(demo), config([{ types: '*' }]), new Set())).toThrow(
      EgressConfigError,
    );
    expect(() =>
      evaluateEgressSample(structuredClone(demo), config([{ cidr: '10.0.0.0/99', types: '*' }]), new Set()),
    ).toThrow('egress allowlist rule 0');
  });
});
