// Slows down guessing the vault password: after 5 wrong passwords in a row, each further try waits.
//
// The count lives in main, so a renderer cannot skip it, and in memory: it survives a reload of the
// window, not a restart of the app (a restart costs seconds, and whoever can read the vault file can
// guess offline at full speed anyway). The CLI is another process and is not throttled beyond the
// cost of the KDF: running it already takes the access to the user's files that offline guessing needs.
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { Clock } from '../ports';

export interface ThrottlePolicy {
  /** Wrong passwords in a row that cost nothing but the KDF. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with every further one. */
  firstWaitMs: number;
  maxWaitMs: number;
}

/** 1 s after the 5th wrong password, 2 s after the 6th, … 256 s after the 13th, 5 minutes from the 14th. */
export const UNLOCK_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  firstWaitMs: 1_000,
  maxWaitMs: 5 * 60_000,
};

/** How long the next try waits after `failures` wrong passwords in a row. */
export function waitAfter(failures: number, policy: ThrottlePolicy = UNLOCK_THROTTLE): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // 2 ** doublings overflows to Infinity long after the cap; min() keeps the cap.
  return Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** doublings);
}

export class UnlockThrottle {
  #failures = 0;
  #lastFailureAt = 0;
  /** Attempts run one after another: parallel tries must not all pass the check before any fails. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy = UNLOCK_THROTTLE,
  ) {}

  /** Wrong passwords in a row so far. */
  get failures(): number {
    return this.#failures;
  }

  /** Milliseconds until the next try is allowed; 0 when it is now. */
  waitMs(): number {
    const now = this.clock.now();
    // A clock set back must not stretch the wait: count from now instead.
    if (now < this.#lastFailureAt) this.#lastFailureAt = now;
    return Math.max(0, this.#lastFailureAt + waitAfter(this.#failures, this.policy) - now);
  }

  /**
   * Runs one password check. While a wait is due it is refused with UNLOCK_THROTTLED (carrying
   * retryAfterMs) and `check` does not run. WRONG_PASSWORD counts, and carries retryAfterMs when it
   * starts a wait; success resets the count; any other error changes nothing.
   */
  attempt<T>(check: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(check));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(check: () => Promise<T>): Promise<T> {
    const wait = this.waitMs();
    if (wait > 0) {
      throw new AuthdeskError('UNLOCK_THROTTLED', 'Too many wrong passwords; try again later.', {
        retryAfterMs: wait,
      });
    }
    let result: T;
    try {
      result = await check();
    } catch (error) {
      if (!isAuthdeskError(error) || error.code !== 'WRONG_PASSWORD') throw error;
      this.#failures++;
      this.#lastFailureAt = this.clock.now();
      const next = waitAfter(this.#failures, this.policy);
      if (next === 0) throw error;
      throw new AuthdeskError('WRONG_PASSWORD', error.message, {
        cause: error,
        retryAfterMs: next,
      });
    }
    this.#failures = 0;
    return result;
  }
}
