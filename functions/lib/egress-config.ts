import { loadSecret } from '../../adapters/secrets.js';
import type { AllowRule } from '../../detectors/egress/destination.js';
import type { EgressConfig } from '../../detectors/egress/evaluate-egress-sample.js';
import { ConfigError } from '../../events/errors.js';

/** The key locally when none is configured; documented as not secret (same as `breachwatch scan`). */
export const LOCAL_FINGERPRINT_KEY = 'breachwatch-local-fingerprint-key';

/**
 * Egress scanning settings: `BREACHWATCH_EGRESS_ALLOWLIST` (JSON array of `{host|cidr, port?, types}`),
 * `BREACHWATCH_EGRESS_MIN_SEVERITY` (4), and the fingerprint HMAC key from `BREACHWATCH_FINGERPRINT_KEY`
 * or the SSM SecureString named by `BREACHWATCH_FINGERPRINT_KEY_PARAM`.
 */
export async function readEgressConfig(
  env: NodeJS.ProcessEnv = process.env,
  localDefaults = false,
): Promise<EgressConfig> {
  let allowlist: AllowRule[] = [];
  if (env.BREACHWATCH_EGRESS_ALLOWLIST) {
    try {
      allowlist = JSON.parse(env.BREACHWATCH_EGRESS_ALLOWLIST) as AllowRule[];
    } catch (error) {
      throw new ConfigError('BREACHWATCH_EGRESS_ALLOWLIST must be a JSON array of {host|cidr, port?, types}', {
        cause: error,
      });
    }
    if (!Array.isArray(allowlist)) throw new ConfigError('BREACHWATCH_EGRESS_ALLOWLIST must be a JSON array');
  }
  const value =
    env.BREACHWATCH_FINGERPRINT_KEY ||
    (localDefaults && !env.BREACHWATCH_FINGERPRINT_KEY_PARAM ? LOCAL_FINGERPRINT_KEY : undefined);
  const fingerprintKey = await loadSecret(
    { value, parameterName: env.BREACHWATCH_FINGERPRINT_KEY_PARAM },
    'BREACHWATCH_FINGERPRINT_KEY',
  );
  const min = env.BREACHWATCH_EGRESS_MIN_SEVERITY ? Number(env.BREACHWATCH_EGRESS_MIN_SEVERITY) : undefined;
  return {
    allowlist,
    fingerprintKey,
    ...(min !== undefined && Number.isFinite(min) ? { minSeverityToOpen: min } : {}),
  };
}
