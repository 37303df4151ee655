import type { SecretRef } from '../../adapters/secrets.js';
import { ConfigError } from '../../events/errors.js';
import { SeverityBand } from '../../events/signal.js';
import { defaultEscalationPolicy, type EscalationPolicy } from '../../incidents/gdpr-clock.js';

/** Settings of the workflow functions (outbox, paging, Slack interactions, deadlines), from the environment. */
export interface WorkflowConfig {
  tableName: string;
  dynamoEndpoint?: string;
  eventBusName: string;
  oncallTopicArn?: string;
  escalationTopicArn?: string;
  slackApiUrl: string;
  slackChannel?: string;
  /** Who an escalation mentions in Slack, e.g. `<!subteam^S0123>` or `<@U0123>`. */
  slackEscalationMention?: string;
  slackBotToken: SecretRef;
  slackSigningSecret: SecretRef;
  /** Slack user id → breachwatch person id. */
  slackUsers: Record<string, string>;
  /** Record unmapped Slack users as `slack:<id>` instead of refusing them. */
  slackAllowUnmapped: boolean;
  ackLinkKey: SecretRef;
  ackLinkTtlMs: number;
  /** Base URL of the console, where pages link an incident (`…/incidents/{id}`). */
  consoleUrl: string;
  /** Base URL serving `/ack` for acknowledge links (deployed: the ack function URL); else the console's origin. */
  ackUrl?: string;
  escalation: EscalationPolicy;
}

const secret = (env: NodeJS.ProcessEnv, name: string): SecretRef => ({
  value: env[name] || undefined,
  parameterName: env[`${name}_PARAM`] || undefined,
});

function minutes(env: NodeJS.ProcessEnv, band: string, fallbackMs: number): number {
  const raw = env[`BREACHWATCH_ESCALATE_MINUTES_${band}`];
  if (raw === undefined || raw === '') return fallbackMs;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(`BREACHWATCH_ESCALATE_MINUTES_${band} must be a positive number of minutes, got "${raw}"`);
  return value * 60_000;
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (!/^https?:\/\//.test(raw) || !URL.canParse(raw))
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

function slackUsers(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      parsed &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string')
    )
      return parsed as Record<string, string>;
  } catch {}
  throw new ConfigError('SLACK_USERS must be a JSON object of Slack user id → person id, e.g. {"U0123":"dpo-anna"}');
}

/**
 * Reads `BREACHWATCH_TABLE`, `DYNAMODB_ENDPOINT`, `BREACHWATCH_EVENT_BUS` ("breachwatch"),
 * `BREACHWATCH_ONCALL_TOPIC_ARN`, `BREACHWATCH_ESCALATION_TOPIC_ARN`, `SLACK_API_URL` (https://slack.com/api),
 * `SLACK_CHANNEL`, `SLACK_ESCALATION_MENTION`, `SLACK_BOT_TOKEN[_PARAM]`, `SLACK_SIGNING_SECRET[_PARAM]`,
 * `SLACK_USERS`, `SLACK_ALLOW_UNMAPPED`, `ACK_LINK_KEY[_PARAM]`, `ACK_LINK_TTL_HOURS` (24),
 * `BREACHWATCH_CONSOLE_URL`, `BREACHWATCH_ACK_URL`, `BREACHWATCH_ESCALATE_MINUTES_CRITICAL|HIGH|MEDIUM|LOW` (15, 30, 120, 480).
 */
export function readWorkflowConfig(env: NodeJS.ProcessEnv = process.env): WorkflowConfig {
  const tableName = env.BREACHWATCH_TABLE;
  if (!tableName) throw new ConfigError('BREACHWATCH_TABLE is not set: it names the incidents table');
  const ttlHours = Number(env.ACK_LINK_TTL_HOURS || 24);
  if (!Number.isFinite(ttlHours) || ttlHours <= 0)
    throw new ConfigError(`ACK_LINK_TTL_HOURS must be a positive number, got "${env.ACK_LINK_TTL_HOURS}"`);
  const w = defaultEscalationPolicy.windowMsByBand;
  return {
    tableName,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    eventBusName: env.BREACHWATCH_EVENT_BUS || 'breachwatch',
    oncallTopicArn: env.BREACHWATCH_ONCALL_TOPIC_ARN || undefined,
    escalationTopicArn: env.BREACHWATCH_ESCALATION_TOPIC_ARN || undefined,
    slackApiUrl: env.SLACK_API_URL || 'https://slack.com/api',
    slackChannel: env.SLACK_CHANNEL || undefined,
    slackEscalationMention: env.SLACK_ESCALATION_MENTION || undefined,
    slackBotToken: secret(env, 'SLACK_BOT_TOKEN'),
    slackSigningSecret: secret(env, 'SLACK_SIGNING_SECRET'),
    slackUsers: slackUsers(env.SLACK_USERS),
    slackAllowUnmapped: env.SLACK_ALLOW_UNMAPPED === 'true',
    ackLinkKey: secret(env, 'ACK_LINK_KEY'),
    ackLinkTtlMs: ttlHours * 3_600_000,
    consoleUrl: url(env, 'BREACHWATCH_CONSOLE_URL') ?? 'http://localhost:3000',
    ackUrl: url(env, 'BREACHWATCH_ACK_URL'),
    escalation: {
      maxLevels: defaultEscalationPolicy.maxLevels,
      windowMsByBand: {
        [SeverityBand.CRITICAL]: minutes(env, 'CRITICAL', w.critical),
        [SeverityBand.HIGH]: minutes(env, 'HIGH', w.high),
        [SeverityBand.MEDIUM]: minutes(env, 'MEDIUM', w.medium),
        [SeverityBand.LOW]: minutes(env, 'LOW', w.low),
      },
    },
  };
}
