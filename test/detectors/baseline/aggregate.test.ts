import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowAggregator, isPrivateV4, networkOf } from '../../../detectors/baseline/index.js';
import { type FlowRecord, parseFlowFormat, parseFlowLine, parseFlowText } from '../../../events/flowlogs/index.js';

const FORMAT =
  'version interface-id instance-id srcaddr dstaddr pkt-dstaddr srcport dstport packets bytes start action log-status flow-direction pkt-dst-aws-service';

const v4 = fc.oneof(
  fc.constantFrom('10.0.1.5', '10.0.2.9', '172.16.0.4', '192.168.1.1'),
  fc.constantFrom('203.0.113.7', '198.51.100.23', '52.95.128.179', '8.8.8.8'),
);
const recordLine = fc
  .record({
    eni: fc.constantFrom('eni-0aaa', 'eni-0bbb', 'eni-0ccc'),
    instance: fc.constantFrom('-', 'i-0123'),
    src: v4,
    dst: v4,
    pktDst: fc.oneof(fc.constant('-'), v4),
    sport: fc.constantFrom('443', '22', '50000', '-'),
    dport: fc.constantFrom('443', '5432', '40000', '-'),
    packets: fc.nat(1000).map(String),
    bytes: fc.oneof(fc.nat(10_000_000).map(String), fc.constant('-')),
    start: fc.integer({ min: 1_773_100_000, max: 1_773_110_000 }).map(String),
    action: fc.constantFrom('ACCEPT', 'REJECT'),
    status: fc.constantFrom('OK', 'OK', 'OK', 'NODATA'),
    dir: fc.constantFrom('-', 'egress', 'ingress'),
    svc: fc.constantFrom('-', '-', 'S3'),
  })
  .map((r) =>
    [
      2,
      r.eni,
      r.instance,
      r.src,
      r.dst,
      r.pktDst,
      r.sport,
      r.dport,
      r.packets,
      r.bytes,
      r.start,
      r.action,
      r.status,
      r.dir,
      r.svc,
    ].join(' '),
  );

const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** The obvious implementation over record objects, to compare the byte-level fold with. */
function naive(records: FlowRecord[], bucketSeconds: number) {
  const out = new Map<
    string,
    { bytes: number; packets: number; flows: number; rejected: number; dests: Set<string> }
  >();
  for (const r of records) {
    if (r.logStatus === 'NODATA' || r.logStatus === 'SKIPDATA') continue;
    const peer = r.pktDstAddr ?? r.dstAddr!;
    const egress = r.flowDirection
      ? r.flowDirection === 'egress'
      : isPrivateV4(toInt(r.srcAddr!)) && (r.pktDstAwsService !== undefined || !isPrivateV4(toInt(peer)));
    if (!egress) continue;
    const id = r.instanceId ?? r.interfaceId!;
    const bucket = r.start! - (r.start! % bucketSeconds);
    const key = `${id}@${bucket}`;
    const agg = out.get(key) ?? { bytes: 0, packets: 0, flows: 0, rejected: 0, dests: new Set<string>() };
    out.set(key, agg);
    const response = (r.srcPort ?? 99999) < 1024 && (r.dstPort ?? -1) >= 1024;
    const port = response || r.dstPort === undefined ? 0 : r.dstPort;
    agg.dests.add(r.pktDstAwsService ? `aws:${r.pktDstAwsService}|${port}` : `${peer}|${port}`);
    if (r.action === 'REJECT') agg.rejected++;
    else {
      agg.bytes += r.bytes ?? 0;
      agg.packets += r.packets ?? 0;
      agg.flows++;
    }
  }
  return out;
}

describe('FlowAggregator', () => {
  it('equals a naive fold over record objects (property)', () => {
    const format = parseFlowFormat(FORMAT);
    fc.assert(
      fc.property(fc.array(recordLine, { maxLength: 200 }), (lines) => {
        const agg = new FlowAggregator(600);
        parseFlowText(Buffer.from(`${FORMAT}\n${lines.join('\n')}`), {}, (s) => agg.add(s));
        const expected = naive(
          lines.map((l) => parseFlowLine(l, format)),
          600,
        );
        const got = new Map<string, unknown>();
        for (const e of agg.entities.values()) {
          for (const b of e.buckets.values()) {
            got.set(`${e.id}@${b.bucketStart}`, {
              bytes: b.egressBytes,
              packets: b.egressPackets,
              flows: b.egressFlows,
              rejected: b.rejected,
              dests: new Set([...b.dests.values()].map((d) => `${d.peer}|${d.port}`)),
            });
          }
        }
        expect(got).toEqual(expected);
        expect(agg.stats.records).toBe(lines.length);
      }),
      { numRuns: 300 },
    );
  });

  it('writes grow with distinct keys, not records: 10,000 records to one peer fold into one destination', () => {
    const line = '2 123456789012 eni-0aaa 10.0.0.5 203.0.113.7 50000 443 6 10 1000 1773100000 1773100060 ACCEPT OK';
    const agg = new FlowAggregator(600);
    parseFlowText(Buffer.from(Array.from({ length: 10_000 }, () => line).join('\n')), {}, (s) => agg.add(s));
    const bucket = [...agg.entities.get('eni-0aaa')!.buckets.values()];
    expect(bucket).toHaveLength(1);
    expect(bucket[0]!.dests.size).toBe(1);
    expect(bucket[0]!.egressBytes).toBe(10_000_000);
  });

  it('attributes a NAT gateway leg to its real peer via pkt-dstaddr', () => {
    const agg = new FlowAggregator(600);
    const text =
      'interface-id srcaddr dstaddr pkt-dstaddr bytes start\neni-nat 10.0.1.5 10.0.0.220 203.0.113.5 500 1773100000';
    parseFlowText(Buffer.from(text), {}, (s) => agg.add(s));
    const dest = [...agg.entities.get('eni-nat')!.buckets.values()][0]!.dests.values().next().value;
    expect(dest).toMatchObject({ peer: '203.0.113.5', bytes: 500 });
  });

  it('names /24 and /48 networks for novelty', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1234:a100::1')).toBe('2001:db8:1234::/48');
  });
});
