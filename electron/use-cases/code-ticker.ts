// Computes every account's codes and pushes them once per time step (and at once on demand).
import type { Account } from '../../shared/account';
import type { CodeEntry, CodesSnapshot } from '../../shared/ipc';
import type { OtpEngine } from '../../shared/otp';
import type { Clock, Timers } from '../ports';

/** A timer never sleeps longer than this, so a clock that jumps (suspend, NTP) is caught up soon. */
const MAX_SLEEP_MS = 10_000;

export class CodeTicker {
  private timer: unknown;

  constructor(
    private readonly deps: {
      /** Drift correction is in the clock passed here (ClockCheck.codeClock), not in the engine. */
      clock: Clock;
      timers: Timers;
      engine: OtpEngine;
      /** The unlocked accounts, or undefined while locked. */
      accounts: () => Account[] | undefined;
      push: (snapshot: CodesSnapshot) => void;
      onError?: (account: Account, error: unknown) => void;
    },
  ) {}

  /** The codes of `accounts` (by default the vault's, none while locked) at this moment. */
  snapshot(accounts: readonly Account[] = this.deps.accounts() ?? []): CodesSnapshot {
    const at = this.deps.clock.now();
    const codes: CodeEntry[] = [];
    for (const account of accounts) {
      let c;
      try {
        c = this.deps.engine.codesAt(account, at);
      } catch (error) {
        // One account that cannot produce codes must not stop the codes of all the others.
        this.deps.onError?.(account, error);
        continue;
      }
      codes.push({
        id: account.id,
        current: c.current,
        next: c.next,
        stepEndsAt: c.stepEndsAt,
        period: account.period,
      });
    }
    return { at, codes };
  }

  /** Pushes a fresh snapshot now and schedules the next push at the next step boundary. */
  refresh(): void {
    this.stop();
    if (!this.deps.accounts()) return;
    const snapshot = this.snapshot();
    this.deps.push(snapshot);
    let firstEnd = Infinity;
    for (const c of snapshot.codes)
      if (c.stepEndsAt !== null) firstEnd = Math.min(firstEnd, c.stepEndsAt);
    // Only HOTP accounts (or none): nothing expires, so nothing to schedule.
    if (firstEnd !== Infinity) this.sleep(snapshot.at, firstEnd, snapshot.at);
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sleeps until just past firstEnd, at most MAX_SLEEP_MS at a time. */
  private sleep(pushedAt: number, firstEnd: number, now: number): void {
    const wait = Math.min(Math.max(0, firstEnd - now) + 5, MAX_SLEEP_MS);
    this.timer = this.deps.timers.setTimeout(() => this.tick(pushedAt, firstEnd), wait);
  }

  /** After a capped sleep, push only if a step really ended (or the clock went back); else sleep on. */
  private tick(pushedAt: number, firstEnd: number): void {
    this.timer = undefined;
    const now = this.deps.clock.now();
    if (now >= firstEnd || now < pushedAt) this.refresh();
    else this.sleep(pushedAt, firstEnd, now);
  }
}
