import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CloudWatchLogsEventSchema,
  decodeCloudWatchLogsData,
  FirehoseRecordSchema,
  type FlowRecord,
  parseCloudWatchLogsFlows,
  parseFirehoseFlows,
  parseFlowInput,
  parseFlowLogStream,
  parseFlowText,
  toFlowRecord,
} from '../../../events/flowlogs/index.js';
import { fixturesDir, loadJson } from '../../support/fixtures.js';

const dir = join(fixturesDir, 'flowlogs');
const s3Object = join(
  dir,
  's3/AWSLogs/347283850106/vpcflowlogs/us-east-1/2023/03/21/347283850106_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20230321T0905Z_3f2a1b9c.log.gz',
);

function textRecords(name: string): { records: FlowRecord[]; stats: ReturnType<typeof parseFlowText> } {
  const records: FlowRecord[] = [];
  const stats = parseFlowText(readFileSync(join(dir, name)), {}, (s) => records.push(toFlowRecord(s)));
  return { records, stats };
}

describe('flow log fixtures', () => {
  it('reads the documented v2 examples: absent fields omitted, NODATA and SKIPDATA counted, IPv6 kept', () => {
    const { records, stats } = textRecords('awsdocs-v2-default-examples.log');
    expect(stats).toMatchObject({ records: 7, nodata: 1, skipdata: 1, malformed: 0, header: true });
    expect(records[0]).toEqual({
      version: 2,
      accountId: '123456789010',
      interfaceId: 'eni-1235b8ca123456789',
      srcAddr: '172.31.16.139',
      dstAddr: '172.31.16.21',
      srcPort: 20641,
      dstPort: 22,
      protocol: 6,
      packets: 20,
      bytes: 4249,
      start: 1418530010,
      end: 1418530070,
      action: 'ACCEPT',
      logStatus: 'OK',
    });
    expect(records[1]).toMatchObject({ action: 'REJECT', dstPort: 3389 });
    expect(records[2]).toEqual({
      version: 2,
      accountId: '123456789010',
      interfaceId: 'eni-1235b8ca123456789',
      start: 1431280876,
      end: 1431280934,
      logStatus: 'NODATA',
    });
    expect(records[3]).toMatchObject({ interfaceId: 'eni-11111111aaaaaaaaa', logStatus: 'SKIPDATA' });
    expect(records[4]).toMatchObject({ protocol: 1, srcPort: 0, dstPort: 0, bytes: 336 });
    expect(records[6]).toMatchObject({
      srcAddr: '2001:db8:1234:a100:8d6e:3477:df66:f105',
      dstAddr: '2001:db8:1234:a102:3304:8879:34cf:4071',
      bytes: 8855,
    });
  });

  it('reads tcp-flags in a custom v3 order', () => {
    const { records, stats } = textRecords('awsdocs-v3-tcp-flags-custom.log');
    expect(stats.records).toBe(8);
    expect(records.map((r) => r.tcpFlags)).toEqual([2, 18, 2, 18, 1, 1, 3, 19]);
    expect(records[5]).toMatchObject({ bytes: 23294588, packets: 15774, vpcId: 'vpc-abcdefab012345678', type: 'IPv4' });
  });

  it('keeps the real peer of transit gateway records in pkt-srcaddr and omits a "-" instance id', () => {
    const { records } = textRecords('awsdocs-v3-transit-gateway-custom.log');
    expect(records[2]).toMatchObject({
      srcAddr: '10.40.1.175',
      pktSrcAddr: '10.20.33.164',
      interfaceId: 'eni-11111111111111111',
    });
    expect(records[2]).not.toHaveProperty('instanceId');
    expect(records[0]).toMatchObject({ instanceId: 'i-01234567890123456' });
  });

  it('keeps the real peer of NAT gateway records in pkt-dstaddr', () => {
    const { records } = textRecords('awsdocs-nat-gateway-custom.log');
    expect(records).toHaveLength(6);
    expect(records[0]).toEqual({
      interfaceId: 'eni-1235b8ca123456789',
      srcAddr: '10.0.1.5',
      dstAddr: '10.0.0.220',
      pktSrcAddr: '10.0.1.5',
      pktDstAddr: '203.0.113.5',
    });
  });

  it('reads v5 traffic path, AWS service and flow direction', () => {
    const { records } = textRecords('awsdocs-v5-traffic-path-custom.log');
    expect(records[0]).toMatchObject({
      flowDirection: 'ingress',
      pktSrcAwsService: 'S3',
      region: 'ap-southeast-2',
      azId: 'apse2-az3',
    });
    expect(records[0]).not.toHaveProperty('trafficPath');
    expect(records[1]).toMatchObject({ flowDirection: 'egress', pktDstAwsService: 'S3', trafficPath: 8, bytes: 471 });
  });

  it('reads the real OpenSearch capture without a header: 775 records, 404 NODATA', () => {
    const { records, stats } = textRecords('opensearch-catalog-v2-default.log');
    expect(stats).toMatchObject({ records: 775, nodata: 404, skipdata: 0, malformed: 0, header: false });
    expect(new Set(records.map((r) => r.interfaceId)).size).toBe(6);
    expect(records.filter((r) => r.action === 'ACCEPT')).toHaveLength(371);
  });

  it('decodes the constructed CloudWatch Logs subscription into its 25 records', () => {
    const event = CloudWatchLogsEventSchema.parse(loadJson('flowlogs/cwl-subscription-vpcflow-constructed.json'));
    const payload = decodeCloudWatchLogsData(event.awslogs.data);
    expect(payload).toEqual(loadJson('flowlogs/cwl-subscription-vpcflow-constructed.decoded.json'));
    const records: FlowRecord[] = [];
    const stats = parseCloudWatchLogsFlows(payload, {}, (s) => records.push(toFlowRecord(s)));
    expect(stats).toMatchObject({ records: 25, malformed: 0 });
    expect(records.every((r) => r.interfaceId === 'eni-072624ee798344757')).toBe(true);
  });

  it('skips a CONTROL_MESSAGE and counts the AWS sample event lines as malformed by index', () => {
    const control = decodeCloudWatchLogsData(
      loadJson<{ awslogs: { data: string } }>('flowlogs/cwl-control-message.json').awslogs.data,
    );
    expect(parseCloudWatchLogsFlows(control, {}, () => {})).toMatchObject({ records: 0, control: 1 });
    const sample = decodeCloudWatchLogsData(
      loadJson<{ awslogs: { data: string } }>('flowlogs/cwl-subscription-aws-sample-event.json').awslogs.data,
    );
    const stats = parseCloudWatchLogsFlows(sample, {}, () => {});
    expect(stats.malformedLines).toEqual([
      { unit: 'record', position: 0, reason: 'NOT_A_NUMBER', field: 'version' },
      { unit: 'record', position: 1, reason: 'NOT_A_NUMBER', field: 'version' },
    ]);
    expect(JSON.stringify(stats)).not.toContain('ERROR');
  });

  it('reads a Firehose record of {"message"} JSON lines', () => {
    const record = FirehoseRecordSchema.parse(loadJson('flowlogs/firehose-direct-record.json'));
    const records: FlowRecord[] = [];
    parseFirehoseFlows([record], {}, (s) => records.push(toFlowRecord(s)));
    expect(records).toEqual([
      {
        version: 2,
        accountId: '058694856476',
        interfaceId: 'eni-03c0f5ba79a66ef17',
        srcAddr: '10.3.166.71',
        dstAddr: '10.3.141.209',
        srcPort: 443,
        dstPort: 38634,
        protocol: 6,
        packets: 103,
        bytes: 42926,
        start: 1680838556,
        end: 1680838578,
        action: 'ACCEPT',
        logStatus: 'OK',
      },
    ]);
  });

  it('streams the S3 object (gzip, header line) into 200 records', async () => {
    const records: FlowRecord[] = [];
    const stats = await parseFlowLogStream(createReadStream(s3Object, { highWaterMark: 97 }), {}, (s) =>
      records.push(toFlowRecord(s)),
    );
    expect(stats).toMatchObject({ records: 200, malformed: 0, header: true });
    expect(records[0]).toMatchObject({ accountId: '347283850106', logStatus: 'NODATA' });
  });

  it.each([
    ['cwl-subscription-vpcflow-constructed.json', 'cloudwatch-logs-event', 25],
    ['cwl-subscription-vpcflow-constructed.decoded.json', 'cloudwatch-logs-payload', 25],
    ['cwl-control-message.json', 'cloudwatch-logs-event', 0],
    ['firehose-direct-record.json', 'firehose-record', 1],
    ['awsdocs-v2-default-examples.log', 'text', 7],
  ])('detects %s by content as %s', async (name, kind, count) => {
    const result = await parseFlowInput(createReadStream(join(dir, name)), {}, () => {});
    expect(result.kind).toBe(kind);
    expect(result.stats.records).toBe(count);
  });
});
