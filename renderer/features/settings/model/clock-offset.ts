// How far this computer's clock is off, in words ("42.3 s fast", "1 h 5 min slow"), and when to warn.
import type { TFunction } from 'i18next';
import {
  CLOCK_WARNING_MS,
  MAX_AUTO_CORRECTION_MS,
  type ClockStatus,
} from '../../../../shared/time-server';

/** Below this the clock is simply right; a few hundred ms is the measurement's own noise. */
const IN_SYNC_MS = 500;

/** Offsets are true time minus ours: a negative one means this computer's clock is ahead. */
export type ClockDrift = 'fast' | 'slow' | 'inSync';

export function driftOf(offsetMs: number): ClockDrift {
  if (Math.abs(offsetMs) < IN_SYNC_MS) return 'inSync';
  return offsetMs < 0 ? 'fast' : 'slow';
}

/** The accounts screen warns while the clock is this far off and codes are not corrected. */
export function needsClockWarning(offsetMs: number | null, corrected: boolean): boolean {
  return !corrected && offsetMs !== null && Math.abs(offsetMs) > CLOCK_WARNING_MS;
}

/**
 * What the accounts screen's clock banner says: 'warn' (codes not corrected and the clock more than
 * 15 s off: one click corrects), 'setClock' (so far off that only setting the clock helps), 'confirm'
 * (correction paused until the user accepts a new offset), or nothing.
 */
export type ClockBanner = 'warn' | 'setClock' | 'confirm' | null;

export function clockBannerOf(status: ClockStatus | null): ClockBanner {
  const offsetMs = status?.offsetMs ?? null;
  if (!status || offsetMs === null) return null;
  const { state } = status.correction;
  if (state === 'confirm') return 'confirm';
  if (state === 'applied' || !needsClockWarning(offsetMs, false)) return null;
  return Math.abs(offsetMs) > MAX_AUTO_CORRECTION_MS ? 'setClock' : 'warn';
}

/** An offset with its sign ("+42.3 s", "−1 min 5 s"): what codes add to this computer's clock. */
export function signedOffset(offsetMs: number, t: TFunction, language: string): string {
  return `${offsetMs < 0 ? '−' : '+'}${offsetAmount(offsetMs, t, language, true)}`;
}

/** The size of an offset: tenths of a second under a minute when `precise`, then min, then h. */
export function offsetAmount(
  offsetMs: number,
  t: TFunction,
  language: string,
  precise: boolean,
): string {
  const ms = Math.abs(offsetMs);
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return t('clock.seconds', { value: precise ? number(ms / 1000, 1) : number(seconds, 0) });
  }
  if (seconds < 3600) {
    return t('clock.minutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
  }
  const minutes = Math.round(ms / 60_000);
  return t('clock.hours', { hours: number(Math.floor(minutes / 60), 0), minutes: minutes % 60 });
}
