import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../adapters/incident-store.js';
import type { GuardDutyEvent } from '../../events/guardduty.js';
import { makeGuardDutyHandler } from '../../functions/guardduty-ingest.js';
import type { Incident } from '../../incidents/incident.js';
import { verifyChain } from '../../incidents/timeline.js';
import { localContext } from '../../local/lambda-context.js';
import type { WorkflowRuntime } from '../../local/workflow-runtime.js';
import type { SlackStandIn } from '../support/slack-standin.js';
import { startWorkflowUnderTest } from '../support/workflow.js';

const SECRET = 'lifecycle-signing-secret';
const ONCALL = 'U0ONCALL1';
const DPO = 'U0DPOANNA';
const demo = JSON.parse(
  readFileSync(new URL('../../samples/guardduty/demo-findings.json', import.meta.url), 'utf8'),
) as GuardDutyEvent[];
let clock = new Date('2026-11-20T02:20:00.000Z');
const later = (hours: number) => {
  clock = new Date(clock.getTime() + hours * 3_600_000);
};
let store: IncidentStore;
let wf: WorkflowRuntime;
let slack: SlackStandIn;
let endpoint = '';
let stop = async () => {};

beforeAll(async () => {
  let base: string;
  ({ store, wf, slack, base, stop } = await startWorkflowUnderTest({
    secret: SECRET,
    clock: () => clock,
    slackUsers: { [ONCALL]: 'oncall-sam', [DPO]: 'dpo-anna' },
  }));
  endpoint = `${base}/slack/interactions`;
});

afterAll(() => stop());

type Blocks = Array<{ type: string; elements?: Array<{ action_id: string }> }>;
const buttonsOf = (body: Record<string, unknown>) =>
  (body.blocks as Blocks).find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id) ?? [];
const ingest = async (event: GuardDutyEvent) => {
  await makeGuardDutyHandler(() => ({ sink: store, now: () => clock }))(event, localContext('guardduty-ingest'));
  await wf.drain();
};
const get = async (id: string) => (await store.getIncident(id)) as Incident;

/** Clicks a button as a person, then lets the runtime finish (outbox, paging, the response_url report). */
async function click(actionId: string, incidentId: string, userId = DPO) {
  const res = await slack.click(endpoint, { actionId, incidentId, userId });
  await wf.drain();
  return res;
}

/** Clicks a button that opens a form and returns the form Slack was asked to show. */
async function openForm(actionId: string, incidentId: string) {
  const before = slack.callsOf('views.open').length;
  expect(await click(actionId, incidentId)).toMatchObject({ status: 200 });
  expect(slack.callsOf('views.open')).toHaveLength(before + 1);
  expect(slack.callsOf('views.open').at(-1)!.body.trigger_id).toMatch(/\.trigger$/);
  return slack.views.at(-1)!;
}

async function submit(view: Record<string, unknown>, values: Record<string, string> = {}) {
  const res = await slack.submit(endpoint, { view, values, userId: DPO });
  await wf.drain();
  return { status: res.status, answer: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined };
}

