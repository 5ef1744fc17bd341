// Quitting waits for the last work (clearing the clipboard, locking the vault), once, and at most a
// bound: counted with fake events and the manual timers, no waiting on the wall clock.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdQuit, QUIT_HOLD_MS } from '../../electron/system/quit-hold';
import { ManualTime } from '../harness/manual-timers';

function quitEvent() {
  const e = { prevented: 0, preventDefault: () => void e.prevented++ };
  return e;
}

/** A promise the test settles by hand, like a clipboard write that has not come back yet. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(work: () => Promise<void>) {
  const time = new ManualTime(0);
  const log: string[] = [];
  let quits = 0;
  const hold = holdQuit({
    work,
    quit: () => void quits++,
    timers: time,
    log: (message) => log.push(message),
  });
  return { hold, time, log, quits: () => quits };
}

describe('holdQuit', () => {
  it('holds the first quit until the work has finished, then quits and lets that quit pass', async () => {
    const clear = deferred();
    let started = 0;
    const { hold, quits } = setup(() => {
      started++;
      return clear.promise;
    });
    const first = quitEvent();
    hold(first);
    expect(first.prevented).toBe(1);
    expect(started).toBe(1);
    expect(hold.state()).toBe('holding');
    await settle();
    expect(quits()).toBe(0); // the clipboard has not been cleared yet
    clear.resolve();
    await settle();
    expect(quits()).toBe(1);
    expect(hold.state()).toBe('done');
    const second = quitEvent();
    hold(second);
    expect(second.prevented).toBe(0);
  });

  it('runs the work once when quit is asked again while it runs', async () => {
    const clear = deferred();
    let started = 0;
    const { hold, quits } = setup(() => {
      started++;
      return clear.promise;
    });
    hold(quitEvent());
    const again = quitEvent();
    hold(again);
    expect(again.prevented).toBe(1);
    expect(started).toBe(1);
    clear.resolve();
    await settle();
    expect(quits()).toBe(1);
  });

  it('quits after the bound when the work never finishes', async () => {
    const { hold, time, quits, log } = setup(() => new Promise<void>(() => {}));
    hold(quitEvent());
    time.advance(QUIT_HOLD_MS - 1);
    expect(quits()).toBe(0);
    time.advance(1);
    expect(quits()).toBe(1);
    expect(log).toHaveLength(1);
    expect(hold.state()).toBe('done');
  });

  it('quits, and logs, when the work fails or throws at once; the bound timer is cleared', async () => {
    const failing = deferred();
    const a = setup(() => failing.promise);
    a.hold(quitEvent());
    failing.reject(new Error('clipboard gone'));
    await settle();
    expect(a.quits()).toBe(1);
    expect(a.log).toHaveLength(1);
    expect(a.time.pending).toBe(0);
    a.time.advance(QUIT_HOLD_MS);
    expect(a.quits()).toBe(1); // not a second time from the bound

    const b = setup(() => {
      throw new Error('sync failure');
    });
    b.hold(quitEvent());
    await settle();
    expect(b.quits()).toBe(1);
  });
});

describe('main.ts', () => {
  it('quits through holdQuit, whose work awaits clearing the clipboard', () => {
    const main = readFileSync(path.join(import.meta.dirname, '../../electron/main.ts'), 'utf8');
    const listener = /app\.on\(\s*'before-quit',\s*holdQuit\(\{([\s\S]*?)\}\),\s*\);/.exec(main);
    expect(listener).not.toBeNull();
    expect(listener![1]).toMatch(/await [^;]*services\.clipboard\.clearIfOurs\(\)/);
    expect(main).not.toMatch(/void services\.clipboard\.clearIfOurs\(\)/);
  });
});
