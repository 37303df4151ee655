/**
 * Every published VPC flow log field of versions 2–8, in AWS order, with its camelCase name and how it
 * is parsed. This table is data: the scanner, the CLI and the record type all read it.
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html#flow-logs-fields
 */
export const FieldKind = { INT: 'int', ADDR: 'addr', TEXT: 'text', ACTION: 'action', STATUS: 'status' } as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

/** One field: AWS name, camelCase key, parse kind and the format version that introduced it. */
export interface FlowFieldDef {
  readonly name: string;
  readonly key: string;
  readonly kind: FieldKind;
  readonly since: number;
}

const f = (name: string, kind: FieldKind, since: number): FlowFieldDef => ({
  name,
  key: name
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    .replace(/([sS]rc|[dD]st)(addr|port)$/, (_, a: string, b: string) => a + b[0]!.toUpperCase() + b.slice(1)),
  kind,
  since,
});

/** The field table; a field's id is its index here. */
export const FLOW_FIELDS: readonly FlowFieldDef[] = [
  f('version', 'int', 2),
  f('account-id', 'text', 2),
  f('interface-id', 'text', 2),
  f('srcaddr', 'addr', 2),
  f('dstaddr', 'addr', 2),
  f('srcport', 'int', 2),
  f('dstport', 'int', 2),
  f('protocol', 'int', 2),
  f('packets', 'int', 2),
  f('bytes', 'int', 2),
  f('start', 'int', 2),
  f('end', 'int', 2),
  f('action', 'action', 2),
  f('log-status', 'status', 2),
  f('vpc-id', 'text', 3),
  f('subnet-id', 'text', 3),
  f('instance-id', 'text', 3),
  f('tcp-flags', 'int', 3),
  f('type', 'text', 3),
  f('pkt-srcaddr', 'addr', 3),
  f('pkt-dstaddr', 'addr', 3),
  f('region', 'text', 4),
  f('az-id', 'text', 4),
  f('sublocation-type', 'text', 4),
  f('sublocation-id', 'text', 4),
  f('pkt-src-aws-service', 'text', 5),
  f('pkt-dst-aws-service', 'text', 5),
  f('flow-direction', 'text', 5),
  f('traffic-path', 'int', 5),
  f('ecs-cluster-arn', 'text', 7),
  f('ecs-cluster-name', 'text', 7),
  f('ecs-container-instance-arn', 'text', 7),
  f('ecs-container-instance-id', 'text', 7),
  f('ecs-container-id', 'text', 7),
  f('ecs-second-container-id', 'text', 7),
  f('ecs-service-name', 'text', 7),
  f('ecs-task-definition-arn', 'text', 7),
  f('ecs-task-arn', 'text', 7),
  f('ecs-task-id', 'text', 7),
  f('reject-reason', 'text', 8),
];

/** Field ids by AWS name. */
export const FIELD_ID: ReadonlyMap<string, number> = new Map(FLOW_FIELDS.map((d, i) => [d.name, i]));

/** Ids of the fields the aggregator reads, resolved once. */
export const F = {
  VERSION: 0,
  ACCOUNT_ID: 1,
  INTERFACE_ID: 2,
  SRCADDR: 3,
  DSTADDR: 4,
  SRCPORT: 5,
  DSTPORT: 6,
  PROTOCOL: 7,
  PACKETS: 8,
  BYTES: 9,
  START: 10,
  END: 11,
  ACTION: 12,
  LOG_STATUS: 13,
  INSTANCE_ID: 16,
  PKT_SRCADDR: 19,
  PKT_DSTADDR: 20,
  PKT_DST_AWS_SERVICE: 26,
  FLOW_DIRECTION: 27,
  TRAFFIC_PATH: 28,
} as const;

/** `action` values as coded by the scanner (0 = absent). */
export const Action = { ABSENT: 0, ACCEPT: 1, REJECT: 2 } as const;
/** `log-status` values as coded by the scanner (0 = absent). */
export const LogStatus = { ABSENT: 0, OK: 1, NODATA: 2, SKIPDATA: 3 } as const;
