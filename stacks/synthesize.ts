import { App } from 'sst/constructs';
import { initProject, useProject } from 'sst/project.js';
import config from '../sst.config.js';

/**
 * Synthesizes the whole SST app offline (no AWS credentials: `sst build` needs them), bundling every
 * handler, so a missing one fails. `before` may add aspects (cdk-nag) before the app is finished.
 */
export async function synthesizeApp(options: { stage: string; before?: (app: App) => void }): Promise<App> {
  // SST reads its CDK bootstrap from AWS unless it believes it runs under test; offline synthesis has to
  // say so. (`sst deploy` then adds its sourcemap-uploader policy, which needs the bootstrap bucket.)
  process.env.NODE_ENV = 'test';
  await initProject({ stage: options.stage });
  const app = new App({
    mode: 'deploy',
    name: useProject().config.name,
    stage: options.stage,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    account: process.env.CDK_DEFAULT_ACCOUNT ?? '111122223333',
  });
  config.stacks(app);
  options.before?.(app);
  await app.finish();
  return app;
}
