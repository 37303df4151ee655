import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { ackLinkUrl, signAckToken } from '../adapters/ack-link.js';
import { PageDeliveryError } from '../adapters/delivery-errors.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { type Destination, PageStore } from '../adapters/page-store.js';
import { loadSecret, secretLoader } from '../adapters/secrets.js';
import { SlackApi } from '../adapters/slack/api.js';
import { incidentMessage, threadReply } from '../adapters/slack/blocks.js';
import { type Pager, type PagerTopic, SnsPager, snsPageMessage } from '../adapters/sns-pager.js';
import { InvalidEventError } from '../events/errors.js';
import { IncidentBusEventSchema, type IncidentEvent, IncidentEventType as T } from '../events/incident-events.js';
import { logger, metrics } from './lib/telemetry.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

/** What paging needs; Slack and SNS are each optional (a destination not configured is not paged). */
export interface PageDeps {
  store: Pick<IncidentStore, 'getIncident'>;
  pages: PageStore;
  pager?: Pager;
  slack?: { api: SlackApi; channel: string; mention?: string };
  consoleUrl: string;
  /** Where `/ack` is served; default: the console's origin (the local runtime serves both). */
  ackUrl?: string;
  ackLinkKey: () => Promise<string>;
  ackLinkTtlMs: number;
  now: () => Date;
  newNonce?: () => string;
  /** Attempts per destination within one invocation, with backoff between them (default 3). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Per destination: sent now, already delivered before, or failed (the event is then retried). */
export type PageReport = Record<Destination, 'sent' | 'delivered-before' | 'busy' | 'failed'>;

/** SNS notices beyond the first page: escalations to the secondary topic, the Art. 33 clock to on-call. */
const snsNotices: Partial<
  Record<IncidentEvent['detailType'], { topic: PagerTopic; key: (e: IncidentEvent) => string }>
> = {
  [T.OPENED]: { topic: 'oncall', key: () => 'sns' },
  // Reopening clears the acknowledgement, so on-call is asked again, by SNS as well as Slack.
  [T.REOPENED]: { topic: 'oncall', key: (e) => `sns-reopened#${e.detail.eventId}` },
  [T.ESCALATED]: { topic: 'escalation', key: (e) => `sns-escalation#${'level' in e.detail ? e.detail.level : 0}` },
  [T.ART33_REMINDER]: { topic: 'oncall', key: (e) => `sns-art33#${e.detail.eventId}` },
  [T.ART33_OVERDUE]: { topic: 'escalation', key: (e) => `sns-art33#${e.detail.eventId}` },
};

/**
 * Consumes one incident event: "Incident Opened" pages on-call once per incident (Slack message with buttons,
 * SNS with a signed acknowledge link); later events update the Slack message in place and thread replies
 * under it; escalations and the Art. 33 clock also go to SNS. Each destination is claimed, sent with retries
 * and recorded on its own; if any fails, `PageDeliveryError` makes EventBridge retry the event, and what was
 * delivered is skipped then.
 */
export async function pageIncidentEvent(event: IncidentEvent, deps: PageDeps): Promise<PageReport> {
  const report: PageReport = {};
  const id = event.detail.incidentId;
  const notice = snsNotices[event.detailType];
  if (notice && deps.pager) {
    const pager = deps.pager;
    report[notice.key(event)] = await deliverOnce(deps, id, notice.key(event), async () => ({
      messageId: await pager.publish(notice.topic, await snsMessage(event, deps)),
    }));
  }
  if (deps.slack) {
    const { api, channel, mention } = deps.slack;
    const incident = await deps.store.getIncident(id);
    if (incident && event.detailType === T.OPENED) {
      report.slack = await deliverOnce(deps, id, 'slack', async () =>
        api.postMessage(channel, incidentMessage(incident, deps.consoleUrl)),
      );
    } else if (incident) {
      const page = await deps.pages.get(id, 'slack');
      const ref = page?.status === 'delivered' ? page.ref : undefined;
      if (ref?.channel && ref.ts) {
        await api.update(ref.channel, ref.ts, incidentMessage(incident, deps.consoleUrl));
        const reply = threadReply(event, mention);
        if (reply) {
          const key = `slack-thread#${event.detail.eventId}`;
          report[key] = await deliverOnce(deps, id, key, () => api.postMessage(ref.channel!, reply, ref.ts));
        }
      }
    }
  }
  const failed = Object.entries(report).filter(([, outcome]) => outcome === 'failed' || outcome === 'busy');
  if (failed.length > 0)
    throw new PageDeliveryError(
      id,
      failed.map(([destination]) => destination),
    );
  return report;
}

async function snsMessage(event: IncidentEvent, deps: PageDeps) {
  const d = event.detail;
  const consoleLink = `${deps.consoleUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(d.incidentId)}`;
  const wantsAck = event.detailType === T.OPENED || event.detailType === T.ESCALATED || event.detailType === T.REOPENED;
  if (!wantsAck) return snsPageMessage(event.detailType, d, { console: consoleLink });
  const expiresAt = Math.floor((deps.now().getTime() + deps.ackLinkTtlMs) / 1000);
  const nonce = (deps.newNonce ?? randomUUID)();
  const token = signAckToken(await deps.ackLinkKey(), { incidentId: d.incidentId, expiresAt, nonce });
  return snsPageMessage(event.detailType, d, {
    console: consoleLink,
    ack: {
      url: ackLinkUrl(deps.ackUrl ?? new URL(deps.consoleUrl).origin, token),
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    },
  });
}

/** Claims, sends with backoff and records one destination. */
async function deliverOnce(
  deps: PageDeps,
  incidentId: string,
  destination: Destination,
  send: () => Promise<Record<string, string>>,
): Promise<PageReport[string]> {
  const claim = await deps.pages.claim(incidentId, destination, deps.now());
  if (claim === 'delivered') return 'delivered-before';
  if (claim === 'busy') return 'busy';
  const attempts = deps.attempts ?? 3;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let lastError = 'unknown';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const ref = await send();
      await deps.pages.markDelivered(incidentId, destination, deps.now(), ref);
      return 'sent';
    } catch (error) {
      lastError = error instanceof Error ? error.name : 'unknown';
      logger.warn('page attempt failed', { incidentId, destination, attempt, error: lastError });
      if (attempt < attempts) await sleep(200 * 2 ** (attempt - 1));
    }
  }
  await deps.pages.markFailed(incidentId, destination, lastError);
  return 'failed';
}

