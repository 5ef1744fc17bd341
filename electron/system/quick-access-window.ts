// Quick access's window as a QuickAccessWindowPort: made once (hardened as the main window, in
// window.ts), centred on the display with the pointer each time it is shown, hidden when it loses the
// keyboard, and on hiding giving the keyboard back to the window the user came from.
import { app, BrowserWindow, screen } from 'electron';
import type { QuickAccessWindowPort } from '../use-cases/quick-access';
import { createQuickAccessWindow } from './window';
import { QUICK_ACCESS_SIZE, centredOn } from './window-options';

/** How long the OS gets to give the keyboard back before a code is typed (Shift+Enter). */
const FOCUS_BACK_MS = 150;

export function quickAccessWindow(
  rendererDir: string,
  preloadFile: string,
  opts: () => { contentProtection: boolean; devTools: boolean },
): QuickAccessWindowPort & { window: () => BrowserWindow | undefined } {
  let win: BrowserWindow | undefined;
  const live = () => (win && !win.isDestroyed() ? win : undefined);
  const ensure = (): BrowserWindow => {
    const existing = live();
    if (existing) return existing;
    const created = createQuickAccessWindow(rendererDir, preloadFile, opts());
    created.on('blur', () => {
      if (created.isVisible()) created.hide();
    });
    created.on('closed', () => (win = undefined));
    win = created;
    return created;
  };
  // A hidden quick-access window must not keep the app running once the main window is closed
  // (window-all-closed decides whether to quit): closing the last other window closes it too.
  app.on('browser-window-created', (_event, other) => {
    other.on('closed', () => {
      const q = live();
      if (q && !q.isVisible() && BrowserWindow.getAllWindows().every((o) => o === q)) q.destroy();
    });
  });
  return {
    window: live,
    show() {
      const w = ensure();
      w.setContentProtection(opts().contentProtection);
      const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
      w.setBounds(centredOn(display.workArea, QUICK_ACCESS_SIZE));
      w.show();
      w.focus();
    },
    async hide() {
      const w = live();
      if (!w || !w.isVisible()) return;
      w.hide();
      // macOS gives the keyboard back to the previous app only when ours hides.
      const others = BrowserWindow.getAllWindows().some((o) => o !== w && o.isVisible());
      if (process.platform === 'darwin' && !others) app.hide();
      await new Promise((resolve) => setTimeout(resolve, FOCUS_BACK_MS));
    },
    ourWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
  };
}
