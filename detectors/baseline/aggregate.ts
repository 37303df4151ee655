import { F, type FlowParseStats, type FlowScanner, LogStatus } from '../../events/flowlogs/index.js';
import { isPrivateV4, isPrivateV6, v4ToString } from './addresses.js';
import { DestIndex } from './dest-index.js';

/** Per destination (address or AWS service, and port) in one entity-bucket. */
export interface DestFlows {
  /** Peer address, or `aws:<service>` when `pkt-dst-aws-service` names it. */
  peer: string;
  /** Destination port; 0 for server responses (ephemeral client ports are not a destination). */
  port: number;
  bytes: number;
  packets: number;
  flows: number;
  rejected: number;
  /** The entity answered a client (source port < 1024, destination port ≥ 1024): not a new contact. */
  response: boolean;
}

/** One entity's egress in one time bucket. */
export interface BucketFlows {
  bucketStart: number;
  egressBytes: number;
  egressPackets: number;
  egressFlows: number;
  /** Rejected attempts by the entity (flows). */
  rejected: number;
  dests: Map<number | string, DestFlows>;
  /** @internal the IPv4 part of `dests`, looked up without boxing. */
  v4: DestIndex;
}

/** One entity's buckets; `type` is `instance` when the record names one, else `eni`. */
export interface EntityFlows {
  type: 'eni' | 'instance';
  id: string;
  interfaceIds: Set<string>;
  buckets: Map<number, BucketFlows>;
  /** @internal the bucket this entity's last record fell in (records arrive roughly in time order). */
  current: BucketFlows | undefined;
}

/** Counts of a batch: records folded, NODATA/SKIPDATA skipped, malformed (from the parser), unattributed. */
export interface FlowBatchStats {
  records: number;
  skipped: number;
  malformed: number;
  unattributed: number;
}

const ZERO_DEST = 0;
// Field ids copied into module constants: reading them through the re-exported object costs ~1 µs a record under tsx.
const BYTES = F.BYTES;
const DSTADDR = F.DSTADDR;
const DSTPORT = F.DSTPORT;
const END = F.END;
const FLOW_DIRECTION = F.FLOW_DIRECTION;
const INSTANCE_ID = F.INSTANCE_ID;
const INTERFACE_ID = F.INTERFACE_ID;
const PACKETS = F.PACKETS;
const PKT_DSTADDR = F.PKT_DSTADDR;
const PKT_DST_AWS_SERVICE = F.PKT_DST_AWS_SERVICE;
const SRCADDR = F.SRCADDR;
const SRCPORT = F.SRCPORT;
const START = F.START;
const NODATA = LogStatus.NODATA;
const SKIPDATA = LogStatus.SKIPDATA;

/**
 * Folds flow records into per entity × bucket × destination aggregates, reading the scanner's view
 * directly (no record objects): the network sees as many writes as distinct keys, never records.
 * @example const agg = new FlowAggregator(600); parseFlowText(buf, {}, (s) => agg.add(s));
 */
export class FlowAggregator {
  readonly entities = new Map<string, EntityFlows>();
  readonly stats: FlowBatchStats = { records: 0, skipped: 0, malformed: 0, unattributed: 0 };
  readonly bucketSeconds: number;
  private readonly fallbackSec: number;
  private readonly byHash = new Map<number, EntityFlows>();

  /** `fallbackSec` dates records that carry neither `start` nor `end` (the batch's arrival time). */
  constructor(bucketSeconds = 600, fallbackSec = 0) {
    this.bucketSeconds = bucketSeconds;
    this.fallbackSec = fallbackSec;
  }

  /** Adds the parser's malformed count to the batch statistics. */
  noteParse(stats: FlowParseStats): void {
    this.stats.malformed += stats.malformed;
  }

