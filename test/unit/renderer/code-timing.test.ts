// Proves what a row shows at a moment: the pushed codes while they live, the next one once the step
// has ended but main's push is late, and nothing that has expired.
import { describe, expect, it } from 'vitest';
import type { CodeEntry } from '../../../shared/ipc';
import { shownCodes } from '../../../renderer/features/accounts/model/code-timing';

// A 30-second step that ends at 60 s on main's clock.
const entry: CodeEntry = {
  id: 'a',
  current: '111111',
  next: '222222',
  stepEndsAt: 60_000,
  period: 30,
};

describe('shownCodes', () => {
  it('shows the pushed codes and the time left while the step lives', () => {
    expect(shownCodes(entry, 0, 45_000)).toEqual({
      current: '111111',
      next: '222222',
      remainingMs: 15_000,
      periodMs: 30_000,
      stepEndsAt: 60_000,
    });
    expect(shownCodes(entry, 0, 59_999).remainingMs).toBe(1);
  });

  it("reads the moment on main's clock: a window clock behind by the skew sees the same", () => {
    expect(shownCodes(entry, 5_000, 40_000)).toEqual(shownCodes(entry, 0, 45_000));
    expect(shownCodes(entry, -5_000, 50_000)).toEqual(shownCodes(entry, 0, 45_000));
  });

  it('never counts more than one period, even when a push arrives early', () => {
    expect(shownCodes(entry, 0, 0).remainingMs).toBe(30_000);
  });

  it('rolls forward at the boundary: the next code becomes current, with no next', () => {
    expect(shownCodes(entry, 0, 60_000)).toEqual({
      current: '222222',
      next: null,
      remainingMs: 30_000,
      periodMs: 30_000,
      stepEndsAt: 90_000,
    });
    expect(shownCodes(entry, 0, 89_999)).toMatchObject({ current: '222222', remainingMs: 1 });
  });

  it('shows no code at all once the push is a whole step late', () => {
    expect(shownCodes(entry, 0, 90_000)).toEqual({
      current: null,
      next: null,
      remainingMs: 30_000,
      periodMs: 30_000,
      stepEndsAt: 120_000,
    });
    expect(shownCodes(entry, 0, 1_000_000).current).toBeNull();
  });

  it('shows HOTP codes as pushed, without a countdown, at any moment', () => {
    const hotp: CodeEntry = { ...entry, stepEndsAt: null };
    expect(shownCodes(hotp, 0, 1e12)).toEqual({
      current: '111111',
      next: '222222',
      remainingMs: null,
      periodMs: 30_000,
      stepEndsAt: null,
    });
  });
});
