// What closing the main window does: hide it and keep Authdesk in the tray (closeToTray, on by
// default on Windows and Linux), or close it; and, the first time it hides, one short notice saying
// where Authdesk went. main.ts only forwards the window's `close` and the app's `window-all-closed`.
import { closeToTrayOn, resolveLanguage, type Settings } from '../../shared/settings';
import type { SettingsService } from './settings';

export interface TrayNotice {
  title: string;
  body: string;
}

export interface CloseToTrayDeps {
  settings: Pick<SettingsService, 'get' | 'set'>;
  platform: string;
  systemLanguage: () => string;
  /** Shows the notice (a system notification, or a dialog where there are none). */
  notify: (notice: TrayNotice) => void;
}

export class CloseToTray {
  constructor(private readonly deps: CloseToTrayDeps) {}

  /**
   * The user closed the main window: 'hide' keeps the app (and an unlocked vault, under the idle
   * lock) in the tray; while quitting the window always closes.
   */
  onClose(quitting: boolean): 'hide' | 'close' {
    const settings = this.deps.settings.get();
    if (quitting || !closeToTrayOn(settings.closeToTray, this.deps.platform)) return 'close';
    if (!settings.closeToTrayNoticeShown) this.showNotice(settings);
    return 'hide';
  }

  /**
   * The last window is gone: quit, except on macOS, where an app stays in the dock until the user
   * quits it, and except when the tray holds the app.
   */
  afterAllClosed(): 'quit' | 'stay' {
    if (this.deps.platform === 'darwin') return 'stay';
    return closeToTrayOn(this.deps.settings.get().closeToTray, this.deps.platform)
      ? 'stay'
      : 'quit';
  }

  /** Marked as shown first: a notice that fails is not retried on every close. */
  private showNotice(settings: Settings): void {
    try {
      this.deps.settings.set({ closeToTrayNoticeShown: true });
    } catch (error) {
      console.error('the tray notice could not be marked as shown:', error);
    }
    const language = resolveLanguage(settings.language, this.deps.systemLanguage());
    try {
      this.deps.notify(trayNotice(language, this.deps.platform));
    } catch (error) {
      console.error('the tray notice could not be shown:', error);
    }
  }
}

export function trayNotice(language: 'en' | 'ja', platform: string): TrayNotice {
  const mac = platform === 'darwin';
  return language === 'ja'
    ? {
        title: 'Authdesk は動作中です',
        body: mac
          ? 'ウィンドウを閉じても Authdesk はメニューバーに残ります。メニューバーのアイコンから開けます。設定の「ウィンドウを閉じてもメニューバーに残す」で変えられます。'
          : 'ウィンドウを閉じても Authdesk はトレイに残ります。トレイのアイコンから開けます。設定の「ウィンドウを閉じてもトレイに残す」で変えられます。',
      }
    : {
        title: 'Authdesk is still running',
        body: mac
          ? 'Closing the window keeps Authdesk in the menu bar: open it from its icon there. Change this in Settings (Keep in the menu bar when the window is closed).'
          : 'Closing the window keeps Authdesk in the tray: open it from its icon there. Change this in Settings (Keep in the tray when the window is closed).',
      };
}
