import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFoundError } from '../adapters/errors.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { PageStore } from '../adapters/page-store.js';
import { loadSecret, secretLoader } from '../adapters/secrets.js';
import { SlackApi } from '../adapters/slack/api.js';
import { actionCommand, type SlackActionId } from '../adapters/slack/blocks.js';
import { SlackPayloadError } from '../adapters/slack/errors.js';
import { type BlockActionsPayload, parseBlockActions } from '../adapters/slack/payload.js';
import { rawBody, verifySlackSignature } from '../adapters/slack/verify-signature.js';
import { IllegalTransitionError } from '../incidents/errors.js';
import type { Command } from '../incidents/lifecycle.js';
import { logger, metrics } from './lib/telemetry.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

/** What the interaction endpoint needs. */
export interface InteractionDeps {
  store: Pick<IncidentStore, 'applyCommand' | 'getIncident'>;
  /** Answers through `response_url`. */
  slack: Pick<SlackApi, 'respond'>;
  signingSecret: () => Promise<string>;
  /** Replay marker: false when this signature + timestamp was seen before. */
  markSeen?: (key: string, expiresAt: Date) => Promise<boolean>;
  /** Slack user id → person id; unmapped users are refused unless `allowUnmapped` (then `slack:<id>`). */
  users: Record<string, string>;
  allowUnmapped: boolean;
  now: () => Date;
  /** Budget for the `response_url` post, so the whole answer stays under Slack's 3 s (default 1000 ms). */
  respondTimeoutMs?: number;
}

/** A repeated Escalate click within this window is the same escalation. */
const ESCALATE_DEBOUNCE_MS = 60_000;
const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

type Outcome = { changed: boolean; text: string };

/**
 * Applies one button click: maps the Slack user to a person, the button to a lifecycle command, and applies it
 * with optimistic locking; a repeat of an action already taken (a double click) changes nothing.
 */
export async function applyBlockAction(payload: BlockActionsPayload, deps: InteractionDeps): Promise<Outcome> {
  const action = payload.actions[0]!;
  const command = actionCommand[action.action_id as SlackActionId];
  if (!command) throw new SlackPayloadError(`actions.0.action_id: not one of ${Object.keys(actionCommand).join(', ')}`);
  const id = action.value ?? '';
  if (!INCIDENT_ID.test(id)) throw new SlackPayloadError('actions.0.value: not an incident id');
  const person = deps.users[payload.user.id] ?? (deps.allowUnmapped ? `slack:${payload.user.id}` : undefined);
  if (!person)
    return {
      changed: false,
      text: `Your Slack user ${payload.user.id} is not mapped to a breachwatch person, so nothing was changed. Ask an admin to add it to SLACK_USERS.`,
    };
  const now = deps.now();
  const cmd: Command =
    command === 'escalate'
      ? { action: command, actor: person, reason: 'escalated from Slack' }
      : command === 'dismiss'
        ? { action: command, actor: person, reason: 'dismissed from Slack; reason to be added in the console' }
        : { action: command, actor: person };
  try {
    if (command === 'escalate') {
      const last = (await deps.store.getIncident(id))?.workflow.escalations?.at(-1);
      if (last && now.getTime() - Date.parse(last.at) < ESCALATE_DEBOUNCE_MS)
        return { changed: false, text: `${id} was escalated at ${last.at}; nothing changed.` };
    }
    const { incident, changed } = await deps.store.applyCommand(id, cmd, now);
    return changed
      ? { changed, text: `${id}: ${command} recorded for ${person}; status ${incident.status}.` }
      : { changed, text: `${id} is already ${incident.status}; nothing changed.` };
  } catch (error) {
    if (error instanceof IllegalTransitionError || error instanceof NotFoundError)
      return { changed: false, text: error.message };
    throw error;
  }
}

type UrlEvent = APIGatewayProxyEventV2;
type UrlResult = APIGatewayProxyStructuredResultV2;

/** The endpoint body behind the signature check: parse, apply, answer through `response_url`, 200. */
export async function handleInteraction(event: UrlEvent, deps: InteractionDeps): Promise<UrlResult> {
  let payload: BlockActionsPayload;
  let outcome: Outcome;
  try {
    payload = parseBlockActions(rawBody(event));
    outcome = await applyBlockAction(payload, deps);
  } catch (error) {
    if (!(error instanceof SlackPayloadError)) throw error;
    logger.warn('malformed Slack interaction', { error: error.message });
    return {
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: error.message }),
    };
  }
  logger.info('slack action', { action: payload.actions[0]!.action_id, changed: outcome.changed });
  if (payload.response_url) {
    await deps.slack
      .respond(
        payload.response_url,
        { response_type: 'ephemeral', replace_original: false, text: outcome.text },
        deps.respondTimeoutMs ?? 1_000,
      )
      .catch((error: Error) => logger.warn('response_url post failed', { error: error.name }));
  }
  return { statusCode: 200, body: '' };
}

/** The Slack interactivity endpoint (function URL): signature first, then the action. */
export function makeSlackInteractionsHandler(deps: () => InteractionDeps) {
  return middy(async (event: UrlEvent) => handleInteraction(event, deps()))
    .use(injectLambdaContext(logger, { resetKeys: true })) // never logEvent: payloads carry user names
    .use(logMetrics(metrics))
    .use(
      verifySlackSignature({
        signingSecret: () => deps().signingSecret(),
        now: () => deps().now(),
        markSeen: (key, expiresAt) => deps().markSeen?.(key, expiresAt) ?? Promise.resolve(true),
      }),
    );
}

let deps: InteractionDeps | undefined;
function depsFromEnv(): InteractionDeps {
  const config = readWorkflowConfig();
  const store = new IncidentStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint });
  const pages = new PageStore(store.client, store.tableName);
  return {
    store,
    slack: new SlackApi({ baseUrl: config.slackApiUrl, token: secretLoader(config.slackBotToken, 'SLACK_BOT_TOKEN') }),
    signingSecret: () => loadSecret(config.slackSigningSecret, 'SLACK_SIGNING_SECRET'),
    markSeen: (key, expiresAt) => pages.markOnce(`slack-request#${key}`, expiresAt),
    users: config.slackUsers,
    allowUnmapped: config.slackAllowUnmapped,
    now: () => new Date(),
  };
}

export const handler = makeSlackInteractionsHandler(() => {
  deps ??= depsFromEnv();
  return deps;
});
