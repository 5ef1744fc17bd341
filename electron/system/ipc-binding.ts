// Electron adapter: binds every contract method to ipcMain, rejecting calls from any frame but ours.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventName, Events } from '../../shared/ipc';
import { METHODS, channelOf } from '../../shared/ipc';
import { dispatch } from '../ipc/dispatch';
import type { Handlers } from '../ipc/handlers';

export function bindIpc(
  handlers: Handlers,
  isOurFrame: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), (event, args: unknown) => {
      if (!isOurFrame(event)) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Refused.' } };
      }
      return dispatch(handlers, method, args, (error) => console.error(`ipc ${method}:`, error));
    });
  }
}

/** Our renderer is the top frame of our window, loaded from the bundled index.html. */
export function frameCheck(getWindow: () => BrowserWindow | undefined, rendererUrl: string) {
  return (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    return (
      win !== undefined &&
      event.sender === win.webContents &&
      frame !== null &&
      frame === win.webContents.mainFrame &&
      frame.url.split('#')[0] === rendererUrl
    );
  };
}

export function pusher(getWindow: () => BrowserWindow | undefined) {
  return <E extends EventName>(event: E, payload: Events[E]): void => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(channelOf(event), payload);
  };
}