describe('the demo incident from page to closed, from Slack alone', () => {
  let id = '';
  const page = () => slack.callsOf('chat.postMessage')[0]!;
  const lastUpdate = () => slack.callsOf('chat.update').at(-1)!;

  it('pages once with the buttons an open incident allows', async () => {
    await ingest(demo[0]!);
    id = (await store.listIncidents())[0]!.id;
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(buttonsOf(page().body)).toEqual([
      'bw_acknowledge',
      'bw_escalate',
      'bw_investigate',
      'bw_confirm_breach',
      'bw_dismiss',
    ]);
  });

  it('changes nothing for forged or stale clicks and submissions', async () => {
    const version = (await get(id)).version;
    const forged = await slack.click(endpoint, { actionId: 'bw_acknowledge', incidentId: id, forgeWith: 'guess' });
    const stale = await slack.click(endpoint, {
      actionId: 'bw_acknowledge',
      incidentId: id,
      timestamp: clock.getTime() / 1000 - 301,
    });
    const view = {
      id: 'V0FORGED',
      callback_id: 'bw_modal_dismiss',
      private_metadata: JSON.stringify({ incidentId: id }),
    };
    const forgedForm = await slack.send(
      endpoint,
      slack.submission({ view, values: { reason: 'not a breach' }, forgeWith: 'guess' }),
    );
    const staleForm = await slack.send(
      endpoint,
      slack.submission({ view, values: { reason: 'x' }, timestamp: clock.getTime() / 1000 - 600 }),
    );
    expect([forged.status, stale.status, forgedForm.status, staleForm.status]).toEqual([401, 401, 401, 401]);
    await wf.drain();
    expect((await get(id)).version).toBe(version);
    expect(slack.callsOf('chat.update')).toHaveLength(0);
  });

  it('on-call acknowledges, then starts the investigation; the page follows in place', async () => {
    await click('bw_acknowledge', id, ONCALL);
    expect((await get(id)).workflow.acknowledged?.by).toBe('oncall-sam');
    expect(buttonsOf(lastUpdate().body)).toEqual(['bw_escalate', 'bw_investigate', 'bw_confirm_breach', 'bw_dismiss']);
    later(0.5);
    await click('bw_investigate', id, ONCALL);
    expect((await get(id)).status).toBe('investigating');
    expect(buttonsOf(lastUpdate().body)).toEqual(['bw_confirm_breach', 'bw_dismiss']);
    expect(slack.responses.at(-1)!.body.text).toContain('investigate recorded for oncall-sam');
  });

  it('the DPO confirms the breach, which starts the 72-hour clock', async () => {
    later(1);
    await click('bw_confirm_breach', id);
    const incident = await get(id);
    expect(incident.workflow.awareness).toEqual({ by: 'dpo-anna', at: clock.toISOString() });
    expect(buttonsOf(lastUpdate().body)).toEqual([
      'bw_decide',
      'bw_notify_authority',
      'bw_notify_subjects',
      'bw_exempt_subjects',
      'bw_close',
    ]);
  });

  it('records the decision from a form pre-filled with the ENISA suggestion; a blank reasoning stays on the form', async () => {
    const form = await openForm('bw_decide', id);
    const version = (await get(id)).version;
    const blank = await submit(form, { reasoning: ' ' });
    expect(blank).toEqual({
      status: 200,
      answer: { response_action: 'errors', errors: { reasoning: expect.stringContaining('reasoning') } },
    });
    expect((await get(id)).version).toBe(version);

    const { status } = await submit(form, { outcome: 'notify-authority-and-subjects' });
    expect(status).toBe(200);
    const decision = (await get(id)).workflow.decision!;
    expect(decision).toMatchObject({ by: 'dpo-anna', outcome: 'notify-authority-and-subjects' });
    expect(decision.reasoning).toMatch(/^ENISA severity [\d.]+ \(\w+\) = DPC/);
    expect(decision.riskScore).toEqual(expect.any(Number));
    expect(JSON.stringify(lastUpdate().body.blocks)).toContain('decision notify-authority-and-subjects by dpo-anna');
  });

  it('past 72 h notifies the lead authority only with the reasons for the delay, once per form', async () => {
    later(80); // 80 h after awareness: Art. 33(1) asks for the reasons for the delay
    const form = await openForm('bw_notify_authority', id);
    const version = (await get(id)).version;
    expect(await submit(form, { delay_reason: ' ' })).toMatchObject({
      answer: { response_action: 'errors', errors: { delay_reason: expect.stringContaining('Art. 33(1)') } },
    });
    expect((await get(id)).version).toBe(version);

    const values = {
      reference: 'BlnBDI-2026-0042',
      delay_reason: 'forensic analysis of the bucket logs took four days',
    };
    const first = slack.submission({ view: form, values, userId: DPO });
    expect((await slack.send(endpoint, first)).status).toBe(200);
    await wf.drain();
    expect((await get(id)).workflow.authorityNotifications).toEqual([
      expect.objectContaining({ phase: 1, authority: 'de-be', reference: 'BlnBDI-2026-0042', by: 'dpo-anna' }),
    ]);
    expect((await slack.send(endpoint, first)).status).toBe(401); // the same signed request again: a replay
    const notified = (await get(id)).version;
    await submit(form, { ...values, reference: 'BlnBDI-2026-0042 (sent twice)' }); // the same form again
    expect((await get(id)).version).toBe(notified);
    expect(slack.responses.at(-1)!.body.text).toContain('already submitted');

    later(24); // a later phase (Art. 33(4)) follows the first, with no delay to explain
    const phase2 = await openForm('bw_notify_authority', id);
    expect(JSON.stringify(phase2.blocks)).not.toContain('delay_reason');
    await submit(phase2, { reference: 'BlnBDI-2026-0042/2' });
    const phases = (await get(id)).workflow.authorityNotifications ?? [];
    expect(phases.map((n) => [n.phase, n.reference, n.delayReason !== undefined])).toEqual([
      [1, 'BlnBDI-2026-0042', true],
      [2, 'BlnBDI-2026-0042/2', false],
    ]);
  });

  it('records how the data subjects were told, then closes; the closed page offers only Reopen', async () => {
    await submit(await openForm('bw_notify_subjects', id), { channel: 'e-mail in English and German' });
    expect((await get(id)).status).toBe('subjects-notified');
    expect(buttonsOf(lastUpdate().body)).toEqual(['bw_close']);
    await submit(await openForm('bw_close', id), { reason: 'notified and measures in place' });
    const closed = await get(id);
    expect(closed.status).toBe('closed');
    expect(buttonsOf(lastUpdate().body)).toEqual(['bw_reopen']);
  });

  it('leaves a verified timeline, one page and one chat.update per change, every update in place', async () => {
    const incident = await get(id);
    const timeline = await store.getTimeline(id);
    expect(verifyChain(timeline, incident.timelineHead).ok).toBe(true);
    const acts = timeline.filter((e) => e.actor !== 'breachwatch').map((e) => `${e.type}:${e.actor}`);
    expect(acts).toEqual([
      'acknowledge:oncall-sam',
      'investigate:oncall-sam',
      'confirm-breach:dpo-anna',
      'decide:dpo-anna',
      'notify-authority:dpo-anna',
      'notify-authority:dpo-anna',
      'notify-subjects:dpo-anna',
      'close:dpo-anna',
    ]);
    expect(slack.callsOf('chat.postMessage').filter((c) => !c.body.thread_ts)).toHaveLength(1);
    const updates = slack.callsOf('chat.update');
    expect(updates).toHaveLength(acts.length);
    expect(new Set(updates.map((u) => u.body.ts))).toEqual(new Set([page().ts]));
  });
});

