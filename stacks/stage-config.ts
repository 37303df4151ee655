import { readNotificationConfig } from '../functions/lib/notification-config.js';
import { DEMO_NOTIFICATION_CONFIG, type NotificationConfig } from '../incidents/notifications/config.js';

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
  /** Days evidence (egress captures) and dedup markers are kept. */
  retentionDays: number;
  /** CloudWatch Logs group your VPC flow logs go to; a subscription filter feeds the flow-log function. */
  flowLogGroupName?: string;
  /** S3 bucket your VPC flow logs are delivered to; its notifications feed the flow-log function. */
  flowLogBucketName?: string;
  /** Custom flow-log `${field}` format for header-less CloudWatch Logs records (default: v2 default format). */
  flowLogFormat?: string;
  /** Destinations allowed to receive some PII types (JSON rules, see `detectors/egress/destination.ts`). */
  egressAllowlist: Array<{ host?: string; cidr?: string; port?: number; types: string[] | '*' }>;
  /** Slack channel for pages, and who an escalation mentions. */
  slackChannel?: string;
  slackEscalationMention?: string;
  /** Slack user id → person (the legal record of who acted). */
  slackUsers: Record<string, string>;
  /**
   * Where people open the console, for links in pages: by default the address `breachwatch console --url`
   * serves on each viewer's machine, since the deployed console requires IAM-signed requests.
   */
  consoleUrl: string;
  /**
   * Controller, DPO and supervisory authorities (lead first) for the Art. 33 drafts and the Slack forms; else
   * `BREACHWATCH_NOTIFICATION_CONFIG` in the deployer's environment. Production stages refuse to deploy without.
   */
  notification?: NotificationConfig;
  /** Prefix of the SSM SecureString parameters holding the secrets (created before deploy). */
  ssmPrefix: string;
}

const defaults: StageConfig = {
  ruleMinSeverity: 1,
  minSeverity: 4,
  minSeverityExfiltration: 1,
  minSeverityDataStoreAccess: 1,
  windowHours: { high: 1, medium: 8, low: 24 },
  production: false,
  retentionDays: 30,
  egressAllowlist: [],
  slackUsers: {},
  consoleUrl: 'http://127.0.0.1:8787/console',
  ssmPrefix: '/breachwatch',
};

/** Per-stage overrides; any stage not named here uses the defaults. */
const stages: Record<string, Partial<StageConfig>> = {
  prod: { production: true, retentionDays: 365 },
  // The infra tests deploy nothing; they exercise every optional wiring.
  test: {
    flowLogGroupName: '/vpc/flow-logs',
    flowLogBucketName: 'acme-flow-logs',
    slackChannel: 'C0BREACHWATCH',
    notification: DEMO_NOTIFICATION_CONFIG,
  },
  nag: { flowLogGroupName: '/vpc/flow-logs', flowLogBucketName: 'acme-flow-logs', slackChannel: 'C0BREACHWATCH' },
};

/** The configuration of a stage. */
export function stageConfig(stage: string): StageConfig {
  return { ...defaults, ...stages[stage] };
}

/**
 * The notification settings the workflow functions get as `BREACHWATCH_NOTIFICATION_CONFIG`: the stage's,
 * else the deployer's environment. A production stage without them fails synthesis with what to set: a DPO
 * must not find out at the 72-hour deadline that the authority form cannot open.
 */
export function notificationSetting(config: StageConfig, stage: string, env = process.env): Record<string, string> {
  const json = config.notification ? JSON.stringify(config.notification) : env.BREACHWATCH_NOTIFICATION_CONFIG;
  if (json) {
    readNotificationConfig({ BREACHWATCH_NOTIFICATION_CONFIG: json }); // a mistake fails the deploy, not the form
    return { BREACHWATCH_NOTIFICATION_CONFIG: json };
  }
  if (config.production)
    throw new Error(
      `stage ${stage}: set \`notification\` in stacks/stage-config.ts (controller, dpo, leadAuthority, …) or ` +
        'BREACHWATCH_NOTIFICATION_CONFIG before deploying; see the README (Configuration)',
    );
  return {};
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
    BREACHWATCH_EGRESS_ALLOWLIST: JSON.stringify(config.egressAllowlist),
    POWERTOOLS_SERVICE_NAME: 'breachwatch',
    POWERTOOLS_METRICS_NAMESPACE: 'breachwatch',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** The SSM parameter names of a stage's secrets. */
export function secretParameters(config: StageConfig, stage: string) {
  const base = `${config.ssmPrefix}/${stage}`;
  return {
    fingerprintKey: `${base}/fingerprint-key`,
    slackBotToken: `${base}/slack/bot-token`,
    slackSigningSecret: `${base}/slack/signing-secret`,
    ackLinkKey: `${base}/ack-link-key`,
  };
}
