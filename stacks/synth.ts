/**
 * `npm run synth [-- --stage NAME]`: writes the CloudFormation template of every stack to `cdk.out/`,
 * offline, through SST's App as the infra tests do.
 */
import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeApp } from './synthesize.js';

const { values } = parseArgs({
  options: { stage: { type: 'string', default: 'dev' }, out: { type: 'string', default: 'cdk.out' } },
});
const outdir = resolve(values.out ?? 'cdk.out');
const app = await synthesizeApp({ stage: values.stage ?? 'dev' });
const assembly = app.synth();
// SST synthesizes into its own build folder; the templates are copied where CDK users look for them.
rmSync(outdir, { recursive: true, force: true });
cpSync(assembly.directory, outdir, { recursive: true });
for (const stack of assembly.stacks) console.log(`${stack.stackName}  ${resolve(outdir, stack.templateFile)}`);
