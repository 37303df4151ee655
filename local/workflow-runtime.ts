import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, DynamoDBStreamEvent } from 'aws-lambda';
import { listBreachConfirmed } from '../adapters/deadline-query.js';
import type { EventPublisher } from '../adapters/event-publisher.js';
import { ackLinkRoutes } from '../adapters/http/ack-link-routes.js';
import type { HttpRoutes } from '../adapters/http/routes.js';
import type { IncidentStore } from '../adapters/incident-store.js';
import { PageStore } from '../adapters/page-store.js';
import { SlackApi } from '../adapters/slack/api.js';
import type { PageMessage, Pager, PagerTopic } from '../adapters/sns-pager.js';
import { INCIDENT_EVENT_SOURCE, type IncidentEvent } from '../events/incident-events.js';
import { type DeadlineReport, makeDeadlineHandler } from '../functions/deadline-scheduler.js';
import { makeOutboxHandler } from '../functions/incident-outbox.js';
import { readNotificationConfig } from '../functions/lib/notification-config.js';
import { makePageHandler } from '../functions/page-oncall.js';
import { type InteractionDeps, makeSlackInteractionsHandler } from '../functions/slack-interactions.js';
import { defaultEscalationPolicy, type EscalationPolicy } from '../incidents/gdpr-clock.js';
import { DEMO_NOTIFICATION_CONFIG, type NotificationConfig } from '../incidents/notifications/config.js';
import { localContext } from './lambda-context.js';

/** Local defaults: not secrets, only for one machine. Override with the environment. */
export const LOCAL_DEFAULTS = {
  SLACK_BOT_TOKEN: 'xoxb-breachwatch-local',
  SLACK_SIGNING_SECRET: 'breachwatch-local-signing-secret',
  SLACK_CHANNEL: 'C0BREACHWATCH',
  ACK_LINK_KEY: 'breachwatch-local-ack-link-key',
} as const;

