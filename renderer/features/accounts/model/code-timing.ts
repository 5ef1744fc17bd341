// What a row shows at a given moment: the pushed codes, rolled forward if the push is late.
import type { CodeEntry } from '../../../../shared/ipc';

export interface ShownCodes {
  current: string | null;
  next: string | null;
  /** Milliseconds the shown current code still lives; null for HOTP. */
  remainingMs: number | null;
  periodMs: number;
  /** Epoch ms (main's clock) when the shown current code ends; identifies the step. */
  stepEndsAt: number | null;
}

/**
 * Main pushes right after each step boundary; between the boundary and the push we already know
 * the new current code (it was "next"), so the row never shows an expired code.
 */
export function shownCodes(entry: CodeEntry, skewMs: number, now: number): ShownCodes {
  const periodMs = entry.period * 1000;
  if (entry.stepEndsAt === null) {
    return {
      current: entry.current,
      next: entry.next,
      remainingMs: null,
      periodMs,
      stepEndsAt: null,
    };
  }
  const mainNow = now + skewMs;
  const late = mainNow - entry.stepEndsAt;
  if (late < 0) {
    const remainingMs = Math.min(periodMs, -late);
    return {
      current: entry.current,
      next: entry.next,
      remainingMs,
      periodMs,
      stepEndsAt: entry.stepEndsAt,
    };
  }
  const stepsLate = Math.floor(late / periodMs) + 1;
  const stepEndsAt = entry.stepEndsAt + stepsLate * periodMs;
  return {
    current: stepsLate === 1 ? entry.next : null,
    next: null,
    remainingMs: stepEndsAt - mainNow,
    periodMs,
    stepEndsAt,
  };
}
