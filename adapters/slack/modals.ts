import { isArt33Overdue } from '../../incidents/gdpr-clock.js';
import type { Incident } from '../../incidents/incident.js';
import { authoritiesToNotify, type NotificationConfig } from '../../incidents/notifications/config.js';
import type { RiskAssessment } from '../../incidents/risk.js';
import { NotificationDecision, SubjectExemption } from '../../incidents/workflow.js';
import type { PersonAction } from './blocks.js';

/** The actions that open a modal, each with its own form. */
export const MODAL_ACTIONS = [
  'dismiss',
  'decide',
  'notify-authority',
  'notify-subjects',
  'exempt-subjects',
  'close',
  'reopen',
] as const satisfies readonly PersonAction[];
export type ModalAction = (typeof MODAL_ACTIONS)[number];

/** What a modal carries back in `private_metadata`: the incident, where to report, the pre-filled risk score. */
export interface ModalMetadata {
  incidentId: string;
  responseUrl?: string;
  riskScore?: number;
}

/** Everything a form is pre-filled from; `risk` only for `decide`. */
export interface ModalContext {
  incident: Incident;
  config: NotificationConfig;
  now: Date;
  risk?: RiskAssessment;
  metadata: ModalMetadata;
}

/** Input `block_id`s; each input's `action_id` is `value`. Validation errors are keyed by these. */
export const ModalField = {
  REASON: 'reason',
  OUTCOME: 'outcome',
  REASONING: 'reasoning',
  AUTHORITY: 'authority',
  REFERENCE: 'reference',
  DELAY_REASON: 'delay_reason',
  CHANNEL: 'channel',
  EXEMPTION: 'exemption',
  JUSTIFICATION: 'justification',
} as const;
export type ModalField = (typeof ModalField)[keyof typeof ModalField];

/** `callback_id` of an action's modal: `bw_modal_notify-authority`. */
export const modalCallbackId = (action: ModalAction) => `bw_modal_${action}`;

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const option = (value: string, text: string) => ({ text: plain(text.slice(0, 75)), value });

const OUTCOME_TEXT: Record<NotificationDecision, string> = {
  'register-only': 'Register only (unlikely to result in a risk)',
  'notify-authority': 'Notify the supervisory authority (Art. 33)',
  'notify-authority-and-subjects': 'Notify the authority and the data subjects (Art. 33 + 34)',
};
const EXEMPTION_TEXT: Record<SubjectExemption, string> = {
  'art34-3-a': 'Art. 34(3)(a): data unintelligible to others (e.g. encrypted)',
  'art34-3-b': 'Art. 34(3)(b): later measures removed the high risk',
  'art34-3-c': 'Art. 34(3)(c): disproportionate effort, public communication instead',
};

interface InputOptions {
  optional?: boolean;
  hint?: string;
}

function textInput(field: ModalField, label: string, o: InputOptions & { initial?: string; multiline?: boolean } = {}) {
  return {
    type: 'input',
    block_id: field,
    label: plain(label),
    optional: o.optional ?? false,
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: o.multiline ?? false,
      max_length: 3000,
      ...(o.initial ? { initial_value: o.initial.slice(0, 3000) } : {}),
    },
  };
}

function choice(
  field: ModalField,
  label: string,
  kind: 'static_select' | 'radio_buttons',
  options: Array<ReturnType<typeof option>>,
  initial?: string,
) {
  const selected = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: field,
    label: plain(label),
    element: {
      type: kind,
      action_id: 'value',
      options,
      ...(selected ? { initial_option: selected } : {}),
      ...(kind === 'static_select' ? { placeholder: plain('Choose') } : {}),
    },
  };
}

const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: text.slice(0, 3000) }] });

