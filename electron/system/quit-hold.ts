// Holds the app's quit until its last work is done (the clipboard cleared, the vault locked), for at
// most a bound: plain logic over an event with preventDefault, so a unit test drives it.
import type { Timers } from '../ports';

/** Long enough for a clipboard read and write; short enough that a stuck one never keeps the app up. */
export const QUIT_HOLD_MS = 2_000;

export interface QuitHold {
  /** The before-quit listener. */
  (event: { preventDefault(): void }): void;
  /** 'open' until the first quit, 'holding' while the work runs, 'done' once quit may proceed. */
  readonly state: () => 'open' | 'holding' | 'done';
}

/**
 * The first before-quit is cancelled and `work` starts; when it settles, or after `boundMs` if it
 * does not, `quit` is called again and that before-quit passes. A quit asked for while the work
 * runs is cancelled too and changes nothing (the work runs once). A failure is logged, never kept.
 */
export function holdQuit(opts: {
  work: () => Promise<void>;
  quit: () => void;
  timers: Timers;
  boundMs?: number;
  log?: (message: string, error?: unknown) => void;
}): QuitHold {
  let state: 'open' | 'holding' | 'done' = 'open';
  const log =
    opts.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));

  const finish = () => {
    if (state !== 'holding') return;
    state = 'done';
    opts.quit();
  };

  const listener = (event: { preventDefault(): void }) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'holding') return;
    state = 'holding';
    const bound = opts.timers.setTimeout(() => {
      log('quit: the last work did not finish in time; quitting anyway.');
      finish();
    }, opts.boundMs ?? QUIT_HOLD_MS);
    let running: Promise<void>;
    try {
      running = opts.work();
    } catch (error) {
      running = Promise.reject(error);
    }
    void running
      .catch((error: unknown) => log('quit: the last work failed:', error))
      .finally(() => {
        opts.timers.clearTimeout(bound);
        finish();
      });
  };
  return Object.assign(listener, { state: () => state });
}
