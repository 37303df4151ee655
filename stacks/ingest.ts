import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { grantTable, INCIDENT_STORE_ACTIONS } from './grants.js';
import { functionEnvironment, stageConfig } from './stage-config.js';
import { Storage } from './storage.js';

/**
 * GuardDuty ingestion: a rule on the default bus for GuardDuty findings (severity floor configurable,
 * sample findings excluded in the pattern) targeting the ingest function with retries and a dead-letter
 * queue, for deliveries EventBridge cannot make and for events the function rejects.
 */
export function Ingest({ stack, app }: StackContext) {
  const { table, key } = use(Storage);
  const config = stageConfig(app.stage);
  const deadLetters = new Queue(stack, 'GuardDutyDeadLetters', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const ingest = new SstFunction(stack, 'GuardDutyIngest', {
    handler: 'functions/guardduty-ingest.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm_64',
    memorySize: 512,
    timeout: 30,
    environment: functionEnvironment(config, table.tableName),
    deadLetterQueue: deadLetters,
    retryAttempts: 2,
    tracing: 'active',
  });
  grantTable(ingest, table, key, INCIDENT_STORE_ACTIONS);

  new Rule(stack, 'GuardDutyFindings', {
    description: 'GuardDuty findings to breachwatch (sample findings excluded)',
    eventPattern: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: {
        severity: [{ numeric: ['>=', config.ruleMinSeverity] }],
        service: { additionalInfo: { sample: [{ exists: false }] } },
      },
    },
    targets: [
      new LambdaFunction(ingest, { deadLetterQueue: deadLetters, retryAttempts: 8, maxEventAge: Duration.hours(2) }),
    ],
  });
  return { ingest, deadLetters };
}
