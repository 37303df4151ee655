import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterPattern, LogGroup, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination as LogsLambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { deadLetterQueue } from './dead-letters.js';
import { evidenceBucket } from './evidence-bucket.js';
import { grant, grantParameters, grantTable, INCIDENT_STORE_ACTIONS, WORKFLOW_ACTIONS } from './grants.js';
import { functionEnvironment, secretParameters, stageConfig } from './stage-config.js';
import { Storage } from './storage.js';

/**
 * The three sensors. GuardDuty: a rule on the default bus (severity floor configurable, sample findings
 * excluded in the pattern) with retries and a DLQ. Egress samples: S3 notifications of `egress/*.json` in
 * the evidence bucket. Flow logs: a subscription filter on your flow-log group and/or notifications of your
 * flow-log bucket. Every function parks what it cannot process in its own encrypted dead-letter queue.
 */
export function Ingest({ stack, app }: StackContext) {
  const { table, key } = use(Storage);
  const config = stageConfig(app.stage);
  const evidence = evidenceBucket(stack, key, config);
  const secrets = secretParameters(config, app.stage);
  const environment = functionEnvironment(config, table.tableName);
  const ingestFunction = (id: string, handler: string, extra: Record<string, string> = {}) => {
    const deadLetters = deadLetterQueue(stack, `${id}DeadLetters`, key);
    const fn = new SstFunction(stack, id, {
      handler,
      runtime: 'nodejs22.x',
      architecture: 'arm_64',
      memorySize: 1024,
      timeout: 60,
      environment: { ...environment, ...extra },
      deadLetterQueue: deadLetters,
      retryAttempts: 2,
      tracing: 'active',
    });
    return { fn, deadLetters };
  };

  const guardDuty = ingestFunction('GuardDutyIngest', 'functions/guardduty-ingest.handler');
  grantTable(guardDuty.fn, table, key, INCIDENT_STORE_ACTIONS);
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
      new LambdaFunction(guardDuty.fn, {
        deadLetterQueue: guardDuty.deadLetters,
        retryAttempts: 8,
        maxEventAge: Duration.hours(2),
      }),
    ],
  });

  const egress = ingestFunction('EgressIngest', 'functions/egress-ingest.handler', {
    BREACHWATCH_FINGERPRINT_KEY_PARAM: secrets.fingerprintKey,
  });
  grantTable(egress.fn, table, key, WORKFLOW_ACTIONS);
  grant(egress.fn, ['s3:GetObject', 's3:GetObjectVersion'], [evidence.arnForObjects('egress/*')]);
  grantParameters(egress.fn, [secrets.fingerprintKey]);
  evidence.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(egress.fn), {
    prefix: 'egress/',
    suffix: '.json',
  });

  const flows = ingestFunction(
    'FlowLogsIngest',
    'functions/flowlogs-ingest.handler',
    config.flowLogFormat ? { BREACHWATCH_FLOW_LOG_FORMAT: config.flowLogFormat } : {},
  );
  grantTable(flows.fn, table, key, WORKFLOW_ACTIONS);
  if (config.flowLogGroupName) {
    new SubscriptionFilter(stack, 'FlowLogsSubscription', {
      logGroup: LogGroup.fromLogGroupName(stack, 'FlowLogGroup', config.flowLogGroupName),
      destination: new LogsLambdaDestination(flows.fn),
      filterPattern: FilterPattern.allEvents(),
    });
  }
  if (config.flowLogBucketName) {
    const bucket = Bucket.fromBucketName(stack, 'FlowLogBucket', config.flowLogBucketName);
    grant(flows.fn, ['s3:GetObject'], [bucket.arnForObjects('AWSLogs/*')]);
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(flows.fn), { prefix: 'AWSLogs/' });
  }
  stack.addOutputs({ EvidenceBucket: evidence.bucketName });
  return { guardDuty, egress, flows, evidence };
}
