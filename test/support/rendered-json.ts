import { expect } from 'vitest';
import type { RenderedJson } from '../../detectors/pii/json-render.js';

/** The body range the first occurrence of `value` in the rendered text stands for. */
export function spanOf(rendered: RenderedJson, value: string): [number, number] {
  const at = rendered.text.toString('latin1').indexOf(value);
  if (at < 0) throw new Error(`${value} not rendered`);
  return [rendered.starts[at] as number, rendered.ends[at + value.length - 1] as number];
}

/** Asserts every text byte stands for a range inside the body, in the body's order (`ordered`). */
export function expectInBodyOrder(rendered: RenderedJson, bodyLength: number, ordered = true): void {
  let last = 0;
  for (let k = 0; k < rendered.text.length; k++) {
    const [start, end] = [rendered.starts[k] as number, rendered.ends[k] as number];
    // one expect per body, not per byte: a fuzz run checks thousands of bytes
    if (start < (ordered ? last : 0) || end < start || end > bodyLength)
      expect({ byte: k, start, end, last, bodyLength }).toBe('inside the body, in order');
    last = start;
  }
}
