import { FV_LENGTH } from './window-features.js';

/**
 * @internal What the gates said about one feature vector: the recognizers to try, in order, with their
 * gate (`Gate.YES` or `Gate.CONTEXT`). Gates are pure functions of the features, so this is exact.
 */
export interface GateVerdicts<T> {
  runs: readonly T[];
  gates: Uint8Array;
  /**
   * Every run needs a context word to report anything (context-gated, no literal or keyword, not kept at the
   * reduced confidence): a window with no context word for any of them is done after one look.
   */
  contextOnly: boolean;
}

const SLOTS = 4096;
const STRIDE = FV_LENGTH + 1;

/**
 * @internal A fixed-size cache from a window's exact feature vector (plus one extra key integer) to the
 * gates' verdicts. Traffic repeats a few shapes (ids, prices, versions, timestamps), so most windows
 * skip the ~36 gate calls (megamorphic, ~5 ns each) for one hash and one 18-integer compare. A slot
 * collision replaces the older entry: memory is fixed (4096 slots).
 */
export class GateMemo<T> {
  /** Per slot: `extra + 1` (0 for an empty slot), then the feature vector. */
  private readonly keys = new Int32Array(SLOTS * STRIDE);
  private readonly values: (GateVerdicts<T> | undefined)[] = new Array(SLOTS).fill(undefined);
  private slot = 0;

  /** Looks up `fv` (with `extra`); remembers the slot for a following `set`. */
  get(fv: Int32Array, extra: number): GateVerdicts<T> | undefined {
    // lengths, counts and run sets vary the most; the full key is compared below
    let h = Math.imul(extra ^ 0x811c9dc5, 16777619);
    h = Math.imul(h ^ (fv[0] as number), 16777619);
    h = Math.imul(h ^ (fv[1] as number), 16777619);
    h = Math.imul(h ^ (fv[9] as number), 16777619);
    h = Math.imul(h ^ (fv[10] as number), 16777619);
    h = Math.imul(h ^ (fv[11] as number), 16777619);
    const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    this.slot = slot;
    const base = slot * STRIDE;
    const keys = this.keys;
    if (keys[base] !== extra + 1) return undefined;
    for (let i = 0; i < FV_LENGTH; i++) if (keys[base + 1 + i] !== fv[i]) return undefined;
    return this.values[slot];
  }

  /** Stores verdicts for the key of the last `get`. */
  set(fv: Int32Array, extra: number, verdicts: GateVerdicts<T>): void {
    const base = this.slot * STRIDE;
    this.keys[base] = extra + 1;
    this.keys.set(fv, base + 1);
    this.values[this.slot] = verdicts;
  }
}
