// The agent's question ("Allow `authdesk` (pid, parent, terminal) to read codes?") as a native
// message box: keyboard-first (Tab/arrows between the buttons, Enter the default, Escape cancelId),
// closed by `signal` when nobody answers in time. Attached to the main window when it is on screen;
// without a parent otherwise, so that it still appears while Authdesk sits in the tray.
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { ChoicePort } from '../ports';

/**
 * `parent`: the window to attach the box to, or undefined for none. macOS runs a parentless box
 * synchronously (the whole main process waits, and `signal` cannot close it), so main hands a
 * shown window there (see main.ts).
 */
export function electronChoices(parent: () => BrowserWindow | undefined): ChoicePort {
  return {
    choose: async (choice, signal) => {
      if (signal.aborted) return choice.cancelId;
      const win = parent();
      // As far forward as the platform allows: macOS activates the app; Windows may only flash it.
      if (process.platform === 'darwin') app.focus({ steal: true });
      if (win) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
      }
      const options: MessageBoxOptions = {
        type: 'question',
        title: choice.title,
        message: choice.message,
        detail: choice.detail,
        buttons: choice.buttons,
        defaultId: choice.defaultId,
        cancelId: choice.cancelId,
        noLink: true,
        signal,
      };
      const { response } = await (win
        ? dialog.showMessageBox(win, options)
        : dialog.showMessageBox(options));
      return signal.aborted ? choice.cancelId : response;
    },
  };
}
