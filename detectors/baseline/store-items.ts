import type { Entity } from '../../events/signal.js';
import { type EntityBaseline, emptyBaseline, type Moments } from './state.js';

/**
 * One DynamoDB update of a baseline delta, SDK-free: `ADD` for every additive field (so concurrent
 * writers commute), `SET if_not_exists` for first-seen times. The adapter turns values into attributes.
 */
export interface BaselineUpdateOp {
  pk: string;
  sk: string;
  expression: string;
  names: Record<string, string>;
  values: Record<string, number | string>;
}

class OpBuilder {
  readonly adds: string[] = [];
  readonly sets: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, number | string> = {};

  add(attr: string, v: number): void {
    if (v === 0) return;
    this.names[`#${attr}`] = attr;
    this.values[`:${attr}`] = v;
    this.adds.push(`#${attr} :${attr}`);
  }

  set(attr: string, v: number | string, ifNotExists = false): void {
    this.names[`#${attr}`] = attr;
    this.values[`:${attr}`] = v;
    this.sets.push(ifNotExists ? `#${attr} = if_not_exists(#${attr}, :${attr})` : `#${attr} = :${attr}`);
  }

  moments(m: Moments): void {
    this.add('n', m.n);
    this.add('s', m.sum);
    this.add('ss', m.sumSq);
    for (const [bin, c] of Object.entries(m.hist)) this.add(`h${bin}`, c);
  }

  build(pk: string, sk: string): BaselineUpdateOp | undefined {
    if (this.adds.length === 0 && this.sets.length === 0) return undefined;
    const parts = [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      this.adds.length ? `ADD ${this.adds.join(', ')}` : '',
    ];
    return { pk, sk, expression: parts.filter(Boolean).join(' '), names: this.names, values: this.values };
  }
}

/** The partition key of an entity's baseline items. */
export function baselinePk(entity: Entity): string {
  return `BASELINE#${entity.type}:${entity.id}`;
}

/** Turns a baseline delta into updates: one per touched item (distinct keys, never records). */
export function updatesOf(delta: EntityBaseline, opts: { recentExpiresAt: number }): BaselineUpdateOp[] {
  const pk = baselinePk(delta.entity);
  const ops: (BaselineUpdateOp | undefined)[] = [];
  const all = new OpBuilder();
  all.set('entityType', delta.entity.type);
  all.set('entityId', delta.entity.id);
  if (delta.firstSeen > 0) all.set('firstSeen', delta.firstSeen, true);
  all.moments(delta.all);
  all.add('rn', delta.rejects.n);
  all.add('rs', delta.rejects.sum);
  all.add('rss', delta.rejects.sumSq);
  ops.push(all.build(pk, 'ALL'));
  for (const [how, m] of Object.entries(delta.slots)) {
    const b = new OpBuilder();
    b.moments(m);
    ops.push(b.build(pk, `SLOT#${how}`));
  }
  for (const [bucket, r] of Object.entries(delta.recent)) {
    const b = new OpBuilder();
    b.add('b', r.bytes);
    b.add('l', r.learned);
    b.add('r', r.rejected);
    b.set('expiresAt', opts.recentExpiresAt);
    ops.push(b.build(pk, `RECENT#${bucket}`));
  }
  for (const [key, p] of Object.entries(delta.peers)) {
    const b = new OpBuilder();
    b.add('bytes', p.bytes);
    b.set('firstSeen', p.firstSeen, true);
    ops.push(b.build(pk, `PEER#${key}`));
  }
  return ops.filter((o): o is BaselineUpdateOp => o !== undefined);
}

function momentsOf(item: Record<string, number | string>): Moments {
  const m: Moments = { n: num(item.n), sum: num(item.s), sumSq: num(item.ss), hist: {} };
  for (const [k, v] of Object.entries(item)) if (/^h\d+$/.test(k) && num(v) !== 0) m.hist[k.slice(1)] = num(v);
  return m;
}

function num(v: number | string | undefined): number {
  return typeof v === 'number' ? v : 0;
}

/** Rebuilds a baseline from its items (attribute values already plain numbers and strings). */
export function baselineFromItems(entity: Entity, items: readonly Record<string, number | string>[]): EntityBaseline {
  const b = emptyBaseline(entity);
  for (const item of items) {
    const sk = String(item.sk ?? '');
    if (sk === 'ALL') {
      b.all = momentsOf(item);
      b.firstSeen = num(item.firstSeen);
      b.rejects = { n: num(item.rn), sum: num(item.rs), sumSq: num(item.rss) };
    } else if (sk.startsWith('SLOT#')) b.slots[sk.slice(5)] = momentsOf(item);
    else if (sk.startsWith('RECENT#'))
      b.recent[sk.slice(7)] = { bytes: num(item.b), learned: num(item.l), rejected: num(item.r) };
    else if (sk.startsWith('PEER#')) b.peers[sk.slice(5)] = { firstSeen: num(item.firstSeen), bytes: num(item.bytes) };
  }
  return b;
}
