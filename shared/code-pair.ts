// When two consecutive codes (AWS registration and resync) can be taken: AWS checks both against its
// own clock, so a pair taken in the last seconds of a step reaches it late and registers the device
// out of sync. The window shows the pair only with SAFE_PAIR_MS left (the countdown ring's urgent
// threshold, renderer/features/accounts/CountdownRing.tsx URGENT_MS); the agent and the command wait
// for the same moment.

/** The least of a step that must be left when a pair of consecutive codes is taken. */
export const SAFE_PAIR_MS = 5000;

export interface PairTiming {
  /** True when a pair taken now leaves at least SAFE_PAIR_MS (or the whole step, for steps shorter than that). */
  safe: boolean;
  /** Milliseconds until the current step ends. */
  remainingMs: number;
  /** 0 when safe; otherwise how long to wait for the next step to begin. */
  waitMs: number;
}

/**
 * Whether a pair of consecutive codes taken at `timeMs` (true time: the local clock plus any
 * correction, in epoch milliseconds) leaves enough of its `periodSeconds`-long step.
 */
export function pairTiming(timeMs: number, periodSeconds: number): PairTiming {
  const periodMs = periodSeconds * 1000;
  const remainingMs = periodMs - (((timeMs % periodMs) + periodMs) % periodMs);
  // A step shorter than SAFE_PAIR_MS is never that long: its start is the best there is.
  const safe = remainingMs >= Math.min(SAFE_PAIR_MS, periodMs);
  return { safe, remainingMs, waitMs: safe ? 0 : remainingMs };
}
