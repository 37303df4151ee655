import { parseArgs } from 'node:util';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { ConfigError } from '../../events/errors.js';
import { startSigningProxy } from '../signing-proxy.js';

/**
 * `breachwatch console --url FUNCTION_URL [--port 8787] [--region R] [--profile P]`: opens the console deployed
 * behind IAM through a loopback proxy that signs each request with your AWS credentials. Runs until Ctrl-C.
 */
export const consoleProxy = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      port: { type: 'string', default: '8787' },
      region: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  if (positionals.length) throw new ConfigError(`console takes no positional arguments, got "${positionals[0]}"`);
  if (!values.url)
    throw new ConfigError('--url is required: the ConsoleUrl output of `npx sst deploy` (a Lambda function URL)');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`--port: not a port, "${values.port}"`);
  const credentials = defaultProvider(values.profile ? { profile: values.profile } : {});
  const { url } = await startSigningProxy({ target: values.url, region: values.region, credentials, port });
  console.log(
    `breachwatch console: ${url}/console  (requests signed with your AWS credentials, sent to ${values.url})`,
  );
  console.log('Ctrl-C to stop.');
  await new Promise<never>(() => {});
  return 0;
};
