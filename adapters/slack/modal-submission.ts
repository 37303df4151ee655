import { IllegalTransitionError } from '../../incidents/errors.js';
import { isArt33Overdue } from '../../incidents/gdpr-clock.js';
import type { Incident } from '../../incidents/incident.js';
import { applyCommand, type Command } from '../../incidents/lifecycle.js';
import { authoritiesToNotify, type NotificationConfig } from '../../incidents/notifications/config.js';
import { NotificationDecision, SubjectExemption } from '../../incidents/workflow.js';
import { SlackPayloadError } from './errors.js';
import { MODAL_ACTIONS, type ModalAction, ModalField, type ModalMetadata, modalCallbackId } from './modals.js';
import type { ViewSubmissionPayload } from './payload.js';

/** A submission either yields the command to apply or errors by input `block_id` (Slack shows them on the field). */
export type SubmissionResult = { command: Command } | { errors: Partial<Record<ModalField, string>> };

type Values = ViewSubmissionPayload['view']['state']['values'];

/** The action of a modal from its `callback_id`, or undefined for a view breachwatch did not open. */
export function modalActionOf(callbackId: string): ModalAction | undefined {
  return MODAL_ACTIONS.find((a) => modalCallbackId(a) === callbackId);
}

const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Reads our `private_metadata` back; throws `SlackPayloadError` naming the part that is wrong. */
export function readModalMetadata(raw: string): ModalMetadata {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new SlackPayloadError('view.private_metadata: not JSON', { cause: error });
  }
  const m = json as Partial<ModalMetadata> | null;
  if (!m || typeof m.incidentId !== 'string' || !INCIDENT_ID.test(m.incidentId))
    throw new SlackPayloadError('view.private_metadata.incidentId: not an incident id');
  const responseUrl =
    typeof m.responseUrl === 'string' && /^https?:\/\//.test(m.responseUrl) ? m.responseUrl : undefined;
  const riskScore = typeof m.riskScore === 'number' && Number.isFinite(m.riskScore) ? m.riskScore : undefined;
  return { incidentId: m.incidentId, responseUrl, riskScore };
}

/** The field whose error box shows a refusal that is about the whole form (a state that moved on). */
const MAIN_FIELD: Record<ModalAction, ModalField> = {
  dismiss: ModalField.REASON,
  decide: ModalField.REASONING,
  'notify-authority': ModalField.AUTHORITY,
  'notify-subjects': ModalField.CHANNEL,
  'exempt-subjects': ModalField.JUSTIFICATION,
  close: ModalField.REASON,
  reopen: ModalField.REASON,
};

/** What a submission must carry that it does not, keyed by field; `command` when complete. */
function readForm(
  action: ModalAction,
  values: Values,
  actor: string,
  incident: Incident,
  config: NotificationConfig,
  now: Date,
  metadata: ModalMetadata,
): SubmissionResult {
  const text = (f: ModalField) => values[f]?.value?.value?.trim() ?? '';
  const picked = (f: ModalField) => values[f]?.value?.selected_option?.value ?? '';
  const errors: Partial<Record<ModalField, string>> = {};
  const need = (f: ModalField, message: string) => {
    if (!text(f)) errors[f] = message;
    return text(f);
  };
  let command: Command;
  switch (action) {
    case 'dismiss':
      command = { action, actor, reason: need(ModalField.REASON, 'Say why this is not a personal-data breach.') };
      break;
    case 'reopen':
      command = { action, actor, reason: need(ModalField.REASON, 'Say why the incident is reopened.') };
      break;
    case 'close':
      command = { action, actor, ...(text(ModalField.REASON) ? { reason: text(ModalField.REASON) } : {}) };
      break;
    case 'decide': {
      const outcome = picked(ModalField.OUTCOME) as NotificationDecision;
      if (!Object.values(NotificationDecision).includes(outcome)) errors.outcome = 'Choose an outcome.';
      const reasoning = need(ModalField.REASONING, 'EDPB Guidelines 9/2022 ask for the reasoning, notified or not.');
      command = {
        action,
        actor,
        outcome,
        reasoning,
        ...(metadata.riskScore !== undefined ? { riskScore: metadata.riskScore } : {}),
      };
      break;
    }
    case 'notify-authority': {
      const authority = picked(ModalField.AUTHORITY);
      if (!authoritiesToNotify(config, true).some((a) => a.id === authority))
        errors.authority = 'Choose one of the configured supervisory authorities.';
      const delayReason = text(ModalField.DELAY_REASON);
      if (isArt33Overdue(incident, now) && !delayReason) {
        if (values[ModalField.DELAY_REASON])
          errors.delay_reason = 'Past 72 hours: Art. 33(1) requires the reasons for the delay.';
        else
          errors.authority =
            'The 72 hours have passed since this form opened: cancel and open it again to give the reasons for the delay.';
      }
      const reference = text(ModalField.REFERENCE);
      command = {
        action,
        actor,
        authority,
        ...(reference ? { reference } : {}),
        ...(delayReason ? { delayReason } : {}),
      };
      break;
    }
    case 'notify-subjects':
      command = { action, actor, channel: need(ModalField.CHANNEL, 'Say how the data subjects were told.') };
      break;
    case 'exempt-subjects': {
      const exemption = picked(ModalField.EXEMPTION) as SubjectExemption;
      if (!Object.values(SubjectExemption).includes(exemption))
        errors.exemption = 'Choose the Art. 34(3) point that applies.';
      const justification = need(
        ModalField.JUSTIFICATION,
        'Justify the exemption: it is what an authority will ask for.',
      );
      command = { action, actor, exemption, justification };
      break;
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { command };
}

/**
 * Turns a submitted modal into the lifecycle command it asks for, or into errors by field: a required field
 * left empty, a choice not offered, a delay reason missing past 72 h, or a transition the incident's current
 * state does not allow (checked by applying the command to a copy). Pure: nothing is written.
 * @example commandFromSubmission('dismiss', values, 'oncall-sam', incident, config, now, meta) // { command: {…} }
 */
export function commandFromSubmission(
  action: ModalAction,
  values: Values,
  actor: string,
  incident: Incident,
  config: NotificationConfig,
  now: Date,
  metadata: ModalMetadata,
): SubmissionResult {
  const form = readForm(action, values, actor, incident, config, now, metadata);
  if ('errors' in form) return form;
  try {
    applyCommand(incident, form.command, now.toISOString());
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    return { errors: { [MAIN_FIELD[action]]: error.message } };
  }
  return form;
}
