import type { IncidentEvent } from '../../events/incident-events.js';
import type { Incident } from '../../incidents/incident.js';
import { type Action, allowedActions } from '../../incidents/lifecycle.js';
import type { SlackMessage } from './api.js';

/** An action a person takes from Slack (every lifecycle action but the scheduler's `remind`). */
export type PersonAction = Exclude<Action, 'remind'>;

/**
 * How each action shows as a button. Which buttons a message carries is never listed by hand: it is every
 * action the transition table allows from the incident's status (`allowedActions`). `modal` actions need
 * fields (a reason, the decision, the authority…) and open a form first; the others apply on the click.
 */
export const actionButtons = {
  acknowledge: { text: 'Acknowledge', style: 'primary' },
  escalate: { text: 'Escalate' },
  investigate: { text: 'Start investigation', style: 'primary' },
  'confirm-breach': { text: 'Confirm breach', style: 'danger' },
  dismiss: { text: 'Dismiss…', modal: true },
  decide: { text: 'Record decision…', style: 'primary', modal: true },
  'notify-authority': { text: 'Notify authority…', modal: true },
  'notify-subjects': { text: 'Notify data subjects…', modal: true },
  'exempt-subjects': { text: 'Exempt data subjects…', modal: true },
  close: { text: 'Close…', modal: true },
  reopen: { text: 'Reopen…', modal: true },
} as const satisfies Record<PersonAction, { text: string; style?: 'primary' | 'danger'; modal?: true }>;

/** A button's `action_id`: `bw_` + the action with underscores (`bw_notify_authority`); its `value` is the incident id. */
export function actionIdOf(action: PersonAction): string {
  return `bw_${action.replaceAll('-', '_')}`;
}

const byActionId = new Map(
  (Object.keys(actionButtons) as PersonAction[]).map((action) => [actionIdOf(action), action] as const),
);

/** The action behind a button's `action_id`, or undefined for an id breachwatch never sent. */
export function actionOf(actionId: string): PersonAction | undefined {
  return byActionId.get(actionId);
}

/** Whether the action asks for fields in a modal before it is applied. */
export function needsModal(action: PersonAction): boolean {
  return 'modal' in actionButtons[action];
}

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
/** Slack escapes: `&`, `<`, `>` are control characters in mrkdwn. */
const escapeMrkdwn = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function statusLine(incident: Incident): string {
  const w = incident.workflow;
  const by = (act: { by: string; at: string }) => `${escapeMrkdwn(act.by)} at ${act.at}`;
  const parts = [`*Status:* ${incident.status}`];
  if (w.acknowledged) parts.push(`acknowledged by ${by(w.acknowledged)}`);
  if (w.escalations?.length) parts.push(`escalated ×${w.escalations.length}`);
  if (w.awareness) parts.push(`breach confirmed by ${escapeMrkdwn(w.awareness.by)}, aware at ${w.awareness.at}`);
  if (w.dismissal && incident.status === 'dismissed') parts.push(`dismissed by ${by(w.dismissal)}`);
  if (w.decision) parts.push(`decision ${w.decision.outcome} by ${by(w.decision)}`);
  for (const n of w.authorityNotifications ?? [])
    parts.push(`authority ${escapeMrkdwn(n.authority)} notified (phase ${n.phase}) by ${by(n)}`);
  if (w.subjects?.outcome === 'notified') parts.push(`data subjects notified by ${by(w.subjects)}`);
  if (w.subjects?.outcome === 'exempt')
    parts.push(`data subjects exempt (${w.subjects.exemption}) by ${by(w.subjects)}`);
  if (w.closed && incident.status === 'closed') parts.push(`closed by ${by(w.closed)}`);
  return parts.join(' · ').slice(0, 3000);
}

/**
 * The page: evidence summary of the incident as it stands, and one button for each action the transition
 * table allows from the current status. Re-rendered from the stored incident on every change (`chat.update`).
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export function incidentMessage(incident: Incident, consoleUrl: string): SlackMessage {
  const band = incident.severityBand.toUpperCase();
  const link = `${consoleUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incident.id)}`;
  const allowed = allowedActions(incident.status) as PersonAction[];
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
      elements: allowed.map((action) => {
        const b: { text: string; style?: string } = actionButtons[action];
        return {
          type: 'button',
          action_id: actionIdOf(action),
          text: plain(b.text),
          value: incident.id,
          ...(b.style ? { style: b.style } : {}),
        };
      }),
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
