// Measures this computer's clock against the time server (at start and on request), keeps the last
// good offset, and provides the clock codes are computed on: corrected by that offset when the user
// asked for it, within the bounds of clock/correction.ts (at most 5 min, and a change of more than
// 5 s from the accepted offset waits for the user).
import {
  CHECK_SPACING_MS,
  MAX_AUTO_CORRECTION_MS,
  type ClockStatus,
} from '../../shared/time-server';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { correctionFor } from '../clock/correction';
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
  /** The offset the user last accepted (the clockOffsetAcceptedMs setting). */
  accepted: () => number | null;
  /** Records an offset the user accepted, and turns correction on (saves both settings). */
  accept?: (offsetMs: number) => void;
  /** Every change of the status: a check starting or ending. */
  onStatus: (status: ClockStatus) => void;
  /** The correction codes use changed: push fresh codes. */
  onCorrectionChange: () => void;
  timeoutMs?: number;
}

export class ClockCheck {
  private current: Omit<ClockStatus, 'correction'> = {
    server: null,
    offsetMs: null,
    delayMs: null,
    checkedAt: null,
    error: null,
    checking: false,
  };
  private running: { server: string; promise: Promise<ClockStatus> } | undefined;
  private recheck: unknown;
  /** When the user last made main ask a server (this computer's clock), for CHECK_SPACING_MS. */
  private lastAskedAt: number | undefined;
  /** A check the user asked for too soon after the last one: it runs when the spacing is over. */
  private spaced:
    | { timer: unknown; promise: Promise<ClockStatus>; resolve: (status: ClockStatus) => void }
    | undefined;
  /** The correction the renderer last heard of, so that a change of it is pushed once. */
  private pushedCorrection = '';
  /** The correction the last pushed codes were computed with. */
  private applied = 0;

  /** This computer's time plus the measured offset while correction is on; used for every code. */
  readonly codeClock: Clock = { now: () => this.deps.clock.now() + this.correctionMs() };

  constructor(private readonly deps: ClockCheckDeps) {}

  status(): ClockStatus {
    return {
      ...this.current,
      error: this.current.error && { ...this.current.error },
      correction: correctionFor(this.deps.correct(), this.current.offsetMs, this.deps.accepted()),
    };
  }

  /**
   * What codeClock adds: the last good offset (whole ms) while correction is on, that offset is
   * within MAX_AUTO_CORRECTION_MS and within CORRECTION_RECONFIRM_MS of the accepted one; else 0.
   */
  correctionMs(): number {
    return this.status().correction.appliedMs;
  }

  /** Measures in the background; a failure is recorded in the status, never thrown (used at start). */
  start(): void {
    void this.measureShared();
  }

  /**
   * A check the user asked for ("Check now", a new server): measures now, or, when the last one the
   * user asked for was less than CHECK_SPACING_MS ago, once that time is over (every call meanwhile
   * shares that one). So however often the window asks, main queries at most once per spacing.
   */
  check(): Promise<ClockStatus> {
    if (this.running?.server === this.deps.server()) return this.running.promise;
    if (this.spaced) return this.spaced.promise;
    const now = this.deps.clock.now();
    // A clock set back must not block checks for long: never wait more than one spacing.
    const wait =
      this.lastAskedAt === undefined
        ? 0
        : Math.min(this.lastAskedAt + CHECK_SPACING_MS - now, CHECK_SPACING_MS);
    if (wait <= 0) {
      this.lastAskedAt = now;
      return this.measureShared();
    }
    let resolve!: (status: ClockStatus) => void;
    const promise = new Promise<ClockStatus>((done) => (resolve = done));
    const timer = this.deps.timers.setTimeout(() => {
      this.spaced = undefined;
      this.lastAskedAt = this.deps.clock.now();
      void this.measureShared().then(resolve);
    }, wait);
    this.spaced = { timer, promise, resolve };
    return promise;
  }

  /**
   * The user accepts the offset they were shown: correction turns on and follows it. Refused when it
   * is beyond MAX_AUTO_CORRECTION_MS or no longer the measured one (a recheck came in meanwhile).
   */
  acceptOffset(offsetMs: number): ClockStatus {
    if (Math.abs(offsetMs) > MAX_AUTO_CORRECTION_MS) {
      throw new AuthdeskError(
        'CLOCK_OFFSET_TOO_LARGE',
        `Codes are corrected by at most ${MAX_AUTO_CORRECTION_MS / 60_000} minutes; set this computer's clock instead.`,
      );
    }
    if (this.current.offsetMs !== offsetMs) {
      throw new AuthdeskError(
        'CLOCK_OFFSET_CHANGED',
        'The measured offset has changed since it was shown. Look at the new one and confirm again.',
      );
    }
    if (!this.deps.accept) throw new Error('ClockCheck: accepting an offset is not wired here');
    this.deps.accept(offsetMs);
    this.refreshCorrection();
    return this.status();
  }

  /** Measures now, sharing a measurement of the same server under way. */
  private measureShared(): Promise<ClockStatus> {
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

  /**
   * After a setting changed or a measurement: pushes codes if the correction they need changed, and
   * the status when what codes follow changed (a recheck that now needs the user, say).
   */
  refreshCorrection(): void {
    if (this.deps.correct() !== (this.recheck !== undefined)) this.scheduleRecheck();
    const status = this.status();
    if (JSON.stringify(status.correction) !== this.pushedCorrection) this.push(status);
    const correction = status.correction.appliedMs;
    if (correction === this.applied) return;
    this.applied = correction;
    this.deps.onCorrectionChange();
  }

  stop(): void {
    if (this.recheck !== undefined) this.deps.timers.clearTimeout(this.recheck);
    this.recheck = undefined;
  }

  /** Also drops a spaced check that has not run yet (its callers get the status as it is). */
  close(): void {
    this.stop();
    const spaced = this.spaced;
    if (!spaced) return;
    this.deps.timers.clearTimeout(spaced.timer);
    this.spaced = undefined;
    spaced.resolve(this.status());
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

  private update(patch: Partial<Omit<ClockStatus, 'correction'>>): void {
    this.current = { ...this.current, ...patch };
    this.push(this.status());
  }

  private push(status: ClockStatus): void {
    this.pushedCorrection = JSON.stringify(status.correction);
    this.deps.onStatus(status);
  }
}
