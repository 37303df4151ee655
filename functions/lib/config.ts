import { defaultRelevanceConfig, type RelevanceConfig } from '../../detectors/guardduty/classify-finding.js';
import { ConfigError } from '../../events/errors.js';
import { type Category, SeverityBand } from '../../events/signal.js';
import { type CorrelationConfig, defaultCorrelationConfig } from '../../incidents/correlate.js';

/** Settings every function reads from its environment (set by the stacks, or by the local runtime). */
export interface RuntimeConfig {
  tableName: string;
  dynamoEndpoint?: string;
  relevance: RelevanceConfig;
  correlation: CorrelationConfig;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

/**
 * Reads configuration: `BREACHWATCH_TABLE` (required), `BREACHWATCH_MIN_SEVERITY` (4),
 * `BREACHWATCH_MIN_SEVERITY_EXFILTRATION` and `…_DATA_STORE_ACCESS` (1), `BREACHWATCH_INCLUDE_SAMPLES`,
 * `BREACHWATCH_WINDOW_HOURS_HIGH|MEDIUM|LOW` (1, 8, 24), `DYNAMODB_ENDPOINT` (local only).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const tableName = env.BREACHWATCH_TABLE;
  if (!tableName) throw new ConfigError('BREACHWATCH_TABLE is not set: it names the incidents table');
  const hours = (band: string, fallbackMs: number) =>
    number(env, `BREACHWATCH_WINDOW_HOURS_${band}`, fallbackMs / 3_600_000) * 3_600_000;
  const w = defaultCorrelationConfig.windowMsByBand;
  const minByCategory: Partial<Record<Category, number>> = {
    exfiltration: number(
      env,
      'BREACHWATCH_MIN_SEVERITY_EXFILTRATION',
      defaultRelevanceConfig.minSeverityByCategory.exfiltration ?? 1,
    ),
    'data-store-access': number(
      env,
      'BREACHWATCH_MIN_SEVERITY_DATA_STORE_ACCESS',
      defaultRelevanceConfig.minSeverityByCategory['data-store-access'] ?? 1,
    ),
  };
  return {
    tableName,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    relevance: {
      minSeverity: number(env, 'BREACHWATCH_MIN_SEVERITY', defaultRelevanceConfig.minSeverity),
      minSeverityByCategory: minByCategory,
      includeSamples: env.BREACHWATCH_INCLUDE_SAMPLES === 'true',
      includeArchived: env.BREACHWATCH_INCLUDE_ARCHIVED === 'true',
    },
    correlation: {
      windowMsByBand: {
        [SeverityBand.CRITICAL]: hours('HIGH', w.critical),
        [SeverityBand.HIGH]: hours('HIGH', w.high),
        [SeverityBand.MEDIUM]: hours('MEDIUM', w.medium),
        [SeverityBand.LOW]: hours('LOW', w.low),
      },
    },
  };
}
