// Proves how the clock's offset is judged and put in words ("42.3 s", "1 h 5 min"), at each boundary.
import { describe, expect, it } from 'vitest';
import {
  CLOCK_WARNING_MS,
  MAX_AUTO_CORRECTION_MS,
  type ClockStatus,
} from '../../../shared/time-server';
import {
  clockBannerOf,
  driftOf,
  needsClockWarning,
  offsetAmount,
} from '../../../renderer/features/settings/model/clock-offset';
import { translator } from './translate';

describe('driftOf', () => {
  it('calls anything under half a second in sync, either way', () => {
    for (const offset of [0, 499, -499, 0.5])
      expect(driftOf(offset), String(offset)).toBe('inSync');
  });

  it('calls a negative offset fast (this clock is ahead) and a positive one slow', () => {
    expect(driftOf(-500)).toBe('fast');
    expect(driftOf(500)).toBe('slow');
    expect(driftOf(-42_300)).toBe('fast');
    expect(driftOf(3_600_000)).toBe('slow');
  });
});

describe('needsClockWarning', () => {
  it('warns only past 15 s off, and only while codes are not corrected', () => {
    expect(CLOCK_WARNING_MS).toBe(15_000);
    expect(needsClockWarning(15_000, false)).toBe(false);
    expect(needsClockWarning(-15_000, false)).toBe(false);
    expect(needsClockWarning(15_001, false)).toBe(true);
    expect(needsClockWarning(-15_001, false)).toBe(true);
    expect(needsClockWarning(60_000, true)).toBe(false);
  });

  it('does not warn before the offset has been measured', () => {
    expect(needsClockWarning(null, false)).toBe(false);
  });
});

describe('offsetAmount', () => {
  it('gives tenths of a second under a minute when precise, whole seconds otherwise', async () => {
    const t = await translator('en');
    expect(offsetAmount(-42_300, t, 'en', true)).toBe('42.3 s');
    expect(offsetAmount(42_300, t, 'en', false)).toBe('42 s');
    expect(offsetAmount(0, t, 'en', true)).toBe('0.0 s');
    expect(offsetAmount(59_499, t, 'en', true)).toBe('59.5 s');
  });

  it('switches to minutes and seconds once the rounded seconds reach a minute', async () => {
    const t = await translator('en');
    expect(offsetAmount(59_500, t, 'en', true)).toBe('1 min 0 s');
    expect(offsetAmount(65_000, t, 'en', true)).toBe('1 min 5 s');
    expect(offsetAmount(-3_599_499, t, 'en', false)).toBe('59 min 59 s');
  });

  it('switches to hours and minutes at an hour, rounding to the minute', async () => {
    const t = await translator('en');
    expect(offsetAmount(3_599_500, t, 'en', true)).toBe('1 h 0 min');
    expect(offsetAmount(3_900_000, t, 'en', true)).toBe('1 h 5 min');
    expect(offsetAmount(-(26 * 3_600_000 + 29_999), t, 'en', true)).toBe('26 h 0 min');
    expect(offsetAmount(1_000 * 3_600_000, t, 'en', true)).toBe('1,000 h 0 min');
  });

  it('writes the numbers and units as Japanese does', async () => {
    const t = await translator('ja');
    expect(offsetAmount(42_300, t, 'ja', true)).toBe('42.3 秒');
    expect(offsetAmount(65_000, t, 'ja', true)).toBe('1 分 5 秒');
    expect(offsetAmount(3_900_000, t, 'ja', true)).toBe('1 時間 5 分');
  });
});

describe('clockBannerOf', () => {
  const status = (
    offsetMs: number | null,
    state: ClockStatus['correction']['state'],
  ): ClockStatus => ({
    server: 'time.google.com',
    offsetMs,
    delayMs: 1,
    checkedAt: 0,
    error: null,
    checking: false,
    correction: { state, appliedMs: state === 'applied' ? (offsetMs ?? 0) : 0, acceptedMs: null },
  });

  it('offers the one-click correction only up to 5 minutes; past that, says to set the clock', () => {
    expect(clockBannerOf(status(-42_300, 'off'))).toBe('warn');
    expect(clockBannerOf(status(MAX_AUTO_CORRECTION_MS, 'off'))).toBe('warn');
    expect(clockBannerOf(status(MAX_AUTO_CORRECTION_MS + 1, 'off'))).toBe('setClock');
    expect(clockBannerOf(status(-3_600_000, 'too-large'))).toBe('setClock');
  });

  it('asks for confirmation while correction is paused, and says nothing while it is applied or small', () => {
    expect(clockBannerOf(status(-42_300, 'confirm'))).toBe('confirm');
    expect(clockBannerOf(status(-3_000, 'confirm'))).toBe('confirm');
    expect(clockBannerOf(status(-42_300, 'applied'))).toBeNull();
    expect(clockBannerOf(status(-5_000, 'off'))).toBeNull();
    expect(clockBannerOf(status(null, 'unmeasured'))).toBeNull();
    expect(clockBannerOf(null)).toBeNull();
  });
});
