// Locks the vault after the system has been idle for the configured minutes.
import type { Timers } from '../ports';

const POLL_MS = 15_000;

export class IdleLock {
  private timer: unknown;

  constructor(
    private readonly deps: {
      timers: Timers;
      /** Seconds since the user last touched keyboard or mouse (Electron: powerMonitor). */
      idleSeconds: () => number;
      /** 0 turns idle locking off. */
      minutes: () => number;
      isUnlocked: () => boolean;
      lock: () => void;
      pollMs?: number;
    },
  ) {}

  start(): void {
    this.stop();
    this.timer = this.deps.timers.setTimeout(() => this.check(), this.deps.pollMs ?? POLL_MS);
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  check(): void {
    const minutes = this.deps.minutes();
    if (minutes > 0 && this.deps.isUnlocked() && this.deps.idleSeconds() >= minutes * 60) {
      this.deps.lock();
    }
    this.start();
  }
}
