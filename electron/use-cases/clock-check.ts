// Measures this computer's clock against the time server (at start and on request), keeps the last
// good offset, and provides the clock codes are computed on: corrected by that offset when asked to.
import type { ClockStatus } from '../../shared/time-server';
import { isAuthdeskError } from '../../shared/errors';
import type { Clock, Timers } from '../ports';
import type { TimeQuery } from '../ports';

/**
 * While codes are corrected, the offset is measured again this often: a clock that was fixed in the
 * meantime (by the user, or by the OS after a resume) must not then be corrected a second time.
 */
export const RECHECK_MS = 60 * 60 * 1000;

export interface ClockCheckDeps {
  /** This computer's clock, uncorrected. */
  clock: Clock;
  timers: Timers;
  query: TimeQuery;
  /** The configured server ("host[:port]"). */
  server: () => string;
  /** Whether codes follow the measured offset (the correctClock setting). */
  correct: () => boolean;
  /** Every change of the status: a check starting or ending. */
  onStatus: (status: ClockStatus) => void;
  /** The correction codes use changed: push fresh codes. */
  onCorrectionChange: () => void;
  timeoutMs?: number;
}

export class ClockCheck {
  private current: ClockStatus = {
    server: null,
    offsetMs: null,
    delayMs: null,
    checkedAt: null,
    error: null,
    checking: false,
  };
  private running: { server: string; promise: Promise<ClockStatus> } | undefined;
  private recheck: unknown;
  /** The correction the last pushed codes were computed with. */
  private applied = 0;

  /** This computer's time plus the measured offset while correction is on; used for every code. */
  readonly codeClock: Clock = { now: () => this.deps.clock.now() + this.correctionMs() };

  constructor(private readonly deps: ClockCheckDeps) {}

  status(): ClockStatus {
    return { ...this.current, error: this.current.error && { ...this.current.error } };
  }

  /** What codeClock adds: the last good offset (whole ms) while correction is on, else 0. */
  correctionMs(): number {
    return this.deps.correct() ? (this.current.offsetMs ?? 0) : 0;
  }

  /** Measures in the background; a failure is recorded in the status, never thrown (used at start). */
  start(): void {
    void this.check();
  }

  /**
   * Measures now (a check already under way is shared) and resolves with the new status. Failures
   * are recorded in status.error and leave the last good offset, and so the codes, as they were.
   */
  check(): Promise<ClockStatus> {
    const server = this.deps.server();
    if (this.running?.server === server) return this.running.promise;
    // A check of the server chosen a moment ago waits for the one under way, then asks the new one.
    const under = this.running?.promise;
    const measured = under ? under.then(() => this.measure(server)) : this.measure(server);
    const promise: Promise<ClockStatus> = measured.finally(() => {
      if (this.running?.promise === promise) this.running = undefined;
    });
    this.running = { server, promise };
    return promise;
  }

  /** After a setting changed or a measurement: pushes codes if the correction they need changed. */
  refreshCorrection(): void {
    if (this.deps.correct() !== (this.recheck !== undefined)) this.scheduleRecheck();
    const correction = this.correctionMs();
    if (correction === this.applied) return;
    this.applied = correction;
    this.deps.onCorrectionChange();
  }

  stop(): void {
    if (this.recheck !== undefined) this.deps.timers.clearTimeout(this.recheck);
    this.recheck = undefined;
  }

  private scheduleRecheck(): void {
    this.stop();
    if (!this.deps.correct()) return;
    this.recheck = this.deps.timers.setTimeout(() => {
      this.recheck = undefined;
      this.start();
    }, RECHECK_MS);
  }

  private async measure(server: string): Promise<ClockStatus> {
    this.update({ checking: true });
    try {
      const result = await this.deps.query(server, {
        clock: this.deps.clock,
        ...(this.deps.timeoutMs !== undefined && { timeoutMs: this.deps.timeoutMs }),
      });
      this.update({
        server,
        offsetMs: Math.round(result.offsetMs),
        delayMs: Math.round(result.delayMs),
        checkedAt: result.at,
        error: null,
        checking: false,
      });
    } catch (error) {
      const info = isAuthdeskError(error)
        ? error.toInfo()
        : { code: 'INTERNAL_ERROR' as const, message: 'The clock could not be checked.' };
      if (!isAuthdeskError(error)) console.error('clock check:', error);
      this.update({
        error: { code: info.code, message: info.message, server, at: this.deps.clock.now() },
        checking: false,
      });
    }
    this.scheduleRecheck();
    this.refreshCorrection();
    return this.status();
  }

  private update(patch: Partial<ClockStatus>): void {
    this.current = { ...this.current, ...patch };
    this.deps.onStatus(this.status());
  }
}
