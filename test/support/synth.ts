import { Template } from 'aws-cdk-lib/assertions';
import { App, getStack } from 'sst/constructs';
import { initProject, useProject } from 'sst/project.js';
import config from '../../sst.config.js';

/** Synthesizes the whole SST app offline for a stage, bundling every handler (a missing one fails). */
export async function synthesize(stage = 'test', before?: (app: App) => void): Promise<App> {
  await initProject({ stage });
  const app = new App({
    mode: 'deploy',
    name: useProject().config.name,
    stage,
    region: 'eu-west-1',
    account: '111122223333',
  });
  config.stacks(app);
  before?.(app);
  await app.finish();
  return app;
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
