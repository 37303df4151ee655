import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { includesAny, includesBytes, startBytes } from '../../../detectors/pii/byte-search.js';

const word = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'c', '_') });

describe('byte searches', () => {
  it('find a literal, or any of several keywords, exactly where String.includes does, within the window', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', 'c', '_', 'x') }),
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        (text, keywords, a, b) => {
          const bytes = Buffer.from(text, 'latin1');
          const [ws, we] = [a % (bytes.length + 1), b % (bytes.length + 1)].sort((x, y) => x - y) as [number, number];
          const window = text.slice(ws, we);
          const lits = keywords.map((k) => Buffer.from(k, 'latin1'));
          expect(includesBytes(bytes, ws, we, lits[0] as Buffer)).toBe(window.includes(keywords[0] as string));
          expect(includesAny(bytes, ws, we, lits, startBytes(keywords))).toBe(keywords.some((k) => window.includes(k)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
