// Computes every account's codes and pushes them once per time step (and at once on demand).
import type { Account } from '../../shared/account';
import type { CodeEntry, CodesSnapshot } from '../../shared/ipc';
import type { OtpEngine } from '../../shared/otp';
import type { Clock, Timers } from './clock';

/** A timer never sleeps longer than this, so a clock that jumps (suspend, NTP) is caught up soon. */
const MAX_SLEEP_MS = 10_000;

export class CodeTicker {
  private timer: unknown;

  constructor(
    private readonly deps: {
      clock: Clock;
      timers: Timers;
      engine: OtpEngine;
      /** The unlocked accounts, or undefined while locked. */
      accounts: () => Account[] | undefined;
      push: (snapshot: CodesSnapshot) => void;
      /** Seconds the local clock is behind true time (drift correction). */
      offsetSeconds?: () => number;
      onError?: (account: Account, error: unknown) => void;
    },
  ) {}

  snapshot(): CodesSnapshot {
    const at = this.deps.clock.now();
    const offset = this.deps.offsetSeconds?.() ?? 0;
    const codes: CodeEntry[] = [];
    for (const account of this.deps.accounts() ?? []) {
      let c;
      try {
        c = this.deps.engine.codesAt(account, at, offset);
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
    const ends = snapshot.codes.map((c) => c.stepEndsAt).filter((t): t is number => t !== null);
    if (ends.length === 0) return;
    const wait = Math.min(Math.max(0, Math.min(...ends) - snapshot.at) + 5, MAX_SLEEP_MS);
    this.timer = this.deps.timers.setTimeout(() => this.tick(snapshot), wait);
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** After a capped sleep, push only if some step really ended; otherwise sleep again. */
  private tick(previous: CodesSnapshot): void {
    this.timer = undefined;
    const now = this.deps.clock.now();
    const ended = previous.codes.some((c) => c.stepEndsAt !== null && c.stepEndsAt <= now);
    const jumped = now < previous.at;
    if (ended || jumped) {
      this.refresh();
      return;
    }
    const ends = previous.codes.map((c) => c.stepEndsAt).filter((t): t is number => t !== null);
    const wait = Math.min(Math.max(0, Math.min(...ends) - now) + 5, MAX_SLEEP_MS);
    this.timer = this.deps.timers.setTimeout(() => this.tick(previous), wait);
  }
}
