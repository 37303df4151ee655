import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAckToken } from '../../adapters/ack-link.js';
import { PageDeliveryError } from '../../adapters/delivery-errors.js';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { PageStore } from '../../adapters/page-store.js';
import { SlackApi } from '../../adapters/slack/api.js';
import { SnsPager } from '../../adapters/sns-pager.js';
import type { IncidentEvent } from '../../events/incident-events.js';
import { makePageHandler, type PageDeps } from '../../functions/page-oncall.js';
import type { Incident } from '../../incidents/incident.js';
import { incidentEventsFromChange } from '../../incidents/incident-events.js';
import type { Command } from '../../incidents/lifecycle.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';
import { signal } from '../support/factories.js';
import { SlackStandIn } from '../support/slack-standin.js';

const now = new Date('2026-11-20T02:20:00.000Z');
const ONCALL = 'arn:aws:sns:eu-west-1:111122223333:breachwatch-oncall';
const ESCALATION = 'arn:aws:sns:eu-west-1:111122223333:breachwatch-escalation';
const sns = mockClient(SNSClient);
const slack = new SlackStandIn('unused');

const asBusEvent = (e: IncidentEvent) =>
  JSON.parse(JSON.stringify({ source: 'breachwatch', 'detail-type': e.detailType, detail: e.detail }));

async function setup() {
  const store = await freshStore();
  const deps: PageDeps = {
    store,
    pages: new PageStore(store.client, store.tableName),
    pager: new SnsPager({ oncall: ONCALL, escalation: ESCALATION }, new SNSClient({})),
    slack: {
      api: new SlackApi({ baseUrl: slack.apiUrl, token: async () => 'xoxb-test' }),
      channel: 'C0BREACH',
      mention: '<!subteam^S0DPO>',
    },
    consoleUrl: 'https://console.example',
    ackLinkKey: async () => 'link-key',
    ackLinkTtlMs: 24 * 3_600_000,
    now: () => now,
    newNonce: () => 'nonce-1',
    sleep: async () => {},
  };
  const handler = makePageHandler(() => deps);
  const page = (e: IncidentEvent) => handler(asBusEvent(e), localContext('page-oncall'));
  const opened = await store.recordSignal(signal(), now);
  if (opened.outcome !== 'opened') throw new Error(opened.outcome);
  const [openedEvent] = incidentEventsFromChange(undefined, opened.incident);
  const act = async (incident: Incident, command: Command) => {
    const { incident: after } = await store.applyCommand(incident.id, command, now);
    return { after, events: incidentEventsFromChange(incident, after) };
  };
  return { store: store as IncidentStore, deps, page, incident: opened.incident, openedEvent: openedEvent!, act };
}

