import { z } from 'zod';
import { parseWith } from './parse.js';

/**
 * An SNS notification as Lambda receives it; some estates fan GuardDuty findings out through a topic, so
 * each record's `Message` is the EventBridge event as JSON.
 * @example {"Records":[{"EventSource":"aws:sns","Sns":{"MessageId":"95df01b4-…","Message":"{\"source\":\"aws.guardduty\",…}"}}]}
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
export const SnsEventSchema = z.object({
  Records: z
    .array(
      z.looseObject({
        EventSource: z.literal('aws:sns'),
        Sns: z.looseObject({ MessageId: z.string(), Message: z.string() }),
      }),
    )
    .min(1),
});

/** True when a value looks like an SNS notification delivered to Lambda. */
export function isSnsEvent(value: unknown): boolean {
  const records = (value as { Records?: Array<{ EventSource?: unknown }> } | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records[0]?.EventSource === 'aws:sns';
}

/**
 * The messages of an SNS notification, each parsed from JSON; a message that is not JSON becomes a value
 * that fails the caller's contract with its message id as the reference. Throws for a malformed envelope.
 */
export function snsMessages(value: unknown): Array<{ ref: string; value: unknown }> {
  const parsed = parseWith(SnsEventSchema, value, 'SNS notification');
  if (!parsed.ok) throw parsed.error;
  return parsed.value.Records.map((record) => {
    const ref = `sns message ${record.Sns.MessageId}`;
    try {
      return { ref, value: JSON.parse(record.Sns.Message) as unknown };
    } catch {
      return { ref, value: { unparseable: 'SNS message is not JSON' } };
    }
  });
}
