import { ConfigError } from '../../events/errors.js';
import { IllegalTransitionError } from '../../incidents/errors.js';
import type { Command } from '../../incidents/lifecycle.js';
import type { NotificationConfig } from '../../incidents/notifications/config.js';
import { assessRisk } from '../../incidents/risk.js';
import { NotFoundError } from '../errors.js';
import type { IncidentStore } from '../incident-store.js';
import type { SlackApi } from './api.js';
import { actionOf, needsModal, type PersonAction } from './blocks.js';
import { SlackPayloadError } from './errors.js';
import { commandFromSubmission, modalActionOf, readModalMetadata } from './modal-submission.js';
import { actionModal, type ModalAction } from './modals.js';
import type { BlockActionsPayload, ViewSubmissionPayload } from './payload.js';

/** What applying an interaction needs: the store, Slack, who is who, the notification settings and the clock. */
export interface InteractionDeps {
  store: Pick<IncidentStore, 'applyCommand' | 'getIncident' | 'getSignals'>;
  /** Answers through `response_url` and opens modals. */
  slack: Pick<SlackApi, 'respond' | 'openView'>;
  signingSecret: () => Promise<string>;
  /** One-time marker: false when `key` was marked before (a replayed request, a modal submitted twice). */
  markSeen?: (key: string, expiresAt: Date) => Promise<boolean>;
  /** Slack user id → person id; unmapped users are refused unless `allowUnmapped` (then `slack:<id>`). */
  users: Record<string, string>;
  allowUnmapped: boolean;
  /**
   * Lead and other authorities, DPO: the authority choice and the subjects' languages in the forms. A loader
   * is read only when a form needs it, so a settings error never blocks an acknowledgement.
   */
  notifications: NotificationConfig | (() => NotificationConfig);
  now: () => Date;
  /** Budget for the `response_url` post (default 1000 ms). */
  respondTimeoutMs?: number;
  /** How long the HTTP answer may wait for the work (default 2500 ms: Slack gives up at 3 s). */
  answerBudgetMs?: number;
  /** Resolves after `ms` unless `signal` aborts first; injected in tests (default: a timer). */
  timer?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Takes the work that goes on after the answer (reporting through `response_url`). */
  defer?: (work: Promise<void>) => void;
}

/** What an interaction led to: a text for `response_url`, and for a modal submission Slack's answer. */
export interface Outcome {
  changed: boolean;
  text?: string;
  /** A `view_submission` answer body (`response_action: "errors"`); absent closes the modal. */
  viewAnswer?: Record<string, unknown>;
}

/** A repeated Escalate click within this window is the same escalation. */
const ESCALATE_DEBOUNCE_MS = 60_000;
/** A submitted modal is remembered this long: a second submission of the same view changes nothing. */
const VIEW_MEMORY_MS = 24 * 3_600_000;
const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const settingsOf = (deps: InteractionDeps): NotificationConfig =>
  typeof deps.notifications === 'function' ? deps.notifications() : deps.notifications;

function personOf(userId: string, deps: InteractionDeps): string | undefined {
  return deps.users[userId] ?? (deps.allowUnmapped ? `slack:${userId}` : undefined);
}

const unmapped = (userId: string): Outcome => ({
  changed: false,
  text: `Your Slack user ${userId} is not mapped to a breachwatch person, so nothing was changed. Ask an admin to add it to SLACK_USERS.`,
});

/** Applies a command with optimistic locking; a refused or repeated one is reported, not thrown. */
async function apply(id: string, command: Command, person: string, deps: InteractionDeps): Promise<Outcome> {
  try {
    const { incident, changed } = await deps.store.applyCommand(id, command, deps.now());
    return changed
      ? { changed, text: `${id}: ${command.action} recorded for ${person}; status ${incident.status}.` }
      : { changed, text: `${id} is already ${incident.status}; nothing changed.` };
  } catch (error) {
    if (error instanceof IllegalTransitionError || error instanceof NotFoundError)
      return { changed: false, text: error.message };
    throw error;
  }
}

