import fc from 'fast-check';
import { expect } from 'vitest';
import { scanBuffer } from '../../detectors/pii/index.js';
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

/**
 * Copies of `files` cut anywhere (`cut`) with up to four bytes changed, none in the first `head` or last `tail` bytes
 * (a magic or a schema kept, so the mangling reaches what follows).
 */
export function mangled(
  files: readonly Buffer[],
  { head = 0, tail = 0, cut = true }: { head?: number; tail?: number; cut?: boolean } = {},
): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      fc.constantFrom(...files),
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
    )
    .map(([file, at, flips]) => {
      const b = Buffer.from(cut ? file.subarray(0, at % (file.length + 1)) : file);
      const room = b.length - head - tail;
      for (const [k, v] of flips) if (room > 0) b[head + (k % room)] = v;
      return b;
    });
}

/**
 * Asserts over 300 `bodies` that `render` never throws and places every text byte inside its body (in order, when
 * `ordered`), and that scanning the body (declared `contentType`, for a format that is never sniffed) never throws.
 */
export function expectSafeRendering(
  bodies: fc.Arbitrary<Buffer>,
  render: (body: Buffer) => RenderedJson | undefined,
  ordered = true,
  contentType?: string,
): void {
  fc.assert(
    fc.property(bodies, (body) => {
      const rendered = render(body);
      if (rendered) expectInBodyOrder(rendered, body.length, ordered);
      expect(() => scanBuffer(body, { fingerprintKey: 'breachwatch-test-fingerprint-key', contentType })).not.toThrow();
    }),
    { numRuns: 300 },
  );
}