describe('page-oncall handler', () => {
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    slack.calls.length = 0;
  });

  it('points acknowledge links at the ack URL when the console is served elsewhere', async () => {
    const { page, openedEvent, deps } = await setup();
    deps.consoleUrl = 'http://127.0.0.1:8787/console';
    deps.ackUrl = 'https://ack.lambda-url.eu-west-1.on.aws/';
    await page(openedEvent);
    const email = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!).email as string;
    expect(email).toContain('http://127.0.0.1:8787/console/incidents/');
    expect(email).toContain('https://ack.lambda-url.eu-west-1.on.aws/ack?token=');
  });

  it('serves acknowledge links from the console origin when no ack URL is set (the local runtime)', async () => {
    const { page, openedEvent, deps } = await setup();
    deps.consoleUrl = 'http://127.0.0.1:8787/console';
    await page(openedEvent);
    const email = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!).email as string;
    expect(email).toContain('http://127.0.0.1:8787/ack?token=');
  });

  it('pages once per incident: one SNS publish with a signed ack link and one Slack message with buttons', async () => {
    const { page, openedEvent, incident } = await setup();
    expect(await page(openedEvent)).toEqual({ sns: 'sent', slack: 'sent' });
    expect(await page(openedEvent)).toEqual({ sns: 'delivered-before', slack: 'delivered-before' });

    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    const input = publishes[0]!.args[0].input;
    expect(input).toMatchObject({
      TopicArn: ONCALL,
      MessageAttributes: {
        severity: { DataType: 'Number', StringValue: '8' },
        category: { DataType: 'String', StringValue: 'exfiltration' },
        incidentId: { DataType: 'String', StringValue: incident.id },
      },
    });
    const token = decodeURIComponent(/ack\?token=([^\s]+)/.exec(JSON.parse(input.Message!).email)![1]!);
    expect(verifyAckToken('link-key', token, now)).toEqual({
      incidentId: incident.id,
      expiresAt: now.getTime() / 1000 + 86_400,
      nonce: 'nonce-1',
    });
    const email = JSON.parse(input.Message!).email as string;
    expect(email).toContain(`https://console.example/incidents/${incident.id}`);
    expect(email).toContain('https://console.example/ack?token=');

    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.token).toBe('xoxb-test');
    expect(posts[0]!.body.channel).toBe('C0BREACH');
    const actions = (
      posts[0]!.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>
    ).find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual([
      'bw_acknowledge',
      'bw_escalate',
      'bw_investigate',
      'bw_confirm_breach',
      'bw_dismiss',
    ]);
    expect(actions.elements!.every((e) => e.value === incident.id)).toBe(true);
  });

  it('does not mark the page delivered where it failed, and retries only that destination', async () => {
    const { page, openedEvent, deps, incident } = await setup();
    slack.failNext(3);
    const error = await page(openedEvent).catch((e) => e);
    expect(error).toBeInstanceOf(PageDeliveryError);
    expect((error as PageDeliveryError).destinations).toEqual(['slack']);
    expect(await deps.pages.get(incident.id, 'slack')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'SlackApiError',
    });
    expect(await deps.pages.get(incident.id, 'sns')).toMatchObject({ status: 'delivered', ref: { messageId: 'm-1' } });

    expect(await page(openedEvent)).toEqual({ sns: 'delivered-before', slack: 'sent' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(await deps.pages.get(incident.id, 'slack')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('updates the message in place on later events and threads new signals under it, once each', async () => {
    const { page, openedEvent, incident, act, store, deps } = await setup();
    await page(openedEvent);
    const pageTs = (await deps.pages.get(incident.id, 'slack'))!.ref!.ts;
    const { events } = await act(incident, { action: 'acknowledge', actor: 'oncall-sam' });
    await page(events[0]!);
    const updates = slack.callsOf('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body).toMatchObject({ channel: 'C0BREACH', ts: pageTs });
    expect(JSON.stringify(updates[0]!.body.blocks)).toContain('acknowledged by oncall-sam');
    expect(JSON.stringify(updates[0]!.body.blocks)).not.toContain('bw_acknowledge');

    const before = (await store.getIncident(incident.id))!;
    await store.recordSignal(signal({ id: 's-2', observedAt: '2026-11-20T02:30:00.000Z' }), now);
    const updated = incidentEventsFromChange(before, (await store.getIncident(incident.id))!);
    expect(updated.map((e) => e.detailType)).toEqual(['Incident Updated']);
    await page(updated[0]!);
    await page(updated[0]!);
    const replies = slack.callsOf('chat.postMessage').slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.thread_ts).toBe(pageTs);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('pages on-call again, once, with a fresh acknowledge link when a re-emitted finding reopens the incident', async () => {
    const { page, openedEvent, incident, act, store } = await setup();
    await page(openedEvent);
    const { after } = await act(incident, { action: 'dismiss', actor: 'oncall-sam', reason: 'test bucket' });
    await store.recordSignal(signal({ id: 's-reemit', observedAt: '2026-11-20T03:30:00.000Z' }), now);
    const events = incidentEventsFromChange(after, (await store.getIncident(incident.id))!);
    const reopened = events.find((e) => e.detailType === 'Incident Reopened')!;
    expect(await page(reopened)).toMatchObject({ [`sns-reopened#${reopened.detail.eventId}`]: 'sent' });
    await page(reopened);
    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes.map((p) => p.args[0].input.TopicArn)).toEqual([ONCALL, ONCALL]);
    const message = JSON.parse(publishes[1]!.args[0].input.Message!);
    expect(message.default).toContain(`REOPENED: ${incident.id} has new activity`);
    expect(message.email).toMatch(/Acknowledge \(link valid until .*, once\): https:\/\/console\.example\/ack\?token=/);
  });

  it('sends an escalation to the secondary topic and mentions the escalation group in the thread', async () => {
    const { page, openedEvent, incident, act } = await setup();
    await page(openedEvent);
    const { events } = await act(incident, {
      action: 'escalate',
      actor: 'breachwatch-scheduler',
      reason: 'not acknowledged within 30 min (high)',
    });
    expect(await page(events[0]!)).toMatchObject({ 'sns-escalation#1': 'sent' });
    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes.map((p) => p.args[0].input.TopicArn)).toEqual([ONCALL, ESCALATION]);
    expect(publishes[1]!.args[0].input.MessageAttributes?.eventType?.StringValue).toBe('Incident Escalated');
    const reply = slack.callsOf('chat.postMessage')[1]!;
    expect(reply.body.text).toContain('<!subteam^S0DPO> Escalation level 1');
  });
});