/** Opens the action's modal, pre-filled (the decision from `assessRisk` over the incident's signals). */
async function openModal(action: ModalAction, id: string, payload: BlockActionsPayload, deps: InteractionDeps) {
  if (!payload.trigger_id) throw new SlackPayloadError('trigger_id: required to open a form');
  const incident = await deps.store.getIncident(id);
  if (!incident) return { changed: false, text: `incident ${id} was not found` };
  const risk = action === 'decide' ? assessRisk(incident, await deps.store.getSignals(id)) : undefined;
  const metadata = { incidentId: id, responseUrl: payload.response_url, riskScore: risk?.score };
  let config: NotificationConfig;
  try {
    config = settingsOf(deps);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      changed: false,
      text: `This form needs breachwatch's notification settings, and they are not usable: ${error.message}`,
    };
  }
  const view = actionModal(action, { incident, config, now: deps.now(), risk, metadata });
  await deps.slack.openView(payload.trigger_id, view);
  return { changed: false };
}

/**
 * One button click: maps the Slack user to a person and the button to a lifecycle action; an action that
 * needs fields opens its modal (`views.open`), the others are applied at once. A repeat of an action that
 * already took effect (a double click) changes nothing.
 */
export async function applyBlockAction(payload: BlockActionsPayload, deps: InteractionDeps): Promise<Outcome> {
  const clicked = payload.actions[0]!;
  const action: PersonAction | undefined = actionOf(clicked.action_id);
  if (!action) throw new SlackPayloadError('actions.0.action_id: not a breachwatch button');
  const id = clicked.value ?? '';
  if (!INCIDENT_ID.test(id)) throw new SlackPayloadError('actions.0.value: not an incident id');
  const person = personOf(payload.user.id, deps);
  if (!person) return unmapped(payload.user.id);
  if (needsModal(action)) return openModal(action as ModalAction, id, payload, deps);
  if (action === 'escalate') {
    const last = (await deps.store.getIncident(id))?.workflow.escalations?.at(-1);
    if (last && deps.now().getTime() - Date.parse(last.at) < ESCALATE_DEBOUNCE_MS)
      return { changed: false, text: `${id} was escalated at ${last.at}; nothing changed.` };
  }
  const command: Command =
    action === 'escalate'
      ? { action, actor: person, reason: 'escalated from Slack' }
      : { action: action as 'acknowledge' | 'investigate' | 'confirm-breach', actor: person };
  return apply(id, command, person, deps);
}

/**
 * A submitted modal: validates its fields against the incident as it is now (errors go back on the field,
 * nothing changes), then applies the command once per view: a second submission of the same modal (a retry,
 * a double click on Submit) changes nothing.
 */
export async function applyViewSubmission(payload: ViewSubmissionPayload, deps: InteractionDeps): Promise<Outcome> {
  const action = modalActionOf(payload.view.callback_id);
  if (!action) throw new SlackPayloadError('view.callback_id: not a breachwatch form');
  const metadata = readModalMetadata(payload.view.private_metadata);
  const id = metadata.incidentId;
  const person = personOf(payload.user.id, deps);
  if (!person) return unmapped(payload.user.id);
  const incident = await deps.store.getIncident(id);
  if (!incident) return { changed: false, text: `incident ${id} was not found` };
  const now = deps.now();
  const form = commandFromSubmission(
    action,
    payload.view.state.values,
    person,
    incident,
    settingsOf(deps),
    now,
    metadata,
  );
  if ('errors' in form) return { changed: false, viewAnswer: { response_action: 'errors', errors: form.errors } };
  const first = await (deps.markSeen?.(`view#${payload.view.id}`, new Date(now.getTime() + VIEW_MEMORY_MS)) ?? true);
  if (!first) return { changed: false, text: `${id}: this form was already submitted; nothing changed.` };
  return apply(id, form.command, person, deps);
}