/** How to run the workflow locally; unset Slack settings come from the environment, then `LOCAL_DEFAULTS`. */
export interface WorkflowRuntimeOptions {
  store: IncidentStore;
  dynamoEndpoint: string;
  tableName: string;
  /** Slack Web API base URL (`SLACK_API_URL`); without one, Slack is not paged locally. */
  slackApiUrl?: string;
  slackBotToken?: string;
  slackSigningSecret?: string;
  slackChannel?: string;
  /** Slack user id → person id (`SLACK_USERS`); unmapped users are recorded as `slack:<id>` locally. */
  slackUsers?: Record<string, string>;
  ackLinkKey?: string;
  /** Where the console and `/ack` are served, for links in pages. */
  publicUrl: string;
  now?: () => Date;
  escalation?: EscalationPolicy;
  /** Controller, DPO, authorities: else `BREACHWATCH_NOTIFICATION_CONFIG` & co., else the demo's. */
  notifications?: NotificationConfig;
  /** The Slack answer's 3 s budget timer (tests inject one to play a slow store). */
  answerTimer?: InteractionDeps['timer'];
  pollIntervalMs?: number;
  /** 0 turns the timer off (tests call `runDeadlines`). */
  deadlineIntervalMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** The running workflow: HTTP routes to serve, what was paged over SNS, and hooks for tests. */
export interface WorkflowRuntime {
  routes: HttpRoutes;
  /** SNS publishes, recorded in place of an SNS emulator (none exists). */
  snsOutbox: Array<{ topic: PagerTopic; message: PageMessage; at: string }>;
  /** Every event the outbox published on the in-process bus. */
  published: IncidentEvent[];
  /** Polls the stream until it is empty and every consumer has finished. */
  drain(): Promise<void>;
  runDeadlines(): Promise<DeadlineReport>;
  stop(): Promise<void>;
}

type UrlResult = APIGatewayProxyStructuredResultV2;
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Starts the workflow beside the local runtime: polls the table's stream on DynamoDB Local into the outbox
 * handler, delivers its events on an in-process bus to page-oncall (as the EventBridge rule would), runs the
 * deadline scheduler on a timer and serves `POST /slack/interactions` and `GET|POST /ack`.
 * @example const wf = await startWorkflowRuntime({ store, dynamoEndpoint, tableName, publicUrl: 'http://127.0.0.1:3000' });
 */
export async function startWorkflowRuntime(opts: WorkflowRuntimeOptions): Promise<WorkflowRuntime> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.log(line));
  const now = opts.now ?? (() => new Date());
  const setting = (value: string | undefined, name: keyof typeof LOCAL_DEFAULTS) =>
    value ?? env[name] ?? LOCAL_DEFAULTS[name];
  const signingSecret = setting(opts.slackSigningSecret, 'SLACK_SIGNING_SECRET');
  const ackKey = setting(opts.ackLinkKey, 'ACK_LINK_KEY');
  const slackApiUrl = opts.slackApiUrl ?? env.SLACK_API_URL;
  const botToken = setting(opts.slackBotToken, 'SLACK_BOT_TOKEN');
  const slackApi = new SlackApi({ baseUrl: slackApiUrl, token: async () => botToken });
  const pages = new PageStore(opts.store.client, opts.tableName);
  const snsOutbox: WorkflowRuntime['snsOutbox'] = [];
  const published: IncidentEvent[] = [];
  const pager: Pager = {
    async publish(topic, message) {
      snsOutbox.push({ topic, message, at: now().toISOString() });
      log(`SNS ${topic}: ${message.subject}\n${message.text}\n`);
      return `local-${snsOutbox.length}`;
    },
  };
  if (!slackApiUrl) log('Slack: SLACK_API_URL not set, pages go to the local SNS outbox only');

  const page = makePageHandler(() => ({
    store: opts.store,
    pages,
    pager,
    slack: slackApiUrl ? { api: slackApi, channel: setting(opts.slackChannel, 'SLACK_CHANNEL') } : undefined,
    consoleUrl: opts.publicUrl,
    ackLinkKey: async () => ackKey,
    ackLinkTtlMs: 24 * 3_600_000,
    now,
    sleep: (ms) => sleep(Math.min(ms, 50)),
  }));

  // The in-process bus: one queue, consumers retried like an EventBridge target (here 5 times).
  let tail: Promise<void> = Promise.resolve();
  const bus: EventPublisher = {
    async publish(events) {
      for (const event of events) {
        published.push(event);
        const delivery = {
          id: randomUUID(),
          source: INCIDENT_EVENT_SOURCE,
          'detail-type': event.detailType,
          time: event.detail.occurredAt,
          detail: event.detail,
        };
        tail = tail.then(async () => {
          for (let attempt = 1; attempt <= 5; attempt++) {
            try {
              await page(JSON.parse(JSON.stringify(delivery)), localContext('page-oncall'));
              return;
            } catch (error) {
              log(
                `page-oncall: ${event.detailType} ${event.detail.incidentId} attempt ${attempt} failed: ${(error as Error).message}`,
              );
              await sleep(100 * attempt);
            }
          }
        });
      }
    },
  };
  const outbox = makeOutboxHandler(() => ({ publisher: bus }));
  const poller = await streamPoller(opts, async (records) => {
    const result = await outbox({ Records: records } as DynamoDBStreamEvent, localContext('incident-outbox'));
    return result.batchItemFailures[0]?.itemIdentifier;
  });

  const deadlines = makeDeadlineHandler(() => ({
    store: opts.store,
    listBreachConfirmed: () => listBreachConfirmed(opts.store.client, opts.tableName),
    escalation: opts.escalation ?? defaultEscalationPolicy,
    now,
  }));
  const runDeadlines = () => deadlines({}, localContext('deadline-scheduler')) as Promise<DeadlineReport>;

  // Work an interaction goes on with after its answer (the response_url report): `drain` waits for it.
  const deferred = new Set<Promise<void>>();
  const notifications = opts.notifications ?? readNotificationConfig(env, DEMO_NOTIFICATION_CONFIG);
  const slackInteractions = makeSlackInteractionsHandler(() => ({
    store: opts.store,
    slack: slackApi,
    signingSecret: async () => signingSecret,
    markSeen: (key, expiresAt) => pages.markOnce(`slack-request#${key}`, expiresAt),
    users: opts.slackUsers ?? (env.SLACK_USERS ? (JSON.parse(env.SLACK_USERS) as Record<string, string>) : {}),
    allowUnmapped: true,
    notifications,
    now,
    timer: opts.answerTimer,
    defer: (work) => {
      deferred.add(work);
      void work.finally(() => deferred.delete(work));
    },
  }));

  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await poller.poll().catch((error: Error) => log(`outbox: stream poll failed: ${error.message}`));
      await sleep(opts.pollIntervalMs ?? 250);
    }
  })();
  const deadlineMs = opts.deadlineIntervalMs ?? 60_000;
  const timer = deadlineMs > 0 ? setInterval(() => void runDeadlines().catch(() => undefined), deadlineMs) : undefined;

  const routes: HttpRoutes = {
    'POST /slack/interactions': async (req) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const event = { headers, body: req.body.toString('utf8'), isBase64Encoded: false } as APIGatewayProxyEventV2;
      const res = (await slackInteractions(event, localContext('slack-interactions'))) as UrlResult;
      return { status: res.statusCode ?? 200, headers: res.headers as Record<string, string>, body: res.body ?? '' };
    },
    ...ackLinkRoutes({ store: opts.store, pages, key: async () => ackKey, now }),
  };

  return {
    routes,
    snsOutbox,
    published,
    async drain() {
      while (deferred.size > 0) await Promise.allSettled([...deferred]);
      for (;;) {
        const records = await poller.poll();
        await tail;
        if (records === 0) return;
      }
    },
    runDeadlines,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...deferred]);
      await loop;
      await tail;
    },
  };
}

