// Idle auto-lock: locks after the configured idle minutes, never when turned off or already locked.
import { describe, expect, it } from 'vitest';
import { IdleLock } from '../../electron/use-cases/idle-lock';
import { ManualTime } from '../harness/manual-timers';

function setup(minutes: number) {
  const time = new ManualTime(0);
  let idle = 0;
  let unlocked = true;
  const locks: number[] = [];
  const idleLock = new IdleLock({
    timers: time,
    idleSeconds: () => idle,
    minutes: () => minutes,
    isUnlocked: () => unlocked,
    lock: () => {
      locks.push(time.now());
      unlocked = false;
    },
  });
  return { time, idleLock, locks, setIdle: (s: number) => (idle = s) };
}

describe('idle lock', () => {
  it('locks once the system has been idle for the configured minutes', () => {
    const { time, idleLock, locks, setIdle } = setup(5);
    idleLock.start();
    setIdle(299);
    time.advance(15_000);
    expect(locks).toHaveLength(0);
    setIdle(300);
    time.advance(15_000);
    expect(locks).toHaveLength(1);
  });

  it('never locks when set to 0 minutes', () => {
    const { time, idleLock, locks, setIdle } = setup(0);
    idleLock.start();
    setIdle(1_000_000);
    time.advance(60_000);
    expect(locks).toHaveLength(0);
  });

  it('does not lock again while already locked', () => {
    const { time, idleLock, locks, setIdle } = setup(1);
    idleLock.start();
    setIdle(120);
    time.advance(120_000);
    expect(locks).toHaveLength(1);
  });
});
