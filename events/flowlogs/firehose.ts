import { z } from 'zod';
import { gunzipLimited, parseCloudWatchLogsFlows, toCloudWatchLogsPayload } from './cloudwatch-logs.js';
import { FlowEnvelopeError, MalformedReason } from './errors.js';
import { isGzip } from './s3-object.js';
import { MAX_LINE_BYTES } from './scanner.js';
import { type FlowParseStats, type FlowTextOptions, FlowTextParser, type OnFlowRecord } from './text-parser.js';

/**
 * One Firehose record (transformation Lambda input): `data` is base64 of either flow lines (plain or
 * `{"message":"<line>"}` JSON lines, when flow logs go to Firehose directly) or a gzip CloudWatch Logs payload.
 * @example {"recordId":"1","data":"eyJtZXNzYWdlIjoiMiAwNTg2OTQ4NTY0NzYgZW5pLTAzYzBm…In0K"}
 * @see https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 */
export const FirehoseRecordSchema = z.object({
  recordId: z.string().optional(),
  data: z.string(),
  approximateArrivalTimestamp: z.number().optional(),
});
export type FirehoseRecord = z.infer<typeof FirehoseRecordSchema>;

/** The Firehose transformation event: `{ records: [...] }`. */
export const FirehoseEventSchema = z.object({ records: z.array(FirehoseRecordSchema) });
export type FirehoseEvent = z.infer<typeof FirehoseEventSchema>;

const MessageLineSchema = z.object({ message: z.string() });

/**
 * Parses Firehose records; a malformed line is counted by record index and line within the record, a
 * record that cannot be decoded at all by its index, and the other records go on.
 * @example parseFirehoseFlows(event.records, {}, (s) => agg.add(s))
 */
export function parseFirehoseFlows(
  records: readonly FirehoseRecord[],
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
): FlowParseStats {
  const parser = new FlowTextParser({ ...options, header: 'none', unit: 'record' }, onRecord);
  const scratch = Buffer.allocUnsafe(MAX_LINE_BYTES * 3 + 4);
  for (const [index, record] of records.entries()) {
    let bytes: Buffer = Buffer.from(record.data, 'base64');
    if (isGzip(bytes)) {
      try {
        bytes = gunzipLimited(bytes, `record ${index}`);
      } catch (error) {
        if (!(error instanceof FlowEnvelopeError)) throw error;
        parser.malformed(index, MalformedReason.BAD_JSON);
        continue;
      }
    }
    if (bytes[0] === 123 && bytes.includes('"messageType"')) {
      try {
        const payload = toCloudWatchLogsPayload(JSON.parse(bytes.toString('utf8')), `record ${index}`);
        parseCloudWatchLogsFlows(payload, options, onRecord, parser);
      } catch {
        parser.malformed(index, MalformedReason.BAD_JSON);
      }
      continue;
    }
    let from = 0;
    let inner = 0;
    while (from < bytes.length) {
      let nl = bytes.indexOf(10, from);
      if (nl < 0) nl = bytes.length;
      inner++;
      if (bytes[from] === 123) {
        const message = messageOf(bytes.toString('utf8', from, nl));
        if (message === undefined) parser.malformed(index, MalformedReason.BAD_JSON, undefined, inner);
        else if (message.length > MAX_LINE_BYTES)
          parser.malformed(index, MalformedReason.LINE_TOO_LONG, undefined, inner);
        else parser.line(scratch, 0, scratch.write(message, 0, 'utf8'), index, inner);
      } else {
        parser.line(bytes, from, nl, index, inner);
      }
      from = nl + 1;
    }
  }
  return parser.stats;
}

function messageOf(json: string): string | undefined {
  try {
    const parsed = MessageLineSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data.message : undefined;
  } catch {
    return undefined;
  }
}
