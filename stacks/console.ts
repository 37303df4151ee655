import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { grantTable, INCIDENT_STORE_ACTIONS } from './grants.js';
import { functionEnvironment, notificationSetting, stageConfig } from './stage-config.js';
import { Storage } from './storage.js';

/**
 * The breach console and its exports behind a function URL with IAM auth: only principals given the
 * `ConsoleAccess` policy (attach it to the DPO's and on-call's roles) can open it, through
 * `breachwatch console --url`, and each transition records who they are.
 */
export function Console({ stack, app }: StackContext) {
  const { table, key } = use(Storage);
  const config = stageConfig(app.stage);
  const fn = new SstFunction(stack, 'ConsoleHttp', {
    handler: 'functions/console-http.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm_64',
    memorySize: 1024, // PDF exports render in memory
    timeout: 30,
    environment: { ...functionEnvironment(config, table.tableName), ...notificationSetting(config, app.stage) },
    tracing: 'active',
    // The page is read from `static/` beside the bundle (functions/console-http.mjs) at cold start.
    copyFiles: [{ from: 'adapters/console/static', to: 'functions/static' }],
  });
  grantTable(fn, table, key, INCIDENT_STORE_ACTIONS);
  const url = fn.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });
  const access = new ManagedPolicy(stack, 'ConsoleAccess', {
    description: 'Open the breachwatch console and its exports (function URL, IAM auth)',
    statements: [
      new PolicyStatement({
        actions: ['lambda:InvokeFunctionUrl'],
        resources: [fn.functionArn],
        conditions: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
      }),
    ],
  });
  stack.addOutputs({ ConsoleUrl: url.url, ConsoleAccessPolicy: access.managedPolicyArn });
  return { fn, url, access };
}
