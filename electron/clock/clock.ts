// Time and timers as a parameter, so tests and the browser harness can move the clock.

import type { Clock, Timers } from '../ports';

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // Timers must never keep a quitting process (or the CLI) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
