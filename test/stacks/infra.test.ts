import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOTIFICATION_CONFIG } from '../../incidents/notifications/config.js';
import { Console } from '../../stacks/console.js';
import { INCIDENT_STORE_ACTIONS } from '../../stacks/grants.js';
import { Ingest } from '../../stacks/ingest.js';
import { Operations } from '../../stacks/operations.js';
import { notificationSetting, stageConfig } from '../../stacks/stage-config.js';
import { Storage } from '../../stacks/storage.js';
import { Workflow } from '../../stacks/workflow.js';
import { policyStatements, synthesize, templateOf } from '../support/synth.js';

let storage: Template;
let ingest: Template;
let workflow: Template;
let operations: Template;
let consoleStack: Template;
let outdir: string;

beforeAll(async () => {
  outdir = (await synthesize('test')).outdir;
  consoleStack = templateOf(Console);
  storage = templateOf(Storage);
  ingest = templateOf(Ingest);
  workflow = templateOf(Workflow);
  operations = templateOf(Operations);
}, 180_000);

describe('Storage stack', () => {
  it('has the incidents table with PITR, KMS encryption, TTL, a stream and both indexes', () => {
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byOpen' }), Match.objectLike({ IndexName: 'byTime' })],
    });
    storage.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('Ingest stack', () => {
  it('routes GuardDuty findings from the default bus, samples excluded, to the function with retries and a DLQ', () => {
    ingest.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 1] }], service: { additionalInfo: { sample: [{ exists: false }] } } },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
    expect(ingest.findResources('AWS::Events::Rule', { Properties: { EventBusName: Match.anyValue() } })).toEqual({});
  });

  it('runs the handler on nodejs22.x with its own dead-letter queue for rejected events', () => {
    ingest.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: Match.stringLikeRegexp('guardduty-ingest\\.handler$'),
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: {
        Variables: Match.objectLike({ BREACHWATCH_TABLE: Match.anyValue(), BREACHWATCH_MIN_SEVERITY: '4' }),
      },
    });
    ingest.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    ingest.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  it('grants the GuardDuty function exactly the DynamoDB actions the store uses, and no wildcard action anywhere', () => {
    const statements = policyStatements(ingest);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    const guardDutyRole = Object.entries(ingest.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('GuardDutyIngest'),
    );
    if (!guardDutyRole) throw new Error('no policy for the GuardDuty ingest role');
    const own = (
      guardDutyRole[1] as { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[] }> } } }
    ).Properties.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(own.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
  });

  it('feeds egress captures and flow logs to their functions', () => {
    ingest.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    ingest.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Filter: {
              Key: {
                FilterRules: [
                  { Name: 'suffix', Value: '.json' },
                  { Name: 'prefix', Value: 'egress/' },
                ],
              },
            },
          }),
        ],
      },
    });
    ingest.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: '/vpc/flow-logs',
      FilterPattern: '',
    });
    ingest.resourceCountIs('AWS::SQS::Queue', 3);
  });
});

describe('Workflow stack', () => {
  it('publishes from the table stream with partial batch failures, bisect and a failure queue', () => {
    workflow.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    workflow.hasResourceProperties('AWS::Events::EventBus', { Name: 'test-breachwatch' });
    workflow.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['breachwatch'] } });
  });

  it('encrypts both topics with the data key and refuses plain HTTP', () => {
    workflow.resourceCountIs('AWS::SNS::Topic', 2);
    workflow.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    workflow.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      },
    });
  });

  it('serves Slack and ack links from function URLs without AWS auth (Slack signs; the link is signed) and runs deadlines every 5 minutes', () => {
    workflow.resourcePropertiesCountIs('AWS::Lambda::Url', { AuthType: 'NONE' }, 2);
    workflow.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' });
    workflow.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ BREACHWATCH_NOTIFICATION_CONFIG: JSON.stringify(DEMO_NOTIFICATION_CONFIG) }),
      },
    });
    workflow.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BREACHWATCH_ACK_URL: Match.anyValue() }) },
    });
    workflow.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    const actions = policyStatements(workflow).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['events:PutEvents', 'sns:Publish', 'ssm:GetParameter']));
  });
});

describe('Operations stack', () => {
  it('alarms on every dead-letter queue, function errors and throttles, and incidents opened but not paged', () => {
    const alarms = Object.values(operations.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { AlarmDescription: string };
    }>;
    const descriptions = alarms.map((a) => a.Properties.AlarmDescription);
    expect(descriptions.filter((d) => d.includes('dead-letter queue'))).toHaveLength(5);
    expect(descriptions.filter((d) => d.endsWith('errors (runbook: function errors and throttles)'))).toHaveLength(9);
    expect(descriptions.filter((d) => d.includes('throttles (runbook'))).toHaveLength(9);
    expect(descriptions).toContain(
      'incidents opened but no on-call page delivered for 30 minutes (runbook: opened but not paged)',
    );
  });
});

describe('IAM resources', () => {
  it('names each index instead of index/*', () => {
    const resources = JSON.stringify(policyStatements(ingest).map((s) => s.Resource));
    expect(resources).not.toContain('index/*');
    expect(resources).toContain('/index/byOpen');
    expect(resources).toContain('/index/byTime');
  });
});

describe('Console stack', () => {
  it('serves the console behind a function URL with IAM auth and ships the page beside the bundle', () => {
    consoleStack.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    consoleStack.resourcePropertiesCountIs('AWS::Lambda::Url', { AuthType: 'NONE' }, 0);
    const bundles = readdirSync(outdir)
      .map((dir) => join(outdir, dir, 'functions'))
      .filter((dir) => existsSync(join(dir, 'console-http.mjs')));
    expect(bundles.length).toBeGreaterThan(0);
    for (const dir of bundles) expect(existsSync(join(dir, 'static', 'console.html'))).toBe(true);
  });

  it('grants the console the store actions only, and callers only lambda:InvokeFunctionUrl under IAM auth', () => {
    const actions = policyStatements(consoleStack).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    const tracing = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
    expect(new Set(actions)).toEqual(
      new Set([...INCIDENT_STORE_ACTIONS, 'kms:Decrypt', 'kms:GenerateDataKey', ...tracing]),
    );
    consoleStack.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'lambda:InvokeFunctionUrl',
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
          }),
        ],
      },
    });
  });
});

describe('stage configuration', () => {
  it('refuses a production stage without notification settings, and a stage whose settings are invalid', () => {
    expect(() => notificationSetting(stageConfig('prod'), 'prod', {})).toThrow(/stage prod: set `notification`/);
    expect(notificationSetting(stageConfig('dev'), 'dev', {})).toEqual({});
    const bad = JSON.stringify({ ...DEMO_NOTIFICATION_CONFIG, leadAuthority: { id: 'Berlin DPA' } });
    expect(() => notificationSetting(stageConfig('prod'), 'prod', { BREACHWATCH_NOTIFICATION_CONFIG: bad })).toThrow(
      /leadAuthority/,
    );
    const good = JSON.stringify(DEMO_NOTIFICATION_CONFIG);
    expect(notificationSetting(stageConfig('prod'), 'prod', { BREACHWATCH_NOTIFICATION_CONFIG: good })).toEqual({
      BREACHWATCH_NOTIFICATION_CONFIG: good,
    });
  });
});
