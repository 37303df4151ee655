import { setTimeout as wait } from 'node:timers/promises';

/** The work's result if it finished within the budget, else `late` (the work goes on). */
export type Bounded<T> = { late: false; value: T } | { late: true };

/** A timer that does not keep the process alive and stops when `signal` aborts. */
export const defaultTimer = (ms: number, signal: AbortSignal): Promise<void> =>
  wait(ms, undefined, { signal, ref: false });

/**
 * Waits for `work` at most `budgetMs` (by `timer`, injected in tests): Slack shows an error when an
 * interaction is not answered within 3 s, so the HTTP answer cannot wait for a slow store or Slack call.
 * The work is not cancelled; the caller reports its outcome later. A rejection within the budget is thrown.
 * @example const first = await answerWithin(apply(), 2_500); if (first.late) defer(report(apply()));
 */
export async function answerWithin<T>(
  work: Promise<T>,
  budgetMs: number,
  timer: (ms: number, signal: AbortSignal) => Promise<void> = defaultTimer,
): Promise<Bounded<T>> {
  const abort = new AbortController();
  const late = timer(budgetMs, abort.signal).then(
    () => ({ late: true }) as const,
    () => ({ late: true }) as const,
  );
  try {
    return await Promise.race([work.then((value) => ({ late: false, value }) as const), late]);
  } finally {
    abort.abort();
  }
}