/** The page-oncall function, an EventBridge target for `source: breachwatch` events. */
export function makePageHandler(deps: () => PageDeps) {
  return middy(async (raw: unknown) => {
    const parsed = IncidentBusEventSchema.safeParse(raw);
    if (!parsed.success)
      throw new InvalidEventError(
        'incident event',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    const report = await pageIncidentEvent(parsed.data, deps());
    // Paired with `incidentsOpened` by the "opened but not paged" alarm.
    if (parsed.data.detailType === 'Incident Opened') metrics.addMetric('incidentsPaged', MetricUnit.Count, 1);
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

let deps: PageDeps | undefined;
function depsFromEnv(): PageDeps {
  const config = readWorkflowConfig();
  const store = new IncidentStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint });
  const token = secretLoader(config.slackBotToken, 'SLACK_BOT_TOKEN');
  return {
    store,
    pages: new PageStore(store.client, store.tableName),
    pager: config.oncallTopicArn
      ? new SnsPager({ oncall: config.oncallTopicArn, escalation: config.escalationTopicArn })
      : undefined,
    slack: config.slackChannel
      ? {
          api: new SlackApi({ baseUrl: config.slackApiUrl, token }),
          channel: config.slackChannel,
          mention: config.slackEscalationMention,
        }
      : undefined,
    consoleUrl: config.consoleUrl,
    ackUrl: config.ackUrl,
    ackLinkKey: () => loadSecret(config.ackLinkKey, 'ACK_LINK_KEY'),
    ackLinkTtlMs: config.ackLinkTtlMs,
    now: () => new Date(),
  };
}

export const handler = makePageHandler(() => {
  deps ??= depsFromEnv();
  return deps;
});
