import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { FlowEnvelopeError, MalformedReason } from './errors.js';
import { MAX_LINE_BYTES } from './scanner.js';
import { type FlowParseStats, type FlowTextOptions, FlowTextParser, type OnFlowRecord } from './text-parser.js';

/** Largest decoded CloudWatch Logs payload we inflate (AWS sends at most 1 MB compressed). */
export const MAX_CWL_PAYLOAD_BYTES = 64 * 1024 * 1024;
/** zlib output chunk: 64 KiB inflates about twice as fast as the 16 KiB default (255 vs 133 MB/s here). */
export const ZLIB_CHUNK_BYTES = 64 * 1024;

/**
 * The CloudWatch Logs subscription event as Lambda receives it.
 * @example {"awslogs":{"data":"H4sIAAAAAAAAAHWPwQqCQBCGX0Xm7EFtK+smZBEUgXoLCdMhFtKV3akI8d0bLYmibvPPN3wz00CJxmQnTO41whwWQRIctmEcB6sQbFC3CjW3XW8kxpOpP+OC22d1Wml1qZkQGtoMsScxaczKN3plG8zlaHIta5KqWsozoTYw3/djzwhpLwivWFGHGpAFe7DL68JlBUk+l7KSN7tCOEJ4M3/qOI49vMHj+zCKdlFqLaU2ZHV2a4Ct/an0/ivdX8oYc1UVX860fQDQiMdxRQEAAA=="}}
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html
 */
export const CloudWatchLogsEventSchema = z.object({ awslogs: z.object({ data: z.string().min(1) }) });
export type CloudWatchLogsEvent = z.infer<typeof CloudWatchLogsEventSchema>;

/**
 * The decoded payload: a DATA_MESSAGE with log events, or a CONTROL_MESSAGE health check (skipped).
 * @example {"messageType":"DATA_MESSAGE","owner":"347283850106","logGroup":"vpc-flow-logs",
 * "logStream":"eni-072624ee798344757-all","subscriptionFilters":["f"],"logEvents":[{"id":"36…","timestamp":1679389502000,
 * "message":"2 347283850106 eni-072624ee798344757 - - - - - - - 1679389502 1679389568 - NODATA"}]}
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export const CloudWatchLogsPayloadSchema = z.object({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  owner: z.string(),
  logGroup: z.string(),
  logStream: z.string(),
  subscriptionFilters: z.array(z.string()),
  logEvents: z.array(z.object({ id: z.string(), timestamp: z.number(), message: z.string() })),
});
export type CloudWatchLogsPayload = z.infer<typeof CloudWatchLogsPayloadSchema>;

/** Inflates gzip bytes with our chunk size and a size limit (a small payload must not inflate to gigabytes). */
export function gunzipLimited(bytes: Buffer, ref: string, maxBytes = MAX_CWL_PAYLOAD_BYTES): Buffer {
  try {
    return gunzipSync(bytes, { chunkSize: ZLIB_CHUNK_BYTES, maxOutputLength: maxBytes });
  } catch (cause) {
    const limit = (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    const what = limit ? `inflates beyond ${maxBytes} bytes` : 'is not valid gzip';
    throw new FlowEnvelopeError(ref, `payload ${what}`, { cause, limit });
  }
}

/** Validates a decoded payload object; the error lists the failing paths, not the values. */
export function toCloudWatchLogsPayload(json: unknown, ref: string): CloudWatchLogsPayload {
  const parsed = CloudWatchLogsPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'} ${i.code}`);
    throw new FlowEnvelopeError(ref, `not a CloudWatch Logs payload: ${paths.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Decodes `awslogs.data` (base64 of gzip of JSON) into a validated payload.
 * @example decodeCloudWatchLogsData(event.awslogs.data).logEvents.length
 */
export function decodeCloudWatchLogsData(data: string, ref = 'awslogs.data'): CloudWatchLogsPayload {
  const raw = gunzipLimited(Buffer.from(data, 'base64'), ref);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new FlowEnvelopeError(ref, 'decoded payload is not JSON', { cause });
  }
  return toCloudWatchLogsPayload(json, ref);
}

/**
 * Parses the flow records of a decoded payload; a malformed message is counted by its event index.
 * CONTROL_MESSAGE payloads count in `stats.control` and yield nothing. Messages carry no header, so
 * pass the flow log's `format` when it is not the default.
 */
export function parseCloudWatchLogsFlows(
  payload: CloudWatchLogsPayload,
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
  parser = new FlowTextParser({ ...options, header: 'none', unit: 'record' }, onRecord),
): FlowParseStats {
  if (payload.messageType === 'CONTROL_MESSAGE') {
    parser.stats.control++;
    return parser.stats;
  }
  const scratch = Buffer.allocUnsafe(MAX_LINE_BYTES * 3 + 4);
  for (const [index, event] of payload.logEvents.entries()) {
    const msg = event.message;
    if (msg.length > MAX_LINE_BYTES) {
      parser.malformed(index, MalformedReason.LINE_TOO_LONG);
      continue;
    }
    const n = scratch.write(msg, 0, 'utf8');
    parser.line(scratch, 0, n, index);
  }
  return parser.stats;
}
