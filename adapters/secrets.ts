import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SecretError } from './delivery-errors.js';

/** A secret given directly (local runtime, tests) or by the name of an SSM SecureString parameter (AWS). */
export interface SecretRef {
  value?: string;
  parameterName?: string;
}

const cache = new Map<string, Promise<string>>();
let ssm: SSMClient | undefined;

/**
 * Loads a secret: the direct value if set, else the SSM parameter `GetParameter` with decryption, cached
 * for the life of the process (one call per cold start; a failed call is not cached, so the next retries).
 * `name` is the setting's name, used in errors; the value is never logged.
 * @example const token = await loadSecret({ parameterName: '/breachwatch/slack/bot-token' }, 'SLACK_BOT_TOKEN');
 */
export async function loadSecret(ref: SecretRef, name: string, client?: SSMClient): Promise<string> {
  if (ref.value) return ref.value;
  const parameter = ref.parameterName;
  if (!parameter) throw new SecretError(`${name} is not configured: set ${name} or ${name}_PARAM (an SSM parameter)`);
  const cached = cache.get(parameter);
  if (cached) return cached;
  if (!client) ssm ??= new SSMClient({});
  const pending = fetchParameter(parameter, name, client ?? ssm!);
  cache.set(parameter, pending);
  pending.catch(() => cache.delete(parameter));
  return pending;
}

async function fetchParameter(parameter: string, name: string, client: SSMClient): Promise<string> {
  try {
    const res = await client.send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
    const value = res.Parameter?.Value;
    if (!value) throw new SecretError(`${name}: SSM parameter ${parameter} has no value`);
    return value;
  } catch (error) {
    if (error instanceof SecretError) throw error;
    throw new SecretError(`${name}: cannot read SSM parameter ${parameter} (${(error as Error).name})`, {
      cause: error,
    });
  }
}

/** A loader bound to one secret, for clients that take `() => Promise<string>`. */
export const secretLoader = (ref: SecretRef, name: string, client?: SSMClient) => () => loadSecret(ref, name, client);

/** Forgets cached secrets (tests; a rotated secret is picked up by the next cold start in AWS). */
export function clearSecretCache(): void {
  cache.clear();
}
