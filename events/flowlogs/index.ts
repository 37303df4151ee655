/** Public list of the VPC flow log contract: fields, formats, scanner, envelopes and their errors. */
export {
  type CloudWatchLogsEvent,
  CloudWatchLogsEventSchema,
  type CloudWatchLogsPayload,
  CloudWatchLogsPayloadSchema,
  decodeCloudWatchLogsData,
  gunzipLimited,
  MAX_CWL_PAYLOAD_BYTES,
  parseCloudWatchLogsFlows,
  toCloudWatchLogsPayload,
  ZLIB_CHUNK_BYTES,
} from './cloudwatch-logs.js';
export { parseCloudWatchLogsData } from './cloudwatch-logs-fast.js';
export { FlowEnvelopeError, FlowFormatError, MalformedFlowRecordError, MalformedReason } from './errors.js';
export { Action, F, FIELD_ID, FieldKind, FLOW_FIELDS, type FlowFieldDef, LogStatus } from './fields.js';
export {
  type FirehoseEvent,
  FirehoseEventSchema,
  type FirehoseRecord,
  FirehoseRecordSchema,
  parseFirehoseFlows,
} from './firehose.js';
export { DEFAULT_FLOW_FORMAT, type FlowFormat, isFlowHeader, parseFlowFormat } from './format.js';
export { FlowInputKind, MAX_JSON_INPUT_BYTES, parseFlowInput } from './input.js';
export { Interner } from './interner.js';
export { type FlowRecord, FlowRecordSchema, parseFlowLine, toFlowRecord } from './record.js';
export { isGzip, parseFlowLogStream } from './s3-object.js';
export { FlowScanner, MAX_LINE_BYTES } from './scanner.js';
export {
  addFlowStats,
  emptyFlowStats,
  type FlowParseStats,
  type FlowTextOptions,
  FlowTextParser,
  MAX_MALFORMED_KEPT,
  type MalformedLine,
  type OnFlowRecord,
  parseFlowText,
} from './text-parser.js';
