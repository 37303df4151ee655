import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IncidentStore } from '../adapters/incident-store.js';
import { PageStore } from '../adapters/page-store.js';
import { loadSecret, secretLoader } from '../adapters/secrets.js';
import { answerWithin, type Bounded } from '../adapters/slack/answer-within.js';
import { SlackApi } from '../adapters/slack/api.js';
import { SlackPayloadError } from '../adapters/slack/errors.js';
import {
  applyBlockAction,
  applyViewSubmission,
  type InteractionDeps,
  type Outcome,
} from '../adapters/slack/interactions.js';
import { readModalMetadata } from '../adapters/slack/modal-submission.js';
import { type InteractionPayload, parseInteraction } from '../adapters/slack/payload.js';
import { rawBody, verifySlackSignature } from '../adapters/slack/verify-signature.js';
import type { NotificationConfig } from '../incidents/notifications/config.js';
import { readNotificationConfig } from './lib/notification-config.js';
import { logger, metrics } from './lib/telemetry.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

export type { InteractionDeps } from '../adapters/slack/interactions.js';

type UrlEvent = APIGatewayProxyEventV2;
type UrlResult = APIGatewayProxyStructuredResultV2;

/** Work that goes on after the answer, when no `defer` is injected: the streaming handler settles it. */
const deferred = new Set<Promise<void>>();
const deferWork = (work: Promise<void>) => {
  deferred.add(work);
  void work.finally(() => deferred.delete(work));
};

/** Waits for the work still running after answers (reports through `response_url`). */
export async function settleDeferred(): Promise<void> {
  while (deferred.size > 0) await Promise.allSettled([...deferred]);
}

const badRequest = (error: SlackPayloadError): UrlResult => {
  logger.warn('malformed Slack interaction', { error: error.message });
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: error.message }),
  };
};

function responseUrlOf(payload: InteractionPayload): string | undefined {
  if (payload.type === 'block_actions') return payload.response_url;
  try {
    return readModalMetadata(payload.view.private_metadata).responseUrl;
  } catch {
    return undefined;
  }
}

/**
 * The endpoint body behind the signature check: parse, apply (a click, or a submitted modal), and answer
 * within `answerBudgetMs` whatever the store or Slack do; the outcome is reported through `response_url`
 * after the answer. A modal's validation errors come back inline (`response_action: "errors"`).
 */
export async function handleInteraction(event: UrlEvent, deps: InteractionDeps): Promise<UrlResult> {
  let payload: InteractionPayload;
  try {
    payload = parseInteraction(rawBody(event));
  } catch (error) {
    if (error instanceof SlackPayloadError) return badRequest(error);
    throw error;
  }
  const work = payload.type === 'block_actions' ? applyBlockAction(payload, deps) : applyViewSubmission(payload, deps);
  let first: Bounded<Outcome>;
  try {
    first = await answerWithin(work, deps.answerBudgetMs ?? 2_500, deps.timer);
  } catch (error) {
    if (error instanceof SlackPayloadError) return badRequest(error);
    throw error;
  }
  const responseUrl = responseUrlOf(payload);
  const respond = (text: string) =>
    responseUrl
      ? deps.slack.respond(
          responseUrl,
          { response_type: 'ephemeral', replace_original: false, text },
          deps.respondTimeoutMs ?? 1_000,
        )
      : Promise.resolve();
  const report = work
    .then(
      (outcome) => (outcome.text ? respond(outcome.text) : undefined),
      async (error: Error) => {
        logger.error('slack interaction failed', { error: error.name, late: first.late });
        if (first.late)
          await respond('breachwatch could not complete this action; nothing may have changed. Try again.');
      },
    )
    .catch((error: Error) => logger.warn('response_url post failed', { error: error.name }));
  (deps.defer ?? deferWork)(report);
  logger.info('slack interaction', {
    type: payload.type,
    late: first.late,
    changed: !first.late && first.value.changed,
  });
  if (!first.late && first.value.viewAnswer)
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(first.value.viewAnswer),
    };
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
let notifications: NotificationConfig | undefined;
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
    notifications: () => (notifications ??= readNotificationConfig()),
    now: () => new Date(),
  };
}

const buffered = makeSlackInteractionsHandler(() => {
  deps ??= depsFromEnv();
  return deps;
});

/**
 * Writes a finished answer to a Lambda response stream and ends it, so Slack has its answer, then waits for
 * the work still running (reports through `response_url`) before the invocation ends.
 */
export async function streamAnswer(
  answer: UrlResult,
  open: (metadata: Record<string, unknown>) => NodeJS.WritableStream,
  settle: () => Promise<void> = settleDeferred,
): Promise<void> {
  const out = open({ statusCode: answer.statusCode ?? 200, headers: answer.headers ?? {} });
  await new Promise<void>((resolve) => out.end(answer.body ?? '', resolve));
  await settle();
}

// Other libraries (Powertools' InvokeStore) may define `awslambda` outside Lambda: check for the decorator.
const candidate = (globalThis as { awslambda?: Partial<typeof awslambda> }).awslambda;
const lambda =
  typeof candidate?.streamifyResponse === 'function' && candidate.HttpResponseStream
    ? (candidate as typeof awslambda)
    : undefined;

/**
 * The function URL handler. Under Lambda's response streaming (function URL `InvokeMode: RESPONSE_STREAM`)
 * the answer leaves within the 3 s and the invocation lasts until the deferred report is sent; elsewhere the
 * buffered handler answers and the report finishes in the background.
 */
export const handler = lambda
  ? lambda.streamifyResponse(async (event: UrlEvent, stream, context) => {
      const answer = (await buffered(event, context)) ?? { statusCode: 200, body: '' };
      await streamAnswer(answer, (metadata) => lambda.HttpResponseStream.from(stream, metadata));
    })
  : buffered;
