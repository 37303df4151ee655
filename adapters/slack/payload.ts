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

/** Reads the `payload=` form body; throws `SlackPayloadError` naming the field that is wrong. */
export function parseBlockActions(rawBody: string): BlockActionsPayload {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null) throw new SlackPayloadError('form body has no payload field');
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (error) {
    throw new SlackPayloadError('payload is not JSON', { cause: error });
  }
  const parsed = BlockActionsPayloadSchema.safeParse(json);
  if (!parsed.success)
    throw new SlackPayloadError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
