// Types an account's code into the window the user came from (quick access's Shift+Enter), as
// KeePassXC's auto-type does; copies it instead where typing cannot be done.
//
//   const typeCode = services.typeCode;          // built by composition.ts
//   const result = await typeCode.type(id, { targetIsOurs });
//   // result: { done: 'typed' }
//   //       | { done: 'copied'; reason: CopiedReason; clearsAt: number | null }
//   const can = await typeCode.availability();   // { available: true } | { available: false; reason }
//
// - `id`: the account. `targetIsOurs`: true when the window that would receive the keystrokes is one
//   of Authdesk's own (the caller knows which window had focus); then nothing is typed — the code is
//   copied, with reason 'own-window'. The keystrokes go to whichever window has the focus when they
//   are sent: the caller hides quick access first and calls this once the focus is back where the
//   user came from (Electron: no BrowserWindow focused any more, else targetIsOurs).
// - Reasons for copying: 'own-window', or the engine's: 'wayland', 'no-display', 'unsupported',
//   'failed' (the library did not load, the keys were refused, or macOS Accessibility not allowed).
// - Fresh code: the code is computed at the moment of typing, on the code clock. When its step ends
//   within FRESH_MARGIN_MS, it waits (injected timers) until the step has ended and types the new
//   step's code, so a typed code always has at least that long to be used and is never one whose
//   step is over. HOTP codes do not expire by time: the current one is typed at once, and the counter
//   is not moved (as the window's copy does not move it).
// - Where typing is unavailable or the keystrokes fail, the code is copied through the copy-code use case
//   (codes.ts copyCode, which the composition root binds as `copy`: the clipboard is cleared when the
//   code expires, as for every copy), and `reason` says why.
// - Throws as copyCode does: VAULT_LOCKED when the vault is locked, NOT_FOUND for an unknown id.
import type { OtpEngine } from '../../shared/otp';
import type { Timers, TypistPort, TypistUnavailableReason } from '../ports';
import type { Vault } from '../vault/vault';
import type { ClockCheck } from './clock-check';
import { codeAt } from './codes';

/** A code is typed only with at least this long left in its step; otherwise the next step's is. */
export const FRESH_MARGIN_MS = 1000;

/** Why a code was copied instead of typed. */
export type CopiedReason = TypistUnavailableReason | 'own-window';

export type TypeCodeResult =
  { done: 'typed' } | { done: 'copied'; reason: CopiedReason; clearsAt: number | null };

export interface TypeCodeDeps {
  vault: Vault;
  engine: OtpEngine;
  clockCheck: ClockCheck;
  typist: TypistPort;
  timers: Timers;
  /** The copy-code use case for the account's current code (codes.ts copyCode). */
  copy: (id: string) => Promise<{ clearsAt: number | null }>;
}

export class TypeCode {
  constructor(private readonly deps: TypeCodeDeps) {}

  /**
   * Whether a code can be typed here, and if not why (for Settings and quick access to say so):
   * 'wayland', 'no-display', 'unsupported' or 'failed'.
   */
  availability(): ReturnType<TypistPort['availability']> {
    return this.deps.typist.availability();
  }

  /** Types the account's current code into the focused window, or copies it (see the file's top). */
  async type(id: string, target: { targetIsOurs: boolean }): Promise<TypeCodeResult> {
    this.deps.vault.get(id); // VAULT_LOCKED / NOT_FOUND before anything else
    if (target.targetIsOurs) return this.copy(id, 'own-window');
    const availability = await this.deps.typist.availability();
    if (!availability.available) return this.copy(id, availability.reason);
    const code = await this.freshCode(id);
    try {
      await this.deps.typist.type(code);
    } catch (error) {
      console.error('typing a code failed:', error);
      return this.copy(id, 'failed');
    }
    return { done: 'typed' };
  }

  /** The code to type now: never one with less than FRESH_MARGIN_MS left in its step. */
  private async freshCode(id: string): Promise<string> {
    // Each pass either returns or waits for a step's end; the second pass is in a new step, which
    // has a whole period (at least a second) left, so this ends after one wait (three passes at most
    // even if the clock were set back meanwhile).
    for (let pass = 0; ; pass++) {
      const now = this.deps.clockCheck.codeClock.now();
      const { code, expiresAt } = codeAt(this.deps.engine, this.deps.vault.get(id), now, 'current');
      if (expiresAt === null || expiresAt - now >= FRESH_MARGIN_MS || pass === 2) return code;
      await new Promise<void>((resolve) =>
        this.deps.timers.setTimeout(resolve, Math.max(0, expiresAt - now)),
      );
    }
  }

  private async copy(id: string, reason: CopiedReason): Promise<TypeCodeResult> {
    const { clearsAt } = await this.deps.copy(id);
    return { done: 'copied', reason, clearsAt };
  }
}
