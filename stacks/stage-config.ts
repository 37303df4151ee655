/** Settings that differ per stage; documented in the README's configuration table. */
export interface StageConfig {
  /** Lowest GuardDuty severity the EventBridge rule delivers (the function applies finer thresholds). */
  ruleMinSeverity: number;
  /** Lowest severity that opens an incident, and the per-category overrides. */
  minSeverity: number;
  minSeverityExfiltration: number;
  minSeverityDataStoreAccess: number;
  /** Correlation windows in hours per severity band. */
  windowHours: { high: number; medium: number; low: number };
  /** Production keeps data on stack deletion and protects the table. */
  production: boolean;
}

const defaults: StageConfig = {
  ruleMinSeverity: 1,
  minSeverity: 4,
  minSeverityExfiltration: 1,
  minSeverityDataStoreAccess: 1,
  windowHours: { high: 1, medium: 8, low: 24 },
  production: false,
};

/** Per-stage overrides; any stage not named here uses the defaults. */
const stages: Record<string, Partial<StageConfig>> = {
  prod: { production: true },
};

/** The configuration of a stage. */
export function stageConfig(stage: string): StageConfig {
  return { ...defaults, ...stages[stage] };
}

/** The environment the functions read (see `functions/lib/config.ts`). */
export function functionEnvironment(config: StageConfig, tableName: string): Record<string, string> {
  return {
    BREACHWATCH_TABLE: tableName,
    BREACHWATCH_MIN_SEVERITY: String(config.minSeverity),
    BREACHWATCH_MIN_SEVERITY_EXFILTRATION: String(config.minSeverityExfiltration),
    BREACHWATCH_MIN_SEVERITY_DATA_STORE_ACCESS: String(config.minSeverityDataStoreAccess),
    BREACHWATCH_WINDOW_HOURS_HIGH: String(config.windowHours.high),
    BREACHWATCH_WINDOW_HOURS_MEDIUM: String(config.windowHours.medium),
    BREACHWATCH_WINDOW_HOURS_LOW: String(config.windowHours.low),
    POWERTOOLS_SERVICE_NAME: 'breachwatch',
    POWERTOOLS_METRICS_NAMESPACE: 'breachwatch',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
