// The IPC door's guard: binds every contract method to ipcMain (passed in), rejecting calls from any
// frame but our two windows' top frames (the main window's page, quick access's) on app://authdesk/. Only Electron's types are imported, so
// test/unit/ipc-binding.test.ts drives it with fake events.
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { EventName, Events, Result } from '../../shared/ipc';
import { METHODS, channelOf } from '../../shared/ipc';
import { dispatch } from '../ipc/dispatch';
import type { Handlers } from '../ipc/handlers';

/** The part of ipcMain this file uses. */
export interface InvokeRegistry {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, args: unknown) => unknown): void;
}

export const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'INVALID_ARGUMENT', message: 'Refused.' },
};

export function bindIpc(
  ipc: InvokeRegistry,
  handlers: Handlers,
  isOurFrame: (event: IpcMainInvokeEvent) => boolean,
  log: (message: string, error: unknown) => void = console.error,
): void {
  for (const method of METHODS) {
    ipc.handle(channelOf(method), (event, args: unknown) => {
      if (!isOurFrame(event)) return REFUSED;
      return dispatch(handlers, method, args, (error) => log(`ipc ${method}:`, error));
    });
  }
}

/** The parts of an event and a window frameCheck reads (Electron's, or a test's fakes). */
export type GuardEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type GuardWindow = Pick<BrowserWindow, 'isDestroyed' | 'webContents'>;

/**
 * Our renderer is the top frame of our live window, showing exactly `rendererUrl` (a fragment
 * aside). A destroyed window, a frame gone since the call, a sub-frame, another page or another
 * window's frame is refused. Reading a destroyed object throws in Electron: that refuses too.
 */
export function frameCheck(getWindow: () => GuardWindow | undefined, rendererUrl: string) {
  return (event: GuardEvent): boolean => {
    try {
      const win = getWindow();
      if (!win || win.isDestroyed()) return false;
      const contents = win.webContents;
      const frame = event.senderFrame;
      return (
        event.sender === contents &&
        frame !== null &&
        frame !== undefined &&
        frame === contents.mainFrame &&
        frame.parent === null &&
        frame.url.split('#')[0] === rendererUrl
      );
    } catch {
      return false;
    }
  };
}

/**
 * Our windows, each with the one page it may show: the main window and quick access. A call is
 * answered when it comes from one of them as frameCheck accepts it; anything else is refused.
 */
export function windowsCheck(
  windows: readonly { getWindow: () => GuardWindow | undefined; rendererUrl: string }[],
) {
  const checks = windows.map(({ getWindow, rendererUrl }) => frameCheck(getWindow, rendererUrl));
  return (event: GuardEvent): boolean => checks.some((check) => check(event));
}

/** Sends every event to each of our live windows (the main window, quick access). */
export function pusher(...getWindows: (() => BrowserWindow | undefined)[]) {
  return <E extends EventName>(event: E, payload: Events[E]): void => {
    for (const getWindow of getWindows) {
      const win = getWindow();
      if (win && !win.isDestroyed()) win.webContents.send(channelOf(event), payload);
    }
  };
}
