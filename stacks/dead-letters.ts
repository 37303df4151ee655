import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { DlqDestinationConfig, IEventSourceDlq, IEventSourceMapping, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

/** A dead-letter queue: KMS-encrypted with the data key, TLS only, kept 14 days (the SQS maximum). */
export function deadLetterQueue(scope: Construct, id: string, key: IKey): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}

/**
 * An event-source-mapping failure destination on a KMS-encrypted queue, granted action by action
 * (CDK's `SqsDlq` grants `kms:ReEncrypt*` and `kms:GenerateDataKey*`).
 */
export function failureQueue(queue: Queue, key: IKey): IEventSourceDlq {
  NagSuppressions.addResourceSuppressions(queue, [
    {
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the failure destination of a stream event source mapping',
    },
  ]);
  return {
    bind(_mapping: IEventSourceMapping, fn: IFunction): DlqDestinationConfig {
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], resources: [queue.queueArn] }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
      );
      return { destination: queue.queueArn };
    },
  };
}

/** Marks a queue that an EventBridge target uses as its dead-letter queue (cdk-nag cannot see that link). */
export function targetDeadLetters(queue: Queue): Queue {
  NagSuppressions.addResourceSuppressions(queue, [
    { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of an EventBridge rule target' },
  ]);
  return queue;
}
