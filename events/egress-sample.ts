import { z } from 'zod';

/** Which way the captured payload travelled, seen from the source entity. */
export const EgressDirection = { EGRESS: 'egress', INGRESS: 'ingress' } as const;
export type EgressDirection = (typeof EgressDirection)[keyof typeof EgressDirection];

/**
 * What breachwatch knows about one captured payload, independent of where its bytes are (inline base64
 * or an S3 object). The source names the entity signals are about (instance, ENI or principal).
 *
 * @example
 * {
 *   "capturedAt": "2026-11-20T09:14:03Z",
 *   "source": { "instanceId": "i-0abc12345def67890", "eniId": "eni-072624ee798344757", "ip": "10.0.3.17" },
 *   "destination": { "host": "paste.example.net", "ip": "203.0.113.45", "port": 443 },
 *   "direction": "egress",
 *   "contentType": "application/json",
 *   "contentEncoding": "gzip"
 * }
 * @see https://docs.aws.amazon.com/vpc/latest/mirroring/what-is-traffic-mirroring.html (one way to capture)
 */
export const EgressSampleMetadataSchema = z.object({
  capturedAt: z.iso.datetime({ offset: true }),
  source: z
    .object({
      instanceId: z.string().min(1).optional(),
      eniId: z.string().min(1).optional(),
      principal: z.string().min(1).optional(),
      ip: z.string().min(1).optional(),
      accountId: z.string().min(1).optional(),
      region: z.string().min(1).optional(),
    })
    .refine((s) => Boolean(s.instanceId ?? s.eniId ?? s.principal), {
      message: 'source needs one of instanceId, eniId or principal',
    }),
  destination: z
    .object({
      host: z.string().min(1).optional(),
      ip: z.string().min(1).optional(),
      port: z.number().int().min(0).max(65535),
    })
    .refine((d) => Boolean(d.host ?? d.ip), { message: 'destination needs a host or an ip' }),
  direction: z.enum([EgressDirection.EGRESS, EgressDirection.INGRESS]).default(EgressDirection.EGRESS),
  contentType: z.string().min(1).optional(),
  contentEncoding: z.string().min(1).optional(),
  /** True when the capture stopped before the end of the payload. */
  truncated: z.boolean().optional(),
});
export type EgressSampleMetadata = z.infer<typeof EgressSampleMetadataSchema>;

/** The captured bytes: inline base64, or an S3 object read by an adapter. */
export const EgressSampleBodySchema = z.union([
  z.object({ base64: z.base64() }),
  z.object({ s3: z.object({ bucket: z.string().min(1), key: z.string().min(1), versionId: z.string().optional() }) }),
]);
export type EgressSampleBody = z.infer<typeof EgressSampleBodySchema>;

/**
 * One egress sample: metadata plus body. Delivered as a JSON object by direct invocation or as an S3
 * object (the body may then be a separate S3 object named in `body.s3`).
 * @example { "version": 1, "metadata": { … }, "body": { "base64": "eyJjdXN0b21lcnMiOlt7…" } }
 */
export const EgressSampleSchema = z.object({
  version: z.literal(1).default(1),
  metadata: EgressSampleMetadataSchema,
  body: EgressSampleBodySchema,
});
export type EgressSample = z.infer<typeof EgressSampleSchema>;
