import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ingest } from '../../stacks/ingest.js';
import { Storage } from '../../stacks/storage.js';
import { policyStatements, synthesize, templateOf } from '../support/synth.js';

let storage: Template;
let ingest: Template;

beforeAll(async () => {
  await synthesize('test');
  storage = templateOf(Storage);
  ingest = templateOf(Ingest);
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

  it('grants the store exactly the DynamoDB actions it uses, and no wildcard action anywhere', () => {
    const statements = policyStatements(ingest);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
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
