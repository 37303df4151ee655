import type { IncidentChange } from './correlate.js';
import { IllegalTransitionError } from './errors.js';
import type { Incident } from './incident.js';
import { type IncidentStatus, IncidentStatus as S } from './incident.js';
import { chainEntries, type TimelineEvent } from './timeline.js';
import type { AuthorityNotification, NotificationDecision, SubjectExemption } from './workflow.js';

/** What a person (or the scheduler) asks of an incident. `actor` is a person's id; `reason` is free text. */
export type Command =
  | { action: 'acknowledge'; actor: string }
  | { action: 'escalate'; actor: string; reason: string }
  | { action: 'investigate'; actor: string }
  | { action: 'confirm-breach'; actor: string; awareAt?: string; reason?: string }
  | { action: 'dismiss'; actor: string; reason: string }
  | { action: 'decide'; actor: string; outcome: NotificationDecision; reasoning: string; riskScore?: number }
  | { action: 'notify-authority'; actor: string; authority: string; reference?: string; delayReason?: string }
  | { action: 'notify-subjects'; actor: string; channel: string }
  | { action: 'exempt-subjects'; actor: string; exemption: SubjectExemption; justification: string }
  | { action: 'close'; actor: string; reason?: string }
  | { action: 'reopen'; actor: string; reason: string }
  | { action: 'remind'; actor: string; hoursAfterAwareness: number };
export type Action = Command['action'];

/**
 * The state machine as data: for each action, the states it may start from and the state it leads to
 * (`same` keeps the status: escalations, decisions, reminders and later authority phases).
 */
export const transitions: Record<Action, { from: readonly IncidentStatus[]; to: IncidentStatus | 'same' }> = {
  acknowledge: { from: [S.OPEN], to: S.ACKNOWLEDGED },
  escalate: { from: [S.OPEN, S.ACKNOWLEDGED], to: 'same' },
  investigate: { from: [S.OPEN, S.ACKNOWLEDGED], to: S.INVESTIGATING },
  'confirm-breach': { from: [S.OPEN, S.ACKNOWLEDGED, S.INVESTIGATING], to: S.BREACH_CONFIRMED },
  dismiss: { from: [S.OPEN, S.ACKNOWLEDGED, S.INVESTIGATING], to: S.DISMISSED },
  decide: { from: [S.BREACH_CONFIRMED, S.AUTHORITY_NOTIFIED], to: 'same' },
  'notify-authority': { from: [S.BREACH_CONFIRMED, S.AUTHORITY_NOTIFIED], to: S.AUTHORITY_NOTIFIED },
  'notify-subjects': { from: [S.BREACH_CONFIRMED, S.AUTHORITY_NOTIFIED], to: S.SUBJECTS_NOTIFIED },
  'exempt-subjects': { from: [S.BREACH_CONFIRMED, S.AUTHORITY_NOTIFIED], to: S.SUBJECTS_EXEMPT },
  close: {
    from: [S.BREACH_CONFIRMED, S.AUTHORITY_NOTIFIED, S.SUBJECTS_NOTIFIED, S.SUBJECTS_EXEMPT, S.DISMISSED],
    to: S.CLOSED,
  },
  reopen: { from: [S.DISMISSED, S.CLOSED], to: S.OPEN },
  remind: { from: [S.BREACH_CONFIRMED], to: 'same' },
};

/**
 * The workflow of a reopened incident: no longer dismissed or closed, and no longer acknowledged, so on-call
 * is asked again (the earlier acknowledgement stays in the timeline); escalations count from `act.at`.
 */
export function reopenedWorkflow(w: Incident['workflow'], act: { by: string; at: string }): Incident['workflow'] {
  return { ...w, closed: undefined, dismissal: undefined, acknowledged: undefined, reopened: act };
}

/**
 * The actions a person may take from a status, in the order of the transition table: what buttons and
 * console forms offer. `remind` is the scheduler's, never a person's.
 * @example allowedActions('open') // ['acknowledge', 'escalate', 'investigate', 'confirm-breach', 'dismiss']
 */
export function allowedActions(status: IncidentStatus): Action[] {
  return (Object.keys(transitions) as Action[]).filter((a) => a !== 'remind' && transitions[a].from.includes(status));
}

/** Art. 33(1): 72 hours from awareness. */
const ART33_MS = 72 * 3_600_000;

/** Repeating an action that already took effect (a double click) changes nothing. */
function alreadyDone(incident: Incident, command: Command): boolean {
  const w = incident.workflow;
  switch (command.action) {
    case 'acknowledge':
      return incident.status !== S.OPEN && w.acknowledged !== undefined;
    case 'confirm-breach':
      return w.awareness !== undefined;
    case 'dismiss':
      return incident.status === S.DISMISSED;
    case 'close':
      return incident.status === S.CLOSED;
    case 'remind':
      return (w.remindersSent ?? []).includes(command.hoursAfterAwareness);
    default:
      return false;
  }
}

