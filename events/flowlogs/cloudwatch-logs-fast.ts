import { gunzipLimited, parseCloudWatchLogsFlows, toCloudWatchLogsPayload } from './cloudwatch-logs.js';
import { FlowEnvelopeError } from './errors.js';
import { type FlowParseStats, type FlowTextOptions, FlowTextParser, type OnFlowRecord } from './text-parser.js';

const EVENTS_KEY = Buffer.from('"logEvents":[');
const MESSAGE_KEY = [109, 101, 115, 115, 97, 103, 101] as const; // 'message'
const QUOTE = 34;
const BACKSLASH = 92;

/** Whether the 7 bytes at `at` spell "message". */
function isMessageKey(b: Buffer, at: number): boolean {
  for (let k = 0; k < 7; k++) if (b[at + k] !== MESSAGE_KEY[k]) return false;
  return true;
}

function skipWs(b: Buffer, i: number): number {
  let c = b[i];
  while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i];
  return i;
}

/** End of a JSON string starting after its opening quote, or -1 if it holds an escape (slow path). */
function stringEnd(b: Buffer, i: number): number {
  const n = b.length;
  for (; i < n; i++) {
    const c = b[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

/**
 * Offsets of every `message` value in `[{"id":…,"timestamp":…,"message":"…"},…]` starting at `i`, or
 * undefined when the events are not in that plain shape (escapes, nesting): the caller then parses JSON.
 */
function messageOffsets(b: Buffer, i: number): Int32Array | undefined {
  let offsets = new Int32Array(2048);
  let n = 0;
  i = skipWs(b, i);
  if (b[i] === 93) return offsets.subarray(0, 0);
  for (;;) {
    if (b[skipWs(b, i)] !== 123) return undefined;
    i = skipWs(b, skipWs(b, i) + 1);
    let msgStart = -1;
    let msgEnd = -1;
    for (;;) {
      if (b[i] !== QUOTE) return undefined;
      const keyEnd = stringEnd(b, i + 1);
      if (keyEnd < 0) return undefined;
      const isMessage = keyEnd - i - 1 === 7 && isMessageKey(b, i + 1);
      i = skipWs(b, keyEnd + 1);
      if (b[i] !== 58) return undefined;
      i = skipWs(b, i + 1);
      if (b[i] === QUOTE) {
        const end = stringEnd(b, i + 1);
        if (end < 0) return undefined;
        if (isMessage) {
          msgStart = i + 1;
          msgEnd = end;
        }
        i = end + 1;
      } else {
        if (isMessage) return undefined;
        while (
          i < b.length &&
          ((b[i]! >= 48 && b[i]! <= 57) || b[i] === 45 || b[i] === 46 || b[i] === 101 || b[i] === 69 || b[i] === 43)
        )
          i++;
      }
      i = skipWs(b, i);
      if (b[i] === 44) {
        i = skipWs(b, i + 1);
        continue;
      }
      if (b[i] === 125) break;
      return undefined;
    }
    if (msgStart < 0) return undefined;
    if (n + 2 > offsets.length) {
      const bigger = new Int32Array(offsets.length * 2);
      bigger.set(offsets);
      offsets = bigger;
    }
    offsets[n++] = msgStart;
    offsets[n++] = msgEnd;
    i = skipWs(b, i + 1);
    if (b[i] === 44) {
      i++;
      continue;
    }
    if (b[i] === 93) return offsets.subarray(0, n);
    return undefined;
  }
}

/**
 * Decodes `awslogs.data` and parses its flow records in place: the envelope is checked with its zod
 * schema, the events are scanned without building an object or string per event (JSON.parse of the
 * events alone costs as much as the gunzip). Payloads with escapes fall back to JSON.parse.
 * @example const stats = parseCloudWatchLogsData(event.awslogs.data, {}, (s) => agg.add(s));
 */
export function parseCloudWatchLogsData(
  data: string,
  options: FlowTextOptions,
  onRecord: OnFlowRecord,
  ref = 'awslogs.data',
): FlowParseStats {
  const raw = gunzipLimited(Buffer.from(data, 'base64'), ref);
  const at = raw.indexOf(EVENTS_KEY);
  const offsets = at < 0 ? undefined : messageOffsets(raw, at + EVENTS_KEY.length);
  if (offsets === undefined) return parseCloudWatchLogsFlows(parseJson(raw, ref), options, onRecord);
  let payload: ReturnType<typeof parseJson>;
  try {
    payload = parseJson(Buffer.from(`${raw.toString('utf8', 0, at)}"logEvents":[]}`), ref);
  } catch {
    return parseCloudWatchLogsFlows(parseJson(raw, ref), options, onRecord); // another key order
  }
  const parser = new FlowTextParser({ ...options, header: 'none', unit: 'record' }, onRecord);
  if (payload.messageType === 'CONTROL_MESSAGE') {
    parser.stats.control++;
    return parser.stats;
  }
  for (let k = 0; k < offsets.length; k += 2) parser.line(raw, offsets[k]!, offsets[k + 1]!, k >> 1);
  return parser.stats;
}

function parseJson(raw: Buffer, ref: string) {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new FlowEnvelopeError(ref, 'decoded payload is not JSON', { cause });
  }
  return toCloudWatchLogsPayload(json, ref);
}
