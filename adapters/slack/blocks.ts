import type { IncidentEvent } from '../../events/incident-events.js';
import type { Incident } from '../../incidents/incident.js';
import { transitions } from '../../incidents/lifecycle.js';
import type { SlackMessage } from './api.js';

/** Button action ids and the lifecycle command each one asks for; the button's `value` is the incident id. */
export const SlackActionId = {
  ACKNOWLEDGE: 'bw_acknowledge',
  ESCALATE: 'bw_escalate',
  DISMISS: 'bw_dismiss',
  CONFIRM_BREACH: 'bw_confirm_breach',
} as const;
export type SlackActionId = (typeof SlackActionId)[keyof typeof SlackActionId];

/** The command behind each button. */
export const actionCommand = {
  bw_acknowledge: 'acknowledge',
  bw_escalate: 'escalate',
  bw_dismiss: 'dismiss',
  bw_confirm_breach: 'confirm-breach',
} as const satisfies Record<SlackActionId, keyof typeof transitions>;

const buttons: Array<{ id: SlackActionId; text: string; style?: 'primary' | 'danger' }> = [
  { id: SlackActionId.ACKNOWLEDGE, text: 'Acknowledge', style: 'primary' },
  { id: SlackActionId.ESCALATE, text: 'Escalate' },
  { id: SlackActionId.DISMISS, text: 'Dismiss' },
  { id: SlackActionId.CONFIRM_BREACH, text: 'Confirm breach', style: 'danger' },
];

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
/** Slack escapes: `&`, `<`, `>` are control characters in mrkdwn. */
const escapeMrkdwn = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function statusLine(incident: Incident): string {
  const w = incident.workflow;
  const parts = [`*Status:* ${incident.status}`];
  if (w.acknowledged) parts.push(`acknowledged by ${escapeMrkdwn(w.acknowledged.by)} at ${w.acknowledged.at}`);
  if (w.awareness) parts.push(`breach confirmed by ${escapeMrkdwn(w.awareness.by)}, aware at ${w.awareness.at}`);
  if (w.escalations?.length) parts.push(`escalated ×${w.escalations.length}`);
  return parts.join(' · ');
}

/**
 * The page: evidence summary of the incident as it stands, and the buttons the current state allows
 * (a dismissed incident shows none). Re-rendered from the stored incident on every change (`chat.update`).
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export function incidentMessage(incident: Incident, consoleUrl: string): SlackMessage {
  const band = incident.severityBand.toUpperCase();
  const link = `${consoleUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incident.id)}`;
  const allowed = buttons.filter((b) => transitions[actionCommand[b.id]].from.includes(incident.status));
  const blocks: unknown[] = [
    { type: 'header', text: plain(`${band} ${incident.category} · ${incident.id}`.slice(0, 150)) },
    { type: 'section', text: mrkdwn(escapeMrkdwn(incident.title).slice(0, 3000)) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Severity*\n${incident.severity} (${incident.severityBand})`),
        mrkdwn(`*Entity*\n${escapeMrkdwn(incident.entity.type)} \`${escapeMrkdwn(incident.entity.id)}\``),
        mrkdwn(`*Signals*\n${incident.signalCount} from ${incident.sources.join(', ')}`),
        mrkdwn(`*Seen*\n${incident.firstSeen} → ${incident.lastSeen}`),
      ],
    },
    { type: 'context', elements: [mrkdwn(statusLine(incident)), mrkdwn(`<${link}|Open in the breachwatch console>`)] },
  ];
  if (allowed.length > 0)
    blocks.push({
      type: 'actions',
      block_id: 'bw_incident_actions',
      elements: allowed.map((b) => ({
        type: 'button',
        action_id: b.id,
        text: plain(b.text),
        value: incident.id,
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  return { text: `${band} possible personal-data breach ${incident.id}: ${incident.status}`, blocks };
}

/** A thread reply under the page for an event that deserves one (new signals, escalation, Art. 33 clock). */
export function threadReply(event: IncidentEvent, mention?: string): SlackMessage | undefined {
  const d = event.detail;
  let text: string | undefined;
  switch (event.detailType) {
    case 'Incident Updated':
      text = `${event.detail.newSignals} more signal(s): ${d.signalCount} in all, severity now ${d.severity} (${d.severityBand}), last seen ${d.lastSeen}`;
      break;
    case 'Incident Escalated':
      text = `${mention ? `${mention} ` : ''}Escalation level ${event.detail.level}: ${d.incidentId} is still not acknowledged`;
      break;
    case 'Art 33 Reminder':
      text = `Art. 33 reminder: ${event.detail.hoursAfterAwareness} h since awareness, the authority must be notified by ${d.art33DeadlineAt}`;
      break;
    case 'Art 33 Overdue':
      text = `${mention ? `${mention} ` : ''}Art. 33 deadline passed at ${d.art33DeadlineAt}: notify the authority now, with the reasons for the delay (Art. 33(1))`;
      break;
    case 'Incident Reopened':
      text = `Reopened: new evidence arrived for ${d.incidentId}`;
      break;
  }
  return text ? { text, blocks: [{ type: 'section', text: mrkdwn(text) }] } : undefined;
}
