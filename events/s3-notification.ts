import { z } from 'zod';
import { parseWith } from './parse.js';

/**
 * An S3 event notification as Lambda receives it (ObjectCreated). Keys arrive URL-encoded with `+` for
 * spaces; `objectRefs` decodes them.
 * @example {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},
 *   "object":{"key":"AWSLogs/…/x.log.gz","size":1024}}}]}
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export const S3NotificationSchema = z.object({
  Records: z
    .array(
      z.looseObject({
        eventSource: z.literal('aws:s3'),
        eventName: z.string(),
        s3: z.looseObject({
          bucket: z.looseObject({ name: z.string().min(1) }),
          object: z.looseObject({
            key: z.string().min(1),
            size: z.number().optional(),
            versionId: z.string().optional(),
          }),
        }),
      }),
    )
    .min(1),
});
export type S3Notification = z.infer<typeof S3NotificationSchema>;

/** An object to read: bucket, decoded key, version. */
export interface S3ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
}

/** The objects a notification names, keys decoded. */
export function objectRefs(notification: S3Notification): S3ObjectRef[] {
  return notification.Records.map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
    versionId: r.s3.object.versionId,
  }));
}

/** True when a value looks like an S3 event notification. */
export function isS3Notification(value: unknown): boolean {
  const records = (value as { Records?: Array<{ eventSource?: unknown }> } | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records[0]?.eventSource === 'aws:s3';
}

/** Checks a notification; throws `InvalidEventError` naming each bad field (the delivery goes to the DLQ). */
export function parseS3Notification(value: unknown): S3Notification {
  const parsed = parseWith(S3NotificationSchema, value, 'S3 notification');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
