import { PassThrough } from 'node:stream';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { PageStore } from '../../adapters/page-store.js';
import { SlackApi } from '../../adapters/slack/api.js';
import { actionModal } from '../../adapters/slack/modals.js';
import { slackSignature } from '../../adapters/slack/verify-signature.js';
import { readNotificationConfig } from '../../functions/lib/notification-config.js';
import {
  type InteractionDeps,
  makeSlackInteractionsHandler,
  streamAnswer,
} from '../../functions/slack-interactions.js';
import { DEMO_NOTIFICATION_CONFIG } from '../../incidents/notifications/config.js';
import { localContext } from '../../local/lambda-context.js';
import { freshStore } from '../support/dynamo.js';
import { signal } from '../support/factories.js';
import { type SlackCallback, SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'test-signing-secret';
const now = new Date('2026-11-20T02:25:00.000Z');
const slack = new SlackStandIn(SECRET, () => now);
const asUrlEvent = (c: SlackCallback) =>
  ({ headers: c.headers, body: c.body, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;

type SetupOptions = Partial<InteractionDeps> & { wrap?: (store: IncidentStore) => InteractionDeps['store'] };

async function setup({ wrap, ...options }: SetupOptions = {}) {
  const store = await freshStore();
  const pages = new PageStore(store.client, store.tableName);
  const opened = await store.recordSignal(signal(), now);
  if (opened.outcome !== 'opened') throw new Error(opened.outcome);
  const deferred: Promise<void>[] = [];
  const handler = makeSlackInteractionsHandler(() => ({
    slack: new SlackApi({ baseUrl: slack.apiUrl, token: async () => 'unused' }),
    signingSecret: async () => SECRET,
    markSeen: (key, expiresAt) => pages.markOnce(`slack-request#${key}`, expiresAt),
    users: { U0123ABCD: 'oncall-sam' },
    allowUnmapped: options.allowUnmapped ?? false,
    notifications: DEMO_NOTIFICATION_CONFIG,
    now: () => now,
    defer: (work) => void deferred.push(work),
    ...options,
    store: wrap ? wrap(store) : store,
  }));
  /** Sends a callback, then lets the report after the answer (response_url) finish. */
  const send = async (c: SlackCallback) => {
    const res = await handler(asUrlEvent(c), localContext('slack-interactions'));
    await Promise.all(deferred);
    return res;
  };
  const status = async () => (await store.getIncident(opened.incidentId))!;
  return { id: opened.incidentId, send, status, store, handler, deferred };
}

describe('slack-interactions handler', () => {
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.responses.length = 0;
  });

  it('acknowledges on a signed click, answers 200 and reports through response_url; a double click is one ack', async () => {
    const { id, send, status } = await setup();
    const first = await send(slack.callback({ actionId: 'bw_acknowledge', incidentId: id }));
    expect(first).toEqual({ statusCode: 200, body: '' });
    const incident = await status();
    expect(incident.status).toBe('acknowledged');
    expect(incident.workflow.acknowledged).toEqual({ by: 'oncall-sam', at: now.toISOString() });
    expect(slack.responses[0]!.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('acknowledge recorded for oncall-sam'),
    });

    expect(await send(slack.callback({ actionId: 'bw_acknowledge', incidentId: id }))).toMatchObject({
      statusCode: 200,
    });
    expect((await status()).version).toBe(incident.version);
    expect(slack.responses[1]!.body.text).toContain('already acknowledged; nothing changed');
  });

  it('rejects forged, stale and replayed requests with 401 and no state change', async () => {
    const { id, send, status } = await setup();
    const forged = await send(slack.callback({ actionId: 'bw_acknowledge', incidentId: id, forgeWith: 'guessed' }));
    const stale = await send(
      slack.callback({ actionId: 'bw_acknowledge', incidentId: id, timestamp: now.getTime() / 1000 - 301 }),
    );
    expect(forged).toMatchObject({ statusCode: 401, body: expect.stringContaining('mismatch') });
    expect(stale).toMatchObject({ statusCode: 401, body: expect.stringContaining('stale') });
    expect((await status()).version).toBe(1);

    const ack = slack.callback({ actionId: 'bw_acknowledge', incidentId: id });
    expect(await send(ack)).toMatchObject({ statusCode: 200 });
    const afterFirst = await status();
    expect(afterFirst.status).toBe('acknowledged');
    expect(await send(ack)).toMatchObject({ statusCode: 401, body: expect.stringContaining('replayed') });
    expect((await status()).version).toBe(afterFirst.version);
  });

  it('rejects signed but malformed requests with 400 and no state change', async () => {
    const { id, send, status } = await setup();
    const ts = String(now.getTime() / 1000);
    const signed = (body: string): SlackCallback => ({
      headers: { 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    const payload = (p: unknown) => `payload=${encodeURIComponent(JSON.stringify(p))}`;
    const action = { type: 'button', action_id: 'bw_acknowledge', value: id };
    for (const body of [
      'text=hello',
      'payload=%7Bnot-json',
      payload({ type: 'view_submission', user: { id: 'U0123ABCD' }, actions: [action] }),
      payload({
        type: 'view_submission',
        user: { id: 'U0123ABCD' },
        view: { id: 'V1', callback_id: 'bw_modal_delete', private_metadata: '{}', state: { values: {} } },
      }),
      payload({
        type: 'view_submission',
        user: { id: 'U0123ABCD' },
        view: {
          id: 'V1',
          callback_id: 'bw_modal_dismiss',
          private_metadata: '{"incidentId":"../x"}',
          state: { values: {} },
        },
      }),
      payload({ type: 'block_actions', user: { id: 'U0123ABCD' }, actions: [{ ...action, action_id: 'bw_delete' }] }),
      payload({ type: 'block_actions', user: { id: 'U0123ABCD' }, actions: [{ ...action, value: '../../x' }] }),
    ])
      expect(await send(signed(body)), body).toMatchObject({ statusCode: 400 });
    expect((await status()).version).toBe(1);
  });

  it('refuses a Slack user not mapped to a person, or records them as slack:<id> when allowed', async () => {
    const refused = await setup();
    expect(
      await refused.send(slack.callback({ actionId: 'bw_acknowledge', incidentId: refused.id, userId: 'U9STRANGER' })),
    ).toMatchObject({ statusCode: 200 });
    expect((await refused.status()).status).toBe('open');
    expect(slack.responses[0]!.body.text).toContain('not mapped to a breachwatch person');

    const allowed = await setup({ allowUnmapped: true });
    await allowed.send(slack.callback({ actionId: 'bw_confirm_breach', incidentId: allowed.id, userId: 'U9STRANGER' }));
    expect((await allowed.status()).workflow.awareness).toEqual({ by: 'slack:U9STRANGER', at: now.toISOString() });
  });

  it('says which settings are missing when a form needs notification settings that are not configured', async () => {
    const { id, send, status } = await setup({
      notifications: () => readNotificationConfig({}),
    });
    const before = (await status()).version;
    expect(await send(slack.callback({ actionId: 'bw_dismiss', incidentId: id }))).toMatchObject({ statusCode: 200 });
    expect(slack.responses.at(-1)!.body.text).toContain('BREACHWATCH_NOTIFICATION_CONFIG');
    expect(slack.callsOf('views.open')).toHaveLength(0);
    expect((await status()).version).toBe(before);
  });

  it('counts a repeated Escalate click within a minute as one escalation', async () => {
    const { id, send, status } = await setup();
    await send(slack.callback({ actionId: 'bw_escalate', incidentId: id }));
    await send(slack.callback({ actionId: 'bw_escalate', incidentId: id, timestamp: now.getTime() / 1000 - 1 }));
    expect((await status()).workflow.escalations).toHaveLength(1);
  });

  it('answers an illegal transition through response_url without changing anything', async () => {
    const { id, send, status, store } = await setup();
    await store.applyCommand(id, { action: 'dismiss', actor: 'oncall-sam', reason: 'a test bucket' }, now);
    const version = (await status()).version;
    await send(slack.callback({ actionId: 'bw_confirm_breach', incidentId: id, timestamp: now.getTime() / 1000 - 2 }));
    expect((await status()).version).toBe(version);
    expect(slack.responses.at(-1)!.body.text).toContain('cannot confirm-breach while dismissed');
  });
});

describe("slack-interactions answers within Slack's 3 s", () => {
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('answers 200 before a slow store finishes; the work completes after and reports through response_url', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = (store: IncidentStore): InteractionDeps['store'] => ({
      getIncident: store.getIncident.bind(store),
      getSignals: store.getSignals.bind(store),
      applyCommand: async (...args: Parameters<IncidentStore['applyCommand']>) => {
        await gate;
        return store.applyCommand(...args);
      },
    });
    let budgetAsked = 0;
    const { id, handler, deferred, status } = await setup({
      wrap: slow,
      answerBudgetMs: 2_500,
      // The budget runs out at once: the injected timer stands for 2.5 s passing.
      timer: async (ms) => {
        budgetAsked = ms;
      },
    });
    slack.responses.length = 0;

    const answer = await handler(
      asUrlEvent(slack.callback({ actionId: 'bw_acknowledge', incidentId: id })),
      localContext('slack-interactions'),
    );
    expect(answer).toEqual({ statusCode: 200, body: '' });
    expect(budgetAsked).toBe(2_500);
    expect((await status()).status).toBe('open');
    expect(slack.responses).toHaveLength(0);

    release();
    await Promise.all(deferred);
    expect((await status()).status).toBe('acknowledged');
    expect(slack.responses.at(-1)!.body.text).toContain('acknowledge recorded for oncall-sam');
  });

  it('answers with the outcome when the work beats the budget, and never waits for the timer', async () => {
    const { id, handler, deferred, status } = await setup({ timer: () => new Promise<void>(() => undefined) });
    const answer = await handler(
      asUrlEvent(slack.callback({ actionId: 'bw_investigate', incidentId: id })),
      localContext('slack-interactions'),
    );
    expect(answer).toEqual({ statusCode: 200, body: '' });
    await Promise.all(deferred);
    expect((await status()).status).toBe('investigating');
  });
});

describe('slack-interactions modal submissions', () => {
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('closes a submitted form within the budget when the store is slow, and reports the outcome after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { id, handler, deferred, status, store } = await setup({
      wrap: (s) => ({
        getIncident: s.getIncident.bind(s),
        getSignals: s.getSignals.bind(s),
        applyCommand: async (...args: Parameters<IncidentStore['applyCommand']>) => {
          await gate;
          return s.applyCommand(...args);
        },
      }),
      timer: async () => undefined,
    });
    const incident = (await store.getIncident(id))!;
    const responseUrl = `${slack.apiUrl.replace(/\/api$/, '')}/response/modal`;
    const view = {
      ...actionModal('dismiss', {
        incident,
        config: DEMO_NOTIFICATION_CONFIG,
        now,
        metadata: { incidentId: id, responseUrl },
      }),
      id: 'V0SLOW',
    };
    slack.responses.length = 0;
    const answer = await handler(
      asUrlEvent(slack.submission({ view, values: { reason: 'a load test bucket' } })),
      localContext('slack-interactions'),
    );
    expect(answer).toEqual({ statusCode: 200, body: '' });
    expect((await status()).status).toBe('open');
    release();
    await Promise.all(deferred);
    expect((await status()).workflow.dismissal?.reason).toBe('a load test bucket');
    expect(slack.responses.at(-1)).toMatchObject({
      path: '/response/modal',
      body: { text: expect.stringContaining('dismiss recorded') },
    });
  });
});

describe('streamAnswer (Lambda response streaming)', () => {
  it('ends the response with the answer before waiting for the work that goes on', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    let metadata: Record<string, unknown> = {};
    let release!: () => void;
    const rest = new Promise<void>((r) => {
      release = r;
    });
    let ended = false;
    out.on('finish', () => {
      ended = true;
    });
    const done = streamAnswer(
      { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"response_action":"errors"}' },
      (m) => {
        metadata = m;
        return out;
      },
      async () => {
        expect(ended).toBe(true); // Slack has its answer before the deferred work is awaited
        await rest;
      },
    );
    release();
    await done;
    expect(metadata).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(chunks.join('')).toBe('{"response_action":"errors"}');
  });
});
