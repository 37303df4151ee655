import { expect } from 'vitest';
import type { RenderedJson } from '../../detectors/pii/json-render.js';

/** The body range the first occurrence of `value` in the rendered text stands for. */
export function spanOf(rendered: RenderedJson, value: string): [number, number] {
  const at = rendered.text.toString('latin1').indexOf(value);
  if (at < 0) throw new Error(`${value} not rendered`);
  return [rendered.starts[at] as number, rendered.ends[at + value.length - 1] as number];
}

/** Asserts every text byte stands for a range inside the body, in the body's order. */
export function expectInBodyOrder(rendered: RenderedJson, bodyLength: number): void {
  let last = 0;
  for (let k = 0; k < rendered.text.length; k++) {
    const [start, end] = [rendered.starts[k] as number, rendered.ends[k] as number];
    expect(start).toBeGreaterThanOrEqual(last);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(bodyLength);
    last = start;
  }
}
