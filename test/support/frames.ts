import fc from 'fast-check';
import { expect } from 'vitest';
import { mangled } from './rendered-json.js';

const MAX = 4096;

/**
 * Asserts over 500 bodies (`frames` mangled past their magic number, or random bytes) that `decode` never throws, ends
 * in one of its four ways, and keeps at most its `max` bytes.
 */
export function expectSafeDecoding(
  frames: readonly Buffer[],
  decode: (bytes: Uint8Array, max: number) => { bytes: Buffer; end: string },
): void {
  const bodies = fc.oneof(
    mangled(frames, { head: 4 }),
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  );
  fc.assert(
    fc.property(bodies, (body) => {
      const { bytes, end } = decode(body, MAX);
      expect(['whole', 'cut', 'full', 'corrupt']).toContain(end);
      expect(bytes.length).toBeLessThanOrEqual(MAX);
    }),
    { numRuns: 500 },
  );
}
