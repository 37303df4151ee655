import { z } from 'zod';
import { SlackPayloadError } from './errors.js';

/**
 * The part of a Slack `block_actions` interaction breachwatch reads: who clicked, which button (its
 * `value` is the incident id) and where to answer. Slack posts it form-encoded as `payload=<JSON>`.
 *
 * @example
 * { "type": "block_actions", "user": { "id": "U0123ABCD" },
 *   "response_url": "https://hooks.slack.com/actions/T0123ABCD/1234567890123/AbCd",
 *   "actions": [{ "action_id": "bw_acknowledge", "value": "BW-20261120-3f2a1b9c", "type": "button",
 *                 "action_ts": "1716200123.456789" }] }
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export const BlockActionsPayloadSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  response_url: z.url().optional(),
  /** Exchanged for a modal with `views.open` within 3 s of the click. */
  trigger_id: z.string().min(1).optional(),
  container: z.object({ message_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1),
        value: z.string().optional(),
        type: z.string(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsPayloadSchema>;

/** One input's submitted value: text inputs carry `value`, selects and radio buttons `selected_option`. */
const InputValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

/**
 * The part of a `view_submission` breachwatch reads: who submitted, which modal (`callback_id`, our
 * `private_metadata`) and the values of its inputs by `block_id` and `action_id`.
 *
 * @example
 * { "type": "view_submission", "user": { "id": "U0123ABCD" },
 *   "view": { "id": "V0123ABCD", "callback_id": "bw_modal_dismiss",
 *             "private_metadata": "{\"incidentId\":\"BW-20261120-3f2a1b9c\"}",
 *             "state": { "values": { "reason": { "value": { "type": "plain_text_input", "value": "test bucket" } } } } } }
 * @see https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
 */
export const ViewSubmissionPayloadSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    id: z.string().min(1).max(64),
    callback_id: z.string().min(1).max(255),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputValueSchema)) }),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof ViewSubmissionPayloadSchema>;

/** Either interaction breachwatch handles. */
export type InteractionPayload = BlockActionsPayload | ViewSubmissionPayload;

/**
 * Reads the `payload=` form body of any interaction breachwatch handles (`block_actions`, `view_submission`);
 * throws `SlackPayloadError` naming the field that is wrong, never its value.
 */
export function parseInteraction(rawBody: string): InteractionPayload {
  const json = payloadJson(rawBody);
  const type = (json as { type?: unknown } | null)?.type;
  const schema = type === 'view_submission' ? ViewSubmissionPayloadSchema : BlockActionsPayloadSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new SlackPayloadError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

function payloadJson(rawBody: string): unknown {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null) throw new SlackPayloadError('form body has no payload field');
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new SlackPayloadError('payload is not JSON', { cause: error });
  }
}

/** Reads a `block_actions` form body; throws `SlackPayloadError` naming the field that is wrong. */
export function parseBlockActions(rawBody: string): BlockActionsPayload {
  const parsed = BlockActionsPayloadSchema.safeParse(payloadJson(rawBody));
  if (!parsed.success)
    throw new SlackPayloadError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
