import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F, FV, measure, restoreFeatures } from '../../../detectors/pii/window-features.js';

describe('restoreFeatures', () => {
  it('gives back exactly the features of a window measured before another one', () => {
    const window = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(window, window, (first, second) => {
        measure(first, 0, first.length);
        const features = { ...F };
        const saved = FV.slice();
        measure(second, 0, second.length);
        restoreFeatures(saved);
        expect({ ...F }).toEqual(features);
        expect([...FV]).toEqual([...saved]);
      }),
      { numRuns: 300 },
    );
  });
});
