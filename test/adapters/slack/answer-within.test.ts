import { describe, expect, it } from 'vitest';
import { answerWithin } from '../../../adapters/slack/answer-within.js';

/** A timer the test fires by hand: no real time passes in these tests. */
function manualTimer() {
  let fire!: () => void;
  let signal: AbortSignal | undefined;
  const timer = (_ms: number, s: AbortSignal) => {
    signal = s;
    return new Promise<void>((resolve) => {
      fire = resolve;
    });
  };
  return { timer, fire: () => fire(), aborted: () => signal?.aborted };
}

describe('answerWithin', () => {
  it('gives the result of work that finishes first, and stops the timer', async () => {
    const t = manualTimer();
    expect(await answerWithin(Promise.resolve('done'), 2_500, t.timer)).toEqual({ late: false, value: 'done' });
    expect(t.aborted()).toBe(true);
  });

  it('says late when the budget runs out first, leaving the work to finish on its own', async () => {
    const t = manualTimer();
    let finish!: (v: string) => void;
    const work = new Promise<string>((r) => {
      finish = r;
    });
    const answer = answerWithin(work, 2_500, t.timer);
    t.fire();
    expect(await answer).toEqual({ late: true });
    finish('later');
    expect(await work).toBe('later');
  });

  it('throws a failure that happens within the budget', async () => {
    const t = manualTimer();
    await expect(answerWithin(Promise.reject(new Error('boom')), 2_500, t.timer)).rejects.toThrow('boom');
  });
});
