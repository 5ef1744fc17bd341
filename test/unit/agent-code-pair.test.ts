import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pairTiming, SAFE_PAIR_MS } from '../../shared/code-pair';

describe('pairTiming', () => {
  const step = 30_000 * 1000; // a step boundary

  it('is safe with SAFE_PAIR_MS or more left', () => {
    expect(pairTiming(step, 30)).toEqual({ safe: true, remainingMs: 30_000, waitMs: 0 });
    expect(pairTiming(step + 30_000 - SAFE_PAIR_MS, 30)).toEqual({
      safe: true,
      remainingMs: SAFE_PAIR_MS,
      waitMs: 0,
    });
  });

  it('waits for the next step when less is left', () => {
    expect(pairTiming(step + 30_000 - SAFE_PAIR_MS + 1, 30)).toEqual({
      safe: false,
      remainingMs: SAFE_PAIR_MS - 1,
      waitMs: SAFE_PAIR_MS - 1,
    });
    expect(pairTiming(step + 29_999, 30).waitMs).toBe(1);
  });

  it('takes a step shorter than SAFE_PAIR_MS at its start only', () => {
    expect(pairTiming(4000, 2)).toEqual({ safe: true, remainingMs: 2000, waitMs: 0 });
    expect(pairTiming(4001, 2)).toEqual({ safe: false, remainingMs: 1999, waitMs: 1999 });
  });

  it('matches the countdown ring', () => {
    // The renderer's TSX is outside the node typecheck, so its constant is read from the source.
    const ring = readFileSync('renderer/features/accounts/CountdownRing.tsx', 'utf8');
    expect(ring).toMatch(new RegExp(`export const URGENT_MS = ${SAFE_PAIR_MS};`));
  });
});
