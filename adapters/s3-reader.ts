import { createReadStream } from 'node:fs';
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
  return (ref) => readFile(ref.bucket === LOCAL_FILES_BUCKET ? ref.key : join(root, ref.bucket, ref.key));
}

/** Streams an S3 object's bytes (flow-log objects can be large: memory stays bounded by the chunk size). */
export async function streamS3Object(ref: S3ObjectRef, client?: S3Client): Promise<AsyncIterable<Uint8Array>> {
  s3 ??= new S3Client({});
  const res = await (client ?? s3).send(
    new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
  );
  return (res.Body as AsyncIterable<Uint8Array> | undefined) ?? (async function* () {})();
}

/** The bucket name under which the local runtime delivers files given by path (replay). */
export const LOCAL_FILES_BUCKET = 'breachwatch-local-files';

/** Streams a local stand-in object: `root/bucket/key`, or the file at `key` in `LOCAL_FILES_BUCKET`. */
export function localObjectStream(root: string): (ref: S3ObjectRef) => Promise<AsyncIterable<Uint8Array>> {
  return async (ref) =>
    createReadStream(ref.bucket === LOCAL_FILES_BUCKET ? ref.key : join(root, ref.bucket, ref.key), {
      highWaterMark: 64 * 1024,
    });
}
