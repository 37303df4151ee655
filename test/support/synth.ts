import { Template } from 'aws-cdk-lib/assertions';
import { type App, getStack } from 'sst/constructs';
import { synthesizeApp } from '../../stacks/synthesize.js';

/** Synthesizes the whole SST app offline for a stage, bundling every handler (a missing one fails). */
export function synthesize(stage = 'test', before?: (app: App) => void): Promise<App> {
  return synthesizeApp({ stage, before });
}

/** The CloudFormation template of one stack function of the app. */
export function templateOf(stack: Parameters<typeof getStack>[0]): Template {
  return Template.fromStack(getStack(stack));
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every IAM policy statement of a template. */
export function policyStatements(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
}
