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

  private slot(hi: number, lo: number, port: number): number {
    return (Math.imul((hi << 16) ^ lo ^ Math.imul(port + 1, 0x9e3779b1), 0x85ebca6b) >>> 15) & this.mask;
  }

  /**
   * The aggregate of (peer, port), if any. The address comes in 16-bit halves: a uint32 above 2^30 is
   * no small integer for V8 and would be boxed on every call (measured: most of the fold's garbage).
   */
  get(hi: number, lo: number, port: number): DestFlows | undefined {
    const { peers, ports, mask } = this;
    const peer = hi * 65536 + lo;
    let i = this.slot(hi, lo, port);
    for (;;) {
      const p = ports[i] as number;
      if (p === -1) return undefined;
      if (p === port && peers[i] === peer) return this.values[i];
      i = (i + 1) & mask;
    }
  }

  /** Adds (peer, port) → aggregate; the key must not be present. */
  set(hi: number, lo: number, port: number, dest: DestFlows): void {
    if ((this.size + 1) * 2 > this.mask) this.grow();
    let i = this.slot(hi, lo, port);
    while ((this.ports[i] as number) !== -1) i = (i + 1) & this.mask;
    this.peers[i] = hi * 65536 + lo;
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
      const p = peers[i] as number;
      if ((ports[i] as number) !== -1) this.set(p >>> 16, p & 0xffff, ports[i] as number, values[i]!);
    }
  }
}