/**
 * Reads the table's stream on DynamoDB Local shard by shard from the oldest record (the stream keeps 24 h,
 * consumers dedupe), like a Lambda event source mapping: a reported failure re-reads from that record.
 * Enables the stream on a table created before streams were configured.
 */
async function streamPoller(
  opts: WorkflowRuntimeOptions,
  deliver: (records: DynamoDBStreamEvent['Records']) => Promise<string | undefined>,
) {
  const config = { endpoint: opts.dynamoEndpoint, region: 'us-east-1', credentials: localCredentials };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  let table = (await dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table;
  if (!table?.LatestStreamArn) {
    await dynamo.send(
      new UpdateTableCommand({
        TableName: opts.tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    table = (await dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table;
  }
  const streamArn = table!.LatestStreamArn!;
  const iterators = new Map<string, string | undefined>();
  const iterator = async (shardId: string, type: 'TRIM_HORIZON' | 'AT_SEQUENCE_NUMBER', seq?: string) =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          SequenceNumber: seq,
        }),
      )
    ).ShardIterator;
  let lock: Promise<unknown> = Promise.resolve();

  const pollOnce = async (): Promise<number> => {
    const shards =
      (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [];
    for (const shard of shards)
      if (shard.ShardId && !iterators.has(shard.ShardId))
        iterators.set(shard.ShardId, await iterator(shard.ShardId, 'TRIM_HORIZON'));
    let count = 0;
    for (const [shardId, current] of iterators) {
      if (!current) continue;
      const res = await streams.send(new GetRecordsCommand({ ShardIterator: current, Limit: 100 }));
      const records = (res.Records ?? []) as unknown as DynamoDBStreamEvent['Records'];
      count += records.length;
      const failedAt = records.length > 0 ? await deliver(records) : undefined;
      iterators.set(
        shardId,
        failedAt ? await iterator(shardId, 'AT_SEQUENCE_NUMBER', failedAt) : res.NextShardIterator,
      );
    }
    return count;
  };

  return {
    /** One pass over every shard; returns the number of records read. Serialised: one reader at a time. */
    poll(): Promise<number> {
      const run = lock.then(pollOnce, pollOnce);
      lock = run.catch(() => undefined);
      return run;
    },
  };
}
