import { describe, expect, it } from 'vitest';
import { advanceContext, type ContextState, compileContext } from '../../../detectors/pii/context.js';
import { RECOGNIZERS } from '../../../detectors/pii/registry.js';

const words = RECOGNIZERS.map((r) => r.context);
const index = compileContext(words);

function seen(text: string): ContextState {
  const ctx: ContextState = { scanned: 0, lastSeen: new Float64Array(words.length).fill(-1e9), column: undefined };
  const bytes = Buffer.from(text, 'utf8');
  advanceContext(index, ctx, bytes, 0, bytes.length);
  return ctx;
}

const capitalized = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

describe('advanceContext', () => {
  it('records every context word of every recognizer at a word start, in any case, with or without a third byte', () => {
    words.forEach((list, id) => {
      for (const word of list) {
        for (const [text, at] of [
          [`x ${word} 1`, 2],
          [`{"${word.toUpperCase()}":1}`, 2],
          [`billing${capitalized(word)}=1`, 7],
          [word, 0],
        ] as const) {
          // a word may hold a later one of the same recognizer ("code postal"): the last start is kept
          const last = seen(text).lastSeen[id] as number;
          expect(
            last >= at && last < at + word.length,
            `${JSON.stringify(word)} in ${JSON.stringify(text)}: ${last}`,
          ).toBe(true);
        }
      }
    });
  });

  it('ignores a context word inside another word', () => {
    const pan = RECOGNIZERS.findIndex((r) => r.context.includes('pan'));
    expect(pan).toBeGreaterThanOrEqual(0);
    expect(seen('company 4111111111111111').lastSeen[pan]).toBe(-1e9);
    expect(seen('pan 4111111111111111').lastSeen[pan]).toBe(0);
  });
});
