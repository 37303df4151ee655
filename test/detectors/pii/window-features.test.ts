import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F, FV, measure, newSnapshot, restoreFeatures, saveFeatures } from '../../../detectors/pii/window-features.js';

describe('saveFeatures / restoreFeatures', () => {
  it('gives back exactly the features of a window measured before another one', () => {
    const window = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(window, window, (first, second) => {
        measure(first, 0, first.length);
        const features = { ...F };
        const key = [...FV];
        const snapshot = newSnapshot();
        saveFeatures(snapshot);
        measure(second, 0, second.length);
        restoreFeatures(snapshot);
        expect({ ...F }).toEqual(features);
        expect([...FV]).toEqual(key);
      }),
      { numRuns: 300 },
    );
  });
});
