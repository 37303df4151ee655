import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EgressSampleMetadataSchema, EgressSampleSchema } from '../../events/egress-sample.js';

const demo = JSON.parse(readFileSync('samples/egress-demo-capture.json', 'utf8')) as {
  metadata: Record<string, unknown>;
  body: unknown;
};

describe('EgressSampleSchema', () => {
  it('accepts the demo capture with an inline base64 body', () => {
    const sample = EgressSampleSchema.parse(structuredClone(demo));
    expect(sample.metadata.destination).toEqual({ host: 'paste.example.net', ip: '203.0.113.45', port: 443 });
    expect('base64' in sample.body).toBe(true);
  });

  it('accepts a body held as a separate S3 object', () => {
    const sample = EgressSampleSchema.parse({
      ...structuredClone(demo),
      body: { s3: { bucket: 'captures', key: 'i-0abc/2026/11/20/0001.bin' } },
    });
    expect(sample.body).toEqual({ s3: { bucket: 'captures', key: 'i-0abc/2026/11/20/0001.bin' } });
  });

  it('defaults the direction to egress and the version to 1', () => {
    const { direction, ...metadata } = structuredClone(demo).metadata;
    const sample = EgressSampleSchema.parse({ metadata, body: demo.body });
    expect(sample.metadata.direction).toBe('egress');
    expect(sample.version).toBe(1);
  });

  it('rejects a source without instance, ENI or principal', () => {
    const metadata = { ...structuredClone(demo).metadata, source: { ip: '10.0.3.17' } };
    const result = EgressSampleMetadataSchema.safeParse(metadata);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('source needs one of instanceId, eniId or principal');
  });

  it('rejects a destination without host or ip, and a port out of range', () => {
    const base = structuredClone(demo).metadata;
    expect(EgressSampleMetadataSchema.safeParse({ ...base, destination: { port: 443 } }).success).toBe(false);
    expect(
      EgressSampleMetadataSchema.safeParse({ ...base, destination: { host: 'x.example', port: 70000 } }).success,
    ).toBe(false);
  });

  it('rejects a body that is not base64', () => {
    expect(EgressSampleSchema.safeParse({ ...structuredClone(demo), body: { base64: 'not base64!' } }).success).toBe(
      false,
    );
  });
});
