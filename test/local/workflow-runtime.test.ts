import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { makeGuardDutyHandler } from '../../functions/guardduty-ingest.js';
import { localContext } from '../../local/lambda-context.js';
import type { WorkflowRuntime } from '../../local/workflow-runtime.js';
import { guardDutyEvent, signal } from '../support/factories.js';
import type { SlackStandIn } from '../support/slack-standin.js';
import { startWorkflowUnderTest } from '../support/workflow.js';

const SECRET = 'e2e-signing-secret';
let clock = new Date('2026-11-20T02:20:00.000Z');
let store: IncidentStore;
let wf: WorkflowRuntime;
let slack: SlackStandIn;
let base = '';
let stop = async () => {};
const lines: string[] = [];

beforeAll(async () => {
  ({ store, wf, slack, base, stop } = await startWorkflowUnderTest({
    secret: SECRET,
    clock: () => clock,
    slackUsers: { U0123ABCD: 'oncall-sam' },
    log: (line) => lines.push(line),
  }));
});

afterAll(() => stop());

describe('local workflow runtime, end to end with a Slack stand-in', () => {
  let incidentId = '';

  it('pages once for a GuardDuty finding: one Slack message, one SNS page, an "Incident Opened" event', async () => {
    const ingest = makeGuardDutyHandler(() => ({ sink: store, now: () => clock }));
    await ingest(guardDutyEvent(), localContext('guardduty-ingest'));
    await ingest(guardDutyEvent(), localContext('guardduty-ingest')); // redelivery
    await wf.drain();
    const [incident] = await store.listIncidents();
    incidentId = incident!.id;
    expect(wf.published.map((e) => e.detailType)).toEqual(['Incident Opened']);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage')[0]!.body).toMatchObject({ channel: 'C0BREACH' });
    expect(wf.snsOutbox).toHaveLength(1);
    expect(wf.snsOutbox[0]!.message.attributes).toMatchObject({ incidentId, severity: 8, category: 'exfiltration' });
    expect(lines.join('\n')).toContain(`SNS oncall: [breachwatch] HIGH exfiltration ${incidentId}`);
  });

  it('acknowledges from a signed Slack click: state, chat.update and response_url; a double click changes nothing', async () => {
    const endpoint = `${base}/slack/interactions`;
    expect(await slack.click(endpoint, { actionId: 'bw_acknowledge', incidentId })).toMatchObject({ status: 200 });
    await wf.drain();
    const acked = (await store.getIncident(incidentId))!;
    expect(acked.status).toBe('acknowledged');
    expect(acked.workflow.acknowledged?.by).toBe('oncall-sam');
    const updates = slack.callsOf('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.ts).toBe(slack.callsOf('chat.postMessage')[0]!.ts);
    expect(JSON.stringify(updates[0]!.body.blocks)).toContain('acknowledged by oncall-sam');
    expect(slack.responses.at(-1)!.body.text).toContain('acknowledge recorded for oncall-sam');

    expect(await slack.click(endpoint, { actionId: 'bw_acknowledge', incidentId })).toMatchObject({ status: 200 });
    await wf.drain();
    expect((await store.getIncident(incidentId))!.version).toBe(acked.version);
    expect(slack.callsOf('chat.update')).toHaveLength(1);
    expect(wf.published.map((e) => e.detailType)).toEqual(['Incident Opened', 'Incident Acknowledged']);
  });

  it('changes nothing for a forged or a stale request', async () => {
    const endpoint = `${base}/slack/interactions`;
    const before = (await store.getIncident(incidentId))!.version;
    const forged = await slack.click(endpoint, { actionId: 'bw_dismiss', incidentId, forgeWith: 'not-the-secret' });
    const stale = await slack.click(endpoint, {
      actionId: 'bw_dismiss',
      incidentId,
      timestamp: clock.getTime() / 1000 - 600,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    await wf.drain();
    expect((await store.getIncident(incidentId))!.version).toBe(before);
  });

  it('acknowledges through the signed SNS link once; opening it alone, reusing it or an expired one change nothing', async () => {
    await store.recordSignal(
      signal({ id: 'ack-link-1', findingKey: 'guardduty:hr', entity: { type: 'bucket', id: 'acme-hr' } }),
      clock,
    );
    await wf.drain();
    const page = wf.snsOutbox.at(-1)!;
    const id = page.message.attributes.incidentId;
    const link = /http:\/\/127\.0\.0\.1:3000(\/ack\?token=\S+)/.exec(page.message.text)![1]!;
    const token = decodeURIComponent(link.split('token=')[1]!);

    const shown = await fetch(`${base}${link}`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<form method="post" action="/ack">');
    expect((await store.getIncident(id))!.status).toBe('open');

    const post = () => fetch(`${base}/ack`, { method: 'POST', body: new URLSearchParams({ token }) });
    const first = await post();
    expect(first.status).toBe(200);
    expect((await store.getIncident(id))!.workflow.acknowledged?.by).toBe('ack-link');
    const again = await post();
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already used');

    await store.recordSignal(
      signal({ id: 'ack-link-2', findingKey: 'guardduty:payroll', entity: { type: 'bucket', id: 'acme-payroll' } }),
      clock,
    );
    await wf.drain();
    const late = wf.snsOutbox.at(-1)!;
    const lateToken = decodeURIComponent(/token=(\S+)/.exec(late.message.text)![1]!);
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    const expired = await fetch(`${base}/ack`, { method: 'POST', body: new URLSearchParams({ token: lateToken }) });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('expired');
    expect((await store.getIncident(late.message.attributes.incidentId))!.status).toBe('open');
  });

  it('escalates the unacknowledged incident on schedule: secondary SNS topic and a thread reply', async () => {
    const report = await wf.runDeadlines();
    expect(report.escalated).toHaveLength(1);
    await wf.drain();
    expect(wf.snsOutbox.at(-1)!.topic).toBe('escalation');
    const escalated = report.escalated[0]!.incidentId;
    const pageOf = slack.callsOf('chat.postMessage').find((c) => JSON.stringify(c.body.blocks).includes(escalated))!;
    const reply = slack.callsOf('chat.postMessage').at(-1)!;
    expect(reply.body.text).toContain('Escalation level 1');
    expect(reply.body.thread_ts).toBe(pageOf.ts);
  });
});