  /** Folds the record the scanner holds. */
  add(s: FlowScanner): void {
    this.stats.records++;
    if (s.logStatus === NODATA || s.logStatus === SKIPDATA) {
      this.stats.skipped++;
      return;
    }
    const num = s.num;
    const src = num[SRCADDR] as number;
    const pktDst = num[PKT_DSTADDR] as number;
    const peerField = Number.isNaN(pktDst) ? DSTADDR : PKT_DSTADDR;
    const peer = num[peerField] as number;
    const service = s.start[PKT_DST_AWS_SERVICE] as number;
    let egress: boolean;
    const dirAt = s.start[FLOW_DIRECTION] as number;
    if (dirAt >= 0)
      egress = s.buf[dirAt] === 101; // "egress"
    else if (src >= 0 && peer >= 0) egress = isPrivateV4(src) && (service >= 0 || !isPrivateV4(peer));
    else if (src === -1 && peer === -1) egress = isPrivateV6(s.addr(SRCADDR)!) && !isPrivateV6(s.addr(peerField)!);
    else egress = false;
    if (!egress) return;
    const entity = this.entityOf(s);
    if (entity === undefined) {
      this.stats.unattributed++;
      return;
    }
    const startSec = num[START] as number;
    const t = Number.isNaN(startSec)
      ? Number.isNaN(num[END] as number)
        ? this.fallbackSec
        : (num[END] as number)
      : startSec;
    const bucketStart = t - (t % this.bucketSeconds);
    let bucket = entity.current;
    if (bucket === undefined || bucket.bucketStart !== bucketStart) {
      bucket = entity.buckets.get(bucketStart);
      if (bucket === undefined) {
        bucket = {
          bucketStart,
          egressBytes: 0,
          egressPackets: 0,
          egressFlows: 0,
          rejected: 0,
          dests: new Map(),
          v4: new DestIndex(),
        };
        entity.buckets.set(bucketStart, bucket);
      }
      entity.current = bucket;
    }
    const bytes = num[BYTES] as number;
    const packets = num[PACKETS] as number;
    const b = Number.isNaN(bytes) ? 0 : bytes;
    const p = Number.isNaN(packets) ? 0 : packets;
    const rejected = s.action === 2 ? 1 : 0;
    const srcPort = num[SRCPORT] as number;
    const dstPort = num[DSTPORT] as number;
    const response = srcPort < 1024 && dstPort >= 1024;
    const port = response || Number.isNaN(dstPort) ? ZERO_DEST : dstPort;
    let dest: DestFlows | undefined;
    if (service < 0 && peer >= 0) {
      const hi = peer >>> 16;
      const lo = peer & 0xffff;
      dest = bucket.v4.get(hi, lo, port);
      if (dest === undefined) {
        dest = { peer: v4ToString(peer), port, bytes: 0, packets: 0, flows: 0, rejected: 0, response };
        bucket.v4.set(hi, lo, port, dest);
        bucket.dests.set(peer * 65536 + port, dest);
      }
    } else {
      const name = service >= 0 ? `aws:${s.text(PKT_DST_AWS_SERVICE)}` : (s.addr(peerField) ?? '?');
      const key = `${name}|${port}`;
      dest = bucket.dests.get(key);
      if (dest === undefined) {
        dest = { peer: name, port, bytes: 0, packets: 0, flows: 0, rejected: 0, response };
        bucket.dests.set(key, dest);
      }
    }
    dest.bytes += b;
    dest.packets += p;
    dest.flows++;
    dest.rejected += rejected;
    if (rejected === 0) {
      bucket.egressBytes += b;
      bucket.egressPackets += p;
      bucket.egressFlows++;
    } else {
      bucket.rejected++;
    }
  }

  /** The record's entity, found by the scanner's hash of its id bytes (no string per record). */
  private entityOf(s: FlowScanner): EntityFlows | undefined {
    const field = (s.start[INSTANCE_ID] as number) >= 0 ? INSTANCE_ID : INTERFACE_ID;
    const at = s.start[field] as number;
    if (at < 0) return undefined;
    const h = (s.hash[field] as number) & 0x3fffffff;
    const hit = this.byHash.get(h);
    if (hit !== undefined && sameBytes(hit.id, s.buf, at, s.end[field] as number)) return hit;
    const entity = this.entitySlow(s);
    if (entity !== undefined && hit === undefined) this.byHash.set(h, entity);
    return entity;
  }

  private entitySlow(s: FlowScanner): EntityFlows | undefined {
    const eni = s.text(INTERFACE_ID);
    const instance = s.text(INSTANCE_ID);
    const id = instance ?? eni;
    if (id === undefined) return undefined;
    let entity = this.entities.get(id);
    if (entity === undefined) {
      entity = {
        type: instance === undefined ? 'eni' : 'instance',
        id,
        interfaceIds: new Set(),
        buckets: new Map(),
        current: undefined,
      };
      this.entities.set(id, entity);
    }
    if (eni !== undefined && entity.interfaceIds.size < 16) entity.interfaceIds.add(eni);
    return entity;
  }
}

function sameBytes(s: string, buf: Buffer, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== buf[from + k]) return false;
  return true;
}
