// Copies a code and clears the clipboard when the code expires, but only if it still holds that code.
import type { ClipboardPort, Clock, Timers } from '../ports';

/** Electron's clipboard reads and writes asynchronously. */
export class ClipboardGuard {
  private pending: { code: string; timer: unknown } | undefined;

  constructor(private readonly deps: { clipboard: ClipboardPort; clock: Clock; timers: Timers }) {}

  /** Writes the code; when clearAt is given, schedules the clearing for that moment. */
  async copy(code: string, clearAt: number | null): Promise<void> {
    this.cancel();
    await this.deps.clipboard.writeText(code);
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
    if (pending && (await this.deps.clipboard.readText()) === pending.code) {
      this.deps.clipboard.clear();
    }
  }

  private cancel(): void {
    if (this.pending) this.deps.timers.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }
}
