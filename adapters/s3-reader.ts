import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3ObjectRef } from '../events/s3-notification.js';

let s3: S3Client | undefined;

/** Reads a whole S3 object (egress sample bodies are small; flow logs are streamed by their own reader). */
export async function readS3Object(ref: S3ObjectRef, client?: S3Client): Promise<Uint8Array> {
  s3 ??= new S3Client({});
  const res = await (client ?? s3).send(
    new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
  );
  if (!res.Body) return new Uint8Array();
  return res.Body.transformToByteArray();
}

/** Stands in for S3 in the local runtime: bucket `b`, key `k` is the file `root/b/k`. */
export function localObjectReader(root: string): (ref: S3ObjectRef) => Promise<Uint8Array> {
  return (ref) => readFile(join(root, ref.bucket, ref.key));
}