function formBlocks(action: ModalAction, c: ModalContext): { title: string; submit: string; blocks: unknown[] } {
  const { incident, config } = c;
  switch (action) {
    case 'dismiss':
      return {
        title: 'Dismiss incident',
        submit: 'Dismiss',
        blocks: [
          context('A dismissed incident stays in the register (Art. 33(5)); say why it is not a breach.'),
          textInput(ModalField.REASON, 'Reason', { multiline: true }),
        ],
      };
    case 'decide': {
      const risk = c.risk;
      const outcomes = Object.values(NotificationDecision).map((d) => option(d, OUTCOME_TEXT[d]));
      return {
        title: 'Record decision',
        submit: 'Record',
        blocks: [
          context(
            risk
              ? `ENISA severity *${risk.score}* (${risk.band}); suggested: *${risk.suggestion}*. The reasoning below is pre-filled from the evidence: check and edit it (EDPB Guidelines 9/2022).`
              : 'No risk assessment available: write the reasoning (EDPB Guidelines 9/2022).',
          ),
          choice(ModalField.OUTCOME, 'Outcome', 'radio_buttons', outcomes, risk?.suggestion),
          textInput(ModalField.REASONING, 'Reasoning', { multiline: true, initial: risk?.reasoning }),
        ],
      };
    }
    case 'notify-authority': {
      const authorities = authoritiesToNotify(config, true);
      const phase = (incident.workflow.authorityNotifications ?? []).length + 1;
      const overdue = isArt33Overdue(incident, c.now);
      return {
        title: 'Notify authority',
        submit: 'Record',
        blocks: [
          context(
            `Submission ${phase} (Art. 33(4): what is not known yet may follow in later phases). ` +
              'Record the submission once it is sent.',
          ),
          choice(
            ModalField.AUTHORITY,
            'Supervisory authority',
            'static_select',
            authorities.map((a) =>
              option(a.id, `${a.name} (${a.country})${a.id === config.leadAuthority.id ? ' · lead' : ''}`),
            ),
            config.leadAuthority.id,
          ),
          textInput(ModalField.REFERENCE, 'Authority reference', { optional: true, hint: 'Case number or receipt' }),
          ...(overdue
            ? [
                textInput(ModalField.DELAY_REASON, 'Reasons for the delay', {
                  multiline: true,
                  hint: 'Past 72 hours after awareness: Art. 33(1) requires the reasons for the delay',
                }),
              ]
            : []),
        ],
      };
    }
    case 'notify-subjects':
      return {
        title: 'Notify data subjects',
        submit: 'Record',
        blocks: [
          context(
            `Art. 34(2): in clear and plain language (${(config.subjectLanguages ?? ['en']).join(', ')}). Record how they were told.`,
          ),
          textInput(ModalField.CHANNEL, 'Channel', { initial: 'e-mail', hint: 'e-mail, letter, SMS…' }),
        ],
      };
    case 'exempt-subjects':
      return {
        title: 'Exempt data subjects',
        submit: 'Record',
        blocks: [
          choice(
            ModalField.EXEMPTION,
            'Art. 34(3) exemption',
            'radio_buttons',
            Object.values(SubjectExemption).map((e) => option(e, EXEMPTION_TEXT[e])),
          ),
          textInput(ModalField.JUSTIFICATION, 'Justification', { multiline: true }),
        ],
      };
    case 'close':
      return {
        title: 'Close incident',
        submit: 'Close',
        blocks: [textInput(ModalField.REASON, 'Closing note', { optional: true, multiline: true })],
      };
    case 'reopen':
      return {
        title: 'Reopen incident',
        submit: 'Reopen',
        blocks: [textInput(ModalField.REASON, 'Reason', { multiline: true })],
      };
  }
}

/**
 * The modal (Block Kit view) asking for an action's fields, pre-filled from the incident, the configuration
 * and (for a decision) the ENISA assessment. `private_metadata` carries `ModalMetadata` back on submission.
 * @see https://docs.slack.dev/reference/views/modal-views
 */
export function actionModal(action: ModalAction, c: ModalContext): Record<string, unknown> {
  const form = formBlocks(action, c);
  return {
    type: 'modal',
    callback_id: modalCallbackId(action),
    private_metadata: JSON.stringify(c.metadata),
    title: plain(form.title.slice(0, 24)),
    submit: plain(form.submit.slice(0, 24)),
    close: plain('Cancel'),
    blocks: [context(`*${c.incident.id}* · ${c.incident.status}`), ...form.blocks],
  };
}