describe('a dismissed incident reopened by a re-emitted finding', () => {
  it('dismisses from a form that requires the reason, then asks on-call again when the finding comes back', async () => {
    const dns = demo[3]!;
    await ingest(dns);
    const incident = (await store.listIncidents()).find((i) => i.entity.type === 'instance')!;
    await click('bw_acknowledge', incident.id, ONCALL);
    const form = await openForm('bw_dismiss', incident.id);
    expect(await submit(form, { reason: '' })).toMatchObject({ answer: { errors: { reason: expect.any(String) } } });
    await submit(form, { reason: 'DNS test traffic from the red team' });
    expect((await get(incident.id)).status).toBe('dismissed');

    later(2);
    const again = structuredClone(dns);
    Object.assign(again.detail, { updatedAt: clock.toISOString() });
    Object.assign(again.detail.service as object, { count: 2 });
    await ingest(again);
    const reopened = await get(incident.id);
    expect(reopened.status).toBe('open');
    expect(reopened.workflow.acknowledged).toBeUndefined();
    const update = slack.callsOf('chat.update').filter((u) => JSON.stringify(u.body.blocks).includes(incident.id));
    expect(buttonsOf(update.at(-1)!.body)).toContain('bw_acknowledge');
  });
});

describe('a breach whose data subjects need not be told', () => {
  it('records the Art. 34(3) exemption with its justification, then closes', async () => {
    await ingest(demo[4]!);
    const rds = (await store.listIncidents()).find((i) => i.entity.type === 'db-instance')!;
    await click('bw_confirm_breach', rds.id);
    const form = await openForm('bw_exempt_subjects', rds.id);
    expect(await submit(form, { justification: 'storage encrypted with KMS' })).toMatchObject({
      answer: { errors: { exemption: expect.stringContaining('Art. 34(3)') } },
    });
    await submit(form, { exemption: 'art34-3-a', justification: 'storage encrypted with KMS, key not exposed' });
    expect((await get(rds.id)).workflow.subjects).toMatchObject({ outcome: 'exempt', exemption: 'art34-3-a' });
    await submit(await openForm('bw_close', rds.id));
    expect((await get(rds.id)).status).toBe('closed');
  });
});
