import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { App } from 'sst/constructs';

/**
 * Every cdk-nag finding we accept, with the rule, the resource and the reason. The infra tests run
 * AwsSolutionsChecks and fail on anything not listed here (queues add their own, in `dead-letters.ts`).
 */
export function applyNagSuppressions(app: App): void {
  for (const stack of app.node.children.filter((c): c is Stack => c instanceof Stack)) {
    for (const child of stack.node.findAll()) suppressFor(child);
  }
}

/** Lambda functions SST and CDK add to deploy: stack metadata and bucket notifications. */
const DEPLOYMENT_HELPER = /\/(CustomResourceHandler|BucketNotificationsHandler[0-9a-f]*)(\/|$)/;

function suppressFor(construct: IConstruct): void {
  if (DEPLOYMENT_HELPER.test(construct.node.path)) {
    NagSuppressions.addResourceSuppressions(construct, [
      { id: 'AwsSolutions-L1', reason: 'A deployment custom resource of SST or CDK; its runtime is theirs to choose' },
      {
        id: 'AwsSolutions-IAM4',
        reason: 'A deployment custom resource of SST or CDK: AWSLambdaBasicExecutionRole for its logs only',
      },
    ]);
    return;
  }
  const isFunction =
    construct.node.defaultChild !== undefined && (construct as { runtime?: unknown }).runtime !== undefined;
  if (!isFunction) return;
  NagSuppressions.addResourceSuppressions(
    construct,
    [
      {
        id: 'AwsSolutions-L1',
        reason: 'Pinned to nodejs22.x, the newest runtime SST 2.49.8 bundles and tests for (DESIGN.md)',
      },
      {
        id: 'AwsSolutions-IAM4',
        reason: 'AWSLambdaBasicExecutionRole: CloudWatch Logs create/put for the function only',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Reads objects under one key prefix (egress captures, AWSLogs flow logs): S3 names objects by prefix only',
        appliesTo: [{ regex: '/^Resource::.*\\/(egress|AWSLogs)\\/\\*$/g' }],
      },
    ],
    true,
  );
}
