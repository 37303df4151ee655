import type { DestFlows } from './aggregate.js';

/**
 * Open-addressing table from (IPv4 peer, port) to its destination aggregate, on typed arrays: a `Map`
 * keyed by `peer * 65536 + port` boxes a heap number per record and was the aggregator's largest cost.
 * @internal
 */
export class DestIndex {
  private peers = new Uint32Array(64);
  private ports = new Int32Array(64).fill(-1);
  private values: (DestFlows | undefined)[] = new Array(64);
  private mask = 63;
  private size = 0;

  private slot(peer: number, port: number): number {
    return (Math.imul((peer | 0) ^ Math.imul(port + 1, 0x9e3779b1), 0x85ebca6b) >>> 15) & this.mask;
  }

  /** The aggregate of (peer, port), if any. */
  get(peer: number, port: number): DestFlows | undefined {
    const { peers, ports, mask } = this;
    let i = this.slot(peer, port);
    for (;;) {
      const p = ports[i] as number;
      if (p === -1) return undefined;
      if (p === port && peers[i] === peer) return this.values[i];
      i = (i + 1) & mask;
    }
  }

  /** Adds (peer, port) → aggregate; the key must not be present. */
  set(peer: number, port: number, dest: DestFlows): void {
    if ((this.size + 1) * 2 > this.mask) this.grow();
    let i = this.slot(peer, port);
    while ((this.ports[i] as number) !== -1) i = (i + 1) & this.mask;
    this.peers[i] = peer;
    this.ports[i] = port;
    this.values[i] = dest;
    this.size++;
  }

  private grow(): void {
    const { peers, ports, values } = this;
    const cap = (this.mask + 1) * 2;
    this.peers = new Uint32Array(cap);
    this.ports = new Int32Array(cap).fill(-1);
    this.values = new Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < ports.length; i++) {
      if ((ports[i] as number) !== -1) this.set(peers[i] as number, ports[i] as number, values[i]!);
    }
  }
}
