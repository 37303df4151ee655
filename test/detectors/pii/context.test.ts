import { describe, expect, it } from 'vitest';
import { advanceContext, type ContextState, compileContext } from '../../../detectors/pii/context.js';
import { RECOGNIZERS } from '../../../detectors/pii/registry.js';
import { contextText } from '../../../detectors/pii/types.js';

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
      for (const entry of list) {
        const word = contextText(entry);
        const cases: [string, number][] = [
          [`x ${word} 1`, 2],
          [`{"${word.toUpperCase()}":1}`, 2],
          [word, 0],
        ];
        // a camelCase hump is a word start, but a later part of a key: an `alone` word does not count there
        if (typeof entry === 'string' && /^[a-z]/.test(word)) cases.push([`billing${capitalized(word)}=1`, 7]);
        for (const [text, at] of cases) {
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

  it('counts an `alone` word on its own only, not as a later part of a key', () => {
    const phone = RECOGNIZERS.findIndex((r) =>
      r.context.some((w) => typeof w !== 'string' && 'alone' in w && w.alone === 'number'),
    );
    expect(phone).toBeGreaterThanOrEqual(0);
    for (const text of ['my number is 4155550132', '{"Number": "4155550132"}', 'number=4155550132'])
      expect(seen(text).lastSeen[phone], text).toBeGreaterThanOrEqual(0);
    for (const text of ['{"order_number":"4155550132"}', 'trackingNumber=4155550132', 'ref-number 4155550132'])
      expect(seen(text).lastSeen[phone], text).toBe(-1e9);
  });

  it('counts an `alone` word after a word of its own only when that word is not one of its `notAfter`', () => {
    const phone = RECOGNIZERS.findIndex((r) => r.id === 'phone');
    for (const text of ['Order Number: 4155550132', 'NHS  number 943 476 5919', 'TRACKING NUMBER 4155550132'])
      expect(seen(text).lastSeen[phone], text).toBe(-1e9);
    // another word before it, none, or one that merely ends like a barred one
    for (const text of [
      'contact number 4155550132',
      'Number: 4155550132',
      'x\nnumber 1',
      'reorder number 1',
      'order\tnumber 1',
    ])
      expect(seen(text).lastSeen[phone], text).toBeGreaterThanOrEqual(0);
    // the barred words are the recognizer's own data: a word that bars nothing elsewhere counts
    const own = compileContext([[{ alone: 'number', notAfter: ['Order'] }], [{ alone: 'number' }]]);
    const ctx: ContextState = { scanned: 0, lastSeen: new Float64Array(2).fill(-1e9), column: undefined };
    const bytes = Buffer.from('order number 4155550132');
    advanceContext(own, ctx, bytes, 0, bytes.length);
    expect([...ctx.lastSeen]).toEqual([-1e9, 6]);
  });

  it('counts a `whole` word only where it ends, at any word start', () => {
    const own = compileContext([[{ whole: 'sin' }]]);
    const at = (text: string): number => {
      const ctx: ContextState = { scanned: 0, lastSeen: new Float64Array(1).fill(-1e9), column: undefined };
      const bytes = Buffer.from(text, 'utf8');
      advanceContext(own, ctx, bytes, 0, bytes.length);
      return ctx.lastSeen[0] as number;
    };
    for (const text of ['sin: ', 'SIN=', 'customer_sin=', 'sinNumber=', '{"SIN":', 'sin'])
      expect(at(text), text).toBeGreaterThanOrEqual(0);
    for (const text of ['since ', 'SINCE ', 'single', 'sinö ', 'business']) expect(at(text), text).toBe(-1e9);
    // the byte after the word is read too: the wait for context covers it
    expect(own.longest).toBe(4);
  });

  it('ignores a context word inside another word', () => {
    const pan = RECOGNIZERS.findIndex((r) => r.context.includes('pan'));
    expect(pan).toBeGreaterThanOrEqual(0);
    expect(seen('company 4111111111111111').lastSeen[pan]).toBe(-1e9);
    expect(seen('pan 4111111111111111').lastSeen[pan]).toBe(0);
  });
});
