// Quick access: the small window the global shortcut opens, in plain code. Its window (the Electron
// glue in system/quick-access-window.ts, a stand-in in tests) and the shortcut's registration
// (system/global-shortcut.ts) are ports attached by main once the app is ready; until then showing
// does nothing and the shortcut is reported as not yet registered.
//
//   services.quickAccess.show()          // the shortcut, the tray's "Quick access" item
//   services.quickAccess.hide()          // Esc, losing focus, after Enter copied the code
//   services.quickAccess.type(id)        // Shift+Enter: hide, then type into the window we came from
//   services.quickAccess.applyShortcut() // the setting changed: unregister the old, register the new
import { isShortcutSetting } from '../../shared/settings-shortcut';
import type { ShortcutStatus } from '../../shared/ipc';
import type { RecentAccounts } from './recent-accounts';
import type { TypeCode, TypeCodeResult } from './type-code';

export interface QuickAccessWindowPort {
  /** Creates the window if needed, centres it on the display with the pointer, shows and focuses it. */
  show(): void;
  /** Hides it and gives the keyboard back to the window the user came from; resolves once it has. */
  hide(): Promise<void>;
  /** Whether one of Authdesk's own windows has the keyboard (then nothing is typed). */
  ourWindowFocused(): boolean;
}

/** Electron's globalShortcut, as much as this file needs. */
export interface ShortcutPort {
  /** false when the OS refuses the accelerator or another app holds it. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
}

export class QuickAccess {
  #window: QuickAccessWindowPort | undefined;
  #shortcuts: ShortcutPort | undefined;
  /** The accelerator this app holds now, if any. */
  #held: string | null = null;
  #status: ShortcutStatus;

  constructor(
    private readonly deps: {
      typeCode: Pick<TypeCode, 'type'>;
      /** A typed code counts as a use (a copied one already did, in copyCode). */
      recent: Pick<RecentAccounts, 'used'>;
      /** The shortcut setting ('' off). */
      shortcut: () => string;
      /** Main pushes the new status (Settings shows a refused shortcut). */
      onStatus: (status: ShortcutStatus) => void;
      /** Tells the quick-access renderer it was shown (it clears its search and focuses it). */
      onShown: () => void;
    },
  ) {
    this.#status = { accelerator: deps.shortcut(), state: 'pending' };
  }

  /** main: the Electron window and globalShortcut, once the app is ready. Registers the shortcut. */
  attach(window: QuickAccessWindowPort, shortcuts: ShortcutPort): void {
    this.#window = window;
    this.#shortcuts = shortcuts;
    this.applyShortcut();
  }

  show(): void {
    if (!this.#window) return;
    this.#window.show();
    this.deps.onShown();
  }

  async hide(): Promise<void> {
    await this.#window?.hide();
  }

  /** Shift+Enter: the window hides first, so that the keystrokes go where the user came from. */
  async type(id: string): Promise<TypeCodeResult> {
    await this.hide();
    const targetIsOurs = this.#window ? this.#window.ourWindowFocused() : true;
    const result = await this.deps.typeCode.type(id, { targetIsOurs });
    if (result.done === 'typed') this.deps.recent.used(id);
    return result;
  }

  status(): ShortcutStatus {
    return { ...this.#status };
  }

  /**
   * Registers the setting's shortcut in place of the one held: unchanged, it is left alone; refused
   * (the OS, another app), the status says so and nothing is held. An accelerator the setting's rules
   * refuse never reaches the OS.
   */
  applyShortcut(): ShortcutStatus {
    const wanted = this.deps.shortcut();
    const shortcuts = this.#shortcuts;
    if (!shortcuts) return this.status();
    if (wanted === this.#held && this.#status.state === 'registered') return this.status();
    if (this.#held !== null) {
      shortcuts.unregister(this.#held);
      this.#held = null;
    }
    let state: ShortcutStatus['state'];
    if (wanted === '') state = 'off';
    else if (!isShortcutSetting(wanted)) state = 'refused';
    else {
      let ok = false;
      try {
        ok = shortcuts.register(wanted, () => this.show());
      } catch {
        ok = false; // Electron throws on an accelerator it cannot parse
      }
      state = ok ? 'registered' : 'refused';
      if (ok) this.#held = wanted;
    }
    this.#status = { accelerator: wanted, state };
    this.deps.onStatus(this.status());
    return this.status();
  }

  /** Quit: the OS shortcut is given back. */
  stop(): void {
    if (this.#held !== null) this.#shortcuts?.unregister(this.#held);
    this.#held = null;
  }
}
