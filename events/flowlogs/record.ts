import { z } from 'zod';
import { MalformedFlowRecordError } from './errors.js';
import { FieldKind, FLOW_FIELDS, LogStatus } from './fields.js';
import { DEFAULT_FLOW_FORMAT, type FlowFormat } from './format.js';
import { FlowScanner } from './scanner.js';

const int = z.number().int().nonnegative().optional();
const text = z.string().min(1).optional();

/**
 * One normalized flow log record: camelCase of the AWS field names, absent (`-`) fields omitted.
 * @example {"version":2,"accountId":"123456789010","interfaceId":"eni-1235b8ca123456789","srcAddr":"172.31.16.139",
 * "dstAddr":"172.31.16.21","srcPort":20641,"dstPort":22,"protocol":6,"packets":20,"bytes":4249,
 * "start":1418530010,"end":1418530070,"action":"ACCEPT","logStatus":"OK"}
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 */
export const FlowRecordSchema = z.strictObject({
  version: int,
  accountId: text,
  interfaceId: text,
  srcAddr: text,
  dstAddr: text,
  srcPort: int,
  dstPort: int,
  protocol: int,
  packets: int,
  bytes: int,
  start: int,
  end: int,
  action: z.enum(['ACCEPT', 'REJECT']).optional(),
  logStatus: z.enum(['OK', 'NODATA', 'SKIPDATA']).optional(),
  vpcId: text,
  subnetId: text,
  instanceId: text,
  tcpFlags: int,
  type: text,
  pktSrcAddr: text,
  pktDstAddr: text,
  region: text,
  azId: text,
  sublocationType: text,
  sublocationId: text,
  pktSrcAwsService: text,
  pktDstAwsService: text,
  flowDirection: text,
  trafficPath: int,
  ecsClusterArn: text,
  ecsClusterName: text,
  ecsContainerInstanceArn: text,
  ecsContainerInstanceId: text,
  ecsContainerId: text,
  ecsSecondContainerId: text,
  ecsServiceName: text,
  ecsTaskDefinitionArn: text,
  ecsTaskArn: text,
  ecsTaskId: text,
  rejectReason: text,
});
export type FlowRecord = z.infer<typeof FlowRecordSchema>;

const STATUS_NAMES = ['', 'OK', 'NODATA', 'SKIPDATA'] as const;

/** Copies the scanner's current line into a plain record, in format order, absent fields omitted. */
export function toFlowRecord(scanner: FlowScanner): FlowRecord {
  const out: Record<string, string | number> = {};
  for (const id of scanner.format.fieldIds) {
    const def = FLOW_FIELDS[id]!;
    let v: string | number | undefined;
    if (def.kind === FieldKind.INT) v = scanner.int(id);
    else if (def.kind === FieldKind.ADDR) v = scanner.addr(id);
    else if (def.kind === FieldKind.TEXT) v = scanner.text(id);
    else if (def.kind === FieldKind.ACTION)
      v = scanner.action === 1 ? 'ACCEPT' : scanner.action === 2 ? 'REJECT' : undefined;
    else v = scanner.logStatus === LogStatus.ABSENT ? undefined : STATUS_NAMES[scanner.logStatus];
    if (v !== undefined) out[def.key] = v;
  }
  return out as FlowRecord;
}

/**
 * Parses one flow log line; throws `MalformedFlowRecordError` (position and reason, never content).
 * Convenient for tests and tools; batch paths use `FlowScanner` through `parseFlowText`.
 * @example parseFlowLine('2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA')
 */
export function parseFlowLine(line: string, format: FlowFormat = DEFAULT_FLOW_FORMAT, position = 1): FlowRecord {
  const scanner = new FlowScanner(format);
  const buf = Buffer.from(line, 'latin1');
  const reason = scanner.scan(buf, 0, buf.length);
  if (reason !== undefined) throw new MalformedFlowRecordError(position, reason, scanner.failedField);
  return toFlowRecord(scanner);
}
