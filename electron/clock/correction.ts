// The bounds on clock correction: what codes follow, given the setting, the measured offset and the
// offset the user accepted. One rule for the window (ClockCheck) and `authdesk code` alike.
import {
  CORRECTION_RECONFIRM_MS,
  MAX_AUTO_CORRECTION_MS,
  type ClockCorrection,
} from '../../shared/time-server';

export function correctionFor(
  on: boolean,
  offsetMs: number | null,
  acceptedMs: number | null,
): ClockCorrection {
  const of = (state: ClockCorrection['state'], appliedMs = 0): ClockCorrection => ({
    state,
    appliedMs,
    acceptedMs,
  });
  if (!on) return of('off');
  if (offsetMs === null) return of('unmeasured');
  // SNTP is unauthenticated: past the cap a reply is never followed, whatever was accepted before.
  if (Math.abs(offsetMs) > MAX_AUTO_CORRECTION_MS) return of('too-large');
  if (acceptedMs === null || Math.abs(offsetMs - acceptedMs) > CORRECTION_RECONFIRM_MS) {
    return of('confirm');
  }
  return of('applied', offsetMs);
}
