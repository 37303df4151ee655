import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from './stage-config.js';

/**
 * The bucket egress captures land in (`egress/…json`): personal data by nature, so KMS-encrypted, private,
 * TLS only, access-logged and expiring after `retentionDays`. It lives beside the function its
 * notifications feed, since a notification across stacks would make the stacks depend on each other.
 */
export function evidenceBucket(scope: Construct, key: IKey, config: StageConfig): Bucket {
  const removal = config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const accessLogs = new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to KMS-encrypted buckets
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(config.retentionDays) }],
    removalPolicy: removal,
    autoDeleteObjects: false,
  });
  return new Bucket(scope, 'Evidence', {
    encryption: BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'evidence/',
    lifecycleRules: [
      { expiration: Duration.days(config.retentionDays), noncurrentVersionExpiration: Duration.days(1) },
    ],
    removalPolicy: removal,
  });
}
