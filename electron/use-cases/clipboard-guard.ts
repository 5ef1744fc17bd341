// Copies a code, marked as a secret, and clears the clipboard again, but only if it still holds that
// code: at the moment the copy asked for (a TOTP code's expiry, HOTP_CLEAR_MS for an HOTP code), and
// at once when the vault locks or the app quits.
import type { ClipboardPort, Clock, Timers } from '../ports';

/**
 * An HOTP code does not expire by time (it stays valid until it is used), so a copied one is cleared
 * after this long: enough to paste it, as password managers clear a copied password (KeePassXC's
 * default is 10 s, 1Password's 90 s); it is the same span as a TOTP code's step.
 */
export const HOTP_CLEAR_MS = 30_000;

/** Electron's clipboard reads and writes asynchronously. */
export class ClipboardGuard {
  private pending: { code: string; timer: unknown } | undefined;
  /** Counts copies, so that a copy whose write lands late knows whether it is still the last one… */
  private copies = 0;
  /** …and whether a clear (lock, quit) was asked for while its write was in flight. */
  private clearedDuring: number | undefined;

  constructor(private readonly deps: { clipboard: ClipboardPort; clock: Clock; timers: Timers }) {}

  /** Writes the code; when clearAt is given, schedules the clearing for that moment. */
  async copy(code: string, clearAt: number | null): Promise<void> {
    this.cancel();
    const copy = ++this.copies;
    await this.deps.clipboard.writeSecret(code);
    if (copy !== this.copies) return; // a later copy replaced it: that one clears
    if (this.clearedDuring === copy) {
      // The vault locked (or the app is quitting) while the code was being written.
      if (clearAt !== null) await this.clearCode(code);
      return;
    }
    if (clearAt === null) return;
    const timer = this.deps.timers.setTimeout(
      () => void this.clearIfOurs(),
      Math.max(0, clearAt - this.deps.clock.now()),
    );
    this.pending = { code, timer };
  }

  /** Clears now if the clipboard still holds the code we put there (used on lock and quit). */
  async clearIfOurs(): Promise<void> {
    const pending = this.pending;
    this.cancel();
    this.clearedDuring = this.copies;
    if (pending) await this.clearCode(pending.code);
  }

  private async clearCode(code: string): Promise<void> {
    if ((await this.deps.clipboard.readText()) === code) this.deps.clipboard.clear();
  }

  private cancel(): void {
    if (this.pending) this.deps.timers.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}