function requireText(incident: Incident, command: Command, field: string, value: string | undefined): void {
  if (!value || value.trim().length === 0)
    throw new IllegalTransitionError(incident.id, command.action, incident.status, `a ${field} is required`);
}

function updateWorkflow(incident: Incident, command: Command, now: string): Incident['workflow'] {
  const w = incident.workflow;
  const act = { by: command.actor, at: now };
  switch (command.action) {
    case 'acknowledge':
      return { ...w, acknowledged: act };
    case 'escalate':
      return {
        ...w,
        escalations: [
          ...(w.escalations ?? []),
          { ...act, level: (w.escalations?.length ?? 0) + 1, reason: command.reason },
        ],
      };
    case 'investigate':
      return { ...w, acknowledged: w.acknowledged ?? act };
    case 'confirm-breach':
      return {
        ...w,
        acknowledged: w.acknowledged ?? act,
        awareness: { by: command.actor, at: command.awareAt ?? now },
      };
    case 'dismiss':
      requireText(incident, command, 'reason', command.reason);
      return { ...w, dismissal: { ...act, reason: command.reason } };
    case 'decide':
      requireText(incident, command, 'reasoning', command.reasoning);
      return {
        ...w,
        decision: { ...act, outcome: command.outcome, reasoning: command.reasoning, riskScore: command.riskScore },
      };
    case 'notify-authority': {
      const phases = w.authorityNotifications ?? [];
      // Art. 33(1) asks the first notification made after 72 h for its delay; later phases (Art. 33(4)) follow it.
      const overdue =
        phases.length === 0 && w.awareness !== undefined && Date.parse(now) - Date.parse(w.awareness.at) > ART33_MS;
      if (overdue) requireText(incident, command, 'reason for the delay (Art. 33(1): past 72 h)', command.delayReason);
      const entry: AuthorityNotification = {
        ...act,
        phase: phases.length + 1,
        authority: command.authority,
        reference: command.reference,
        delayReason: command.delayReason,
      };
      return { ...w, authorityNotifications: [...phases, entry] };
    }
    case 'notify-subjects':
      return { ...w, subjects: { ...act, outcome: 'notified', channel: command.channel } };
    case 'exempt-subjects':
      requireText(incident, command, 'justification', command.justification);
      return {
        ...w,
        subjects: { ...act, outcome: 'exempt', exemption: command.exemption, justification: command.justification },
      };
    case 'close':
      if (incident.status === S.BREACH_CONFIRMED && w.decision?.outcome !== 'register-only') {
        throw new IllegalTransitionError(
          incident.id,
          'close',
          incident.status,
          'a confirmed breach closes without notification only after a register-only decision',
        );
      }
      return { ...w, closed: { ...act, reason: command.reason } };
    case 'reopen':
      requireText(incident, command, 'reason', command.reason);
      return reopenedWorkflow(w, act);
    case 'remind':
      return { ...w, remindersSent: [...(w.remindersSent ?? []), command.hoursAfterAwareness] };
  }
}

function describe(command: Command, from: IncidentStatus, to: IncidentStatus): string {
  const reason = 'reason' in command && command.reason ? `: ${command.reason}` : '';
  return from === to
    ? `${command.action} by ${command.actor}${reason}`
    : `${from} → ${to} by ${command.actor}${reason}`;
}

/**
 * Applies a command to an incident: checks the transition table and the command's required fields,
 * records who, when and why in the workflow and the timeline. Returns `undefined` when the command had
 * already taken effect (idempotent), throws `IllegalTransitionError` when it may not happen now.
 */
export function applyCommand(incident: Incident, command: Command, now: string): IncidentChange | undefined {
  if (alreadyDone(incident, command)) return undefined;
  const rule = transitions[command.action];
  if (!rule.from.includes(incident.status)) {
    throw new IllegalTransitionError(
      incident.id,
      command.action,
      incident.status,
      `allowed from ${rule.from.join(', ')}`,
    );
  }
  const to = rule.to === 'same' ? incident.status : rule.to;
  const workflow = updateWorkflow(incident, command, now);
  const { actor: _actor, action, ...details } = command;
  const event: TimelineEvent = {
    at: now,
    type: action,
    actor: command.actor,
    summary: describe(command, incident.status, to),
    data: { from: incident.status, to, ...details },
  };
  const timeline = chainEntries(incident.timelineSeq, incident.timelineHead, [event]);
  const head = timeline[timeline.length - 1]!;
  return {
    incident: {
      ...incident,
      status: to,
      workflow,
      updatedAt: now,
      version: incident.version + 1,
      timelineSeq: head.seq,
      timelineHead: head.hash,
    },
    timeline,
  };
}
