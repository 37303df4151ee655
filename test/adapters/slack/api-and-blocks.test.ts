import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackApi } from '../../../adapters/slack/api.js';
import {
  actionIdOf,
  actionOf,
  incidentMessage,
  type PersonAction,
  threadReply,
} from '../../../adapters/slack/blocks.js';
import { SlackApiError } from '../../../adapters/slack/errors.js';
import { openIncident } from '../../../incidents/correlate.js';
import { incidentEventsFromChange } from '../../../incidents/incident-events.js';
import { applyCommand, transitions } from '../../../incidents/lifecycle.js';
import { signal } from '../../support/factories.js';
import { SlackStandIn } from '../../support/slack-standin.js';

const slack = new SlackStandIn('unused');
const at = '2026-11-20T02:20:00.000Z';
const buttonsOf = (m: { blocks: unknown[] }) =>
  (m.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }>)
    .find((b) => b.type === 'actions')
    ?.elements?.map((e) => e.action_id) ?? [];

describe('SlackApi against the stand-in', () => {
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('posts with the bot token, replies in a thread and updates in place', async () => {
    const api = new SlackApi({ baseUrl: `${slack.apiUrl}/`, token: async () => 'xoxb-1' });
    const page = await api.postMessage('C1', { text: 't', blocks: [] });
    await api.postMessage('C1', { text: 'r', blocks: [] }, page.ts);
    await api.update('C1', page.ts, { text: 'u', blocks: [] });
    expect(slack.calls.map((c) => [c.method, c.token, c.body.thread_ts ?? c.body.ts ?? null])).toEqual([
      ['chat.postMessage', 'xoxb-1', null],
      ['chat.postMessage', 'xoxb-1', page.ts],
      ['chat.update', 'xoxb-1', page.ts],
    ]);
  });

  it("raises Slack's error code when Slack answers ok: false", async () => {
    const api = new SlackApi({ baseUrl: slack.apiUrl, token: async () => 'xoxb-1' });
    slack.failNext(1);
    const error = await api.postMessage('C1', { text: 't', blocks: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(SlackApiError);
    expect((error as SlackApiError).error).toBe('internal_error');
  });
});

describe('Slack blocks', () => {
  it('offers exactly the transitions the table allows from each status, from page to closed', () => {
    const opened = openIncident(signal(), at).incident;
    expect(buttonsOf(incidentMessage(opened, 'https://c'))).toEqual([
      'bw_acknowledge',
      'bw_escalate',
      'bw_investigate',
      'bw_confirm_breach',
      'bw_dismiss',
    ]);
    const acked = applyCommand(opened, { action: 'acknowledge', actor: 'p' }, at)!.incident;
    expect(buttonsOf(incidentMessage(acked, 'https://c'))).toEqual([
      'bw_escalate',
      'bw_investigate',
      'bw_confirm_breach',
      'bw_dismiss',
    ]);
    const confirmed = applyCommand(acked, { action: 'confirm-breach', actor: 'p' }, at)!.incident;
    expect(buttonsOf(incidentMessage(confirmed, 'https://c'))).toEqual([
      'bw_decide',
      'bw_notify_authority',
      'bw_notify_subjects',
      'bw_exempt_subjects',
      'bw_close',
    ]);
    const dismissed = applyCommand(acked, { action: 'dismiss', actor: 'p', reason: 'r' }, at)!.incident;
    expect(buttonsOf(incidentMessage(dismissed, 'https://c'))).toEqual(['bw_close', 'bw_reopen']);
    const closed = applyCommand(dismissed, { action: 'close', actor: 'p' }, at)!.incident;
    expect(buttonsOf(incidentMessage(closed, 'https://c'))).toEqual(['bw_reopen']);
  });

  it('has a button for every action a person takes, and maps each action id back', () => {
    for (const action of Object.keys(transitions).filter((a) => a !== 'remind') as PersonAction[])
      expect(actionOf(actionIdOf(action))).toBe(action);
    expect(actionOf('bw_remind')).toBeUndefined();
  });

  it('escapes Slack control characters from entity names and links to the console', () => {
    const incident = openIncident(signal({ entity: { type: 'bucket', id: 'a<b>&c' } }), at).incident;
    const text = JSON.stringify(incidentMessage(incident, 'https://console.example/').blocks);
    expect(text).toContain('a&lt;b&gt;&amp;c');
    expect(text).toContain(`<https://console.example/incidents/${incident.id}|Open in the breachwatch console>`);
  });

  it('threads a reply for new signals, escalations and the Art. 33 clock, not for acknowledgements', () => {
    const opened = openIncident(signal(), at).incident;
    const escalated = applyCommand(opened, { action: 'escalate', actor: 's', reason: 'r' }, at)!.incident;
    const [event] = incidentEventsFromChange(opened, escalated);
    expect(threadReply(event!, '<!subteam^S1>')?.text).toBe(
      `<!subteam^S1> Escalation level 1: ${opened.id} is still not acknowledged`,
    );
    const acked = applyCommand(opened, { action: 'acknowledge', actor: 'p' }, at)!.incident;
    expect(threadReply(incidentEventsFromChange(opened, acked)[0]!)).toBeUndefined();
  });
});
