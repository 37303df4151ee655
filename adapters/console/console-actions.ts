import type { Incident } from '../../incidents/incident.js';
import { type Action, transitions } from '../../incidents/lifecycle.js';
import { NotificationDecision, SubjectExemption } from '../../incidents/workflow.js';
import { needsDelayReason } from './countdown.js';

/** Actions a person may take from the console; `remind` belongs to the scheduler. */
export type ViewerAction = Exclude<Action, 'remind'>;

/** One input a command needs; the page renders it and the API checks it against the same spec. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'datetime';
  required: boolean;
  options?: { value: string; label: string }[];
  hint?: string;
}

/** An action the viewer may take now, with the fields its form asks for. */
export interface ConsoleAction {
  action: ViewerAction;
  label: string;
  tone: 'primary' | 'danger' | 'neutral';
  fields: ActionField[];
}

const text = (name: string, label: string, required: boolean, hint?: string): ActionField => ({
  name,
  label,
  kind: name === 'authority' || name === 'reference' || name === 'channel' ? 'text' : 'textarea',
  required,
  ...(hint ? { hint } : {}),
});

const decisionOptions = [
  { value: NotificationDecision.REGISTER_ONLY, label: 'Register only (unlikely to result in a risk)' },
  { value: NotificationDecision.NOTIFY_AUTHORITY, label: 'Notify the supervisory authority (Art. 33)' },
  { value: NotificationDecision.NOTIFY_AUTHORITY_AND_SUBJECTS, label: 'Notify authority and data subjects (Art. 34)' },
];
const exemptionOptions = [
  { value: SubjectExemption.A_PROTECTED, label: 'Art. 34(3)(a): data unintelligible (e.g. encrypted)' },
  { value: SubjectExemption.B_RISK_REMOVED, label: 'Art. 34(3)(b): high risk no longer likely' },
  { value: SubjectExemption.C_DISPROPORTIONATE, label: 'Art. 34(3)(c): disproportionate effort, public notice' },
];

/** The form of each viewer action, in the order the page shows them. `overdue` makes a delay reason required. */
function forms(overdue: boolean): Record<ViewerAction, Omit<ConsoleAction, 'action'>> {
  return {
    acknowledge: { label: 'Acknowledge', tone: 'primary', fields: [] },
    investigate: { label: 'Start investigating', tone: 'neutral', fields: [] },
    'confirm-breach': {
      label: 'Confirm breach',
      tone: 'danger',
      fields: [
        {
          name: 'awareAt',
          label: 'Aware since (UTC)',
          kind: 'datetime',
          required: false,
          hint: 'When you became reasonably certain (EDPB 9/2022); empty means now. Starts the 72 h clock.',
        },
        text('reason', 'Reason', false),
      ],
    },
    escalate: { label: 'Escalate', tone: 'neutral', fields: [text('reason', 'Reason', true)] },
    dismiss: { label: 'Dismiss', tone: 'neutral', fields: [text('reason', 'Reason', true, 'Kept in the register.')] },
    decide: {
      label: 'Record decision',
      tone: 'primary',
      fields: [
        { name: 'outcome', label: 'Outcome', kind: 'select', required: true, options: decisionOptions },
        text('reasoning', 'Reasoning', true, 'EDPB 9/2022 asks for the reasoning, notified or not.'),
        { name: 'riskScore', label: 'Risk score (ENISA)', kind: 'number', required: false },
      ],
    },
    'notify-authority': {
      label: 'Notify authority',
      tone: 'primary',
      fields: [
        text('authority', 'Supervisory authority', true),
        text('reference', 'Reference', false),
        text('delayReason', 'Reason for the delay', overdue, 'Art. 33(1): required past 72 h after awareness.'),
      ],
    },
    'notify-subjects': {
      label: 'Notify data subjects',
      tone: 'primary',
      fields: [text('channel', 'Channel', true, 'E-mail, letter, public notice…')],
    },
    'exempt-subjects': {
      label: 'Exempt subjects',
      tone: 'neutral',
      fields: [
        { name: 'exemption', label: 'Exemption', kind: 'select', required: true, options: exemptionOptions },
        text('justification', 'Justification', true),
      ],
    },
    close: { label: 'Close', tone: 'neutral', fields: [text('reason', 'Reason', false)] },
    reopen: { label: 'Reopen', tone: 'neutral', fields: [text('reason', 'Reason', true)] },
  };
}

/** The form for one action on this incident now (a delay reason is required once the 72 h have passed). */
export function actionForm(action: ViewerAction, incident: Incident, now: Date): ConsoleAction {
  return { action, ...forms(needsDelayReason(incident, now))[action] };
}

/** Whether a string names an action a person may take from the console. */
export function isViewerAction(value: unknown): value is ViewerAction {
  return typeof value === 'string' && value !== 'remind' && Object.hasOwn(transitions, value);
}

/**
 * What the viewer may do now: the actions whose `from` states in the lifecycle `transitions` table hold the
 * incident's status. Closing a confirmed breach is offered only after a register-only decision, the one
 * extra condition `applyCommand` puts on it.
 */
export function consoleActions(incident: Incident, now: Date): ConsoleAction[] {
  return Object.entries(forms(needsDelayReason(incident, now)))
    .filter(([action]) => transitions[action as ViewerAction].from.includes(incident.status))
    .filter(
      ([action]) =>
        !(action === 'close' && incident.status === 'breach-confirmed') ||
        incident.workflow.decision?.outcome === NotificationDecision.REGISTER_ONLY,
    )
    .map(([action, form]) => ({ action: action as ViewerAction, ...form }));
}
