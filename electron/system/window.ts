// Creates the one window: hardened webPreferences, the app:// origin with its CSP header, and
// navigation, popup, permission, device and screen-capture guards.
import { BrowserWindow, session } from 'electron';
import { serveRenderer } from './app-protocol';
import { RENDERER_URL } from './renderer-files';
import { CONTENT_SECURITY_POLICY, windowOptions } from './window-options';

export function createMainWindow(
  rendererDir: string,
  preloadFile: string,
  opts: { contentProtection: boolean; devTools: boolean },
): BrowserWindow {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // USB, HID, serial and Bluetooth devices: none, whatever a page asks.
  ses.setDevicePermissionHandler(() => false);
  // getDisplayMedia: no screen or window is ever shared (main captures the screen itself for QR scans).
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  serveRenderer(ses, rendererDir);
  // For any http(s) response the session might see; app:// answers carry the header themselves.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  const options = windowOptions(preloadFile, opts.devTools);
  // The hardened preferences are also spelled out at the call, where Electronegativity (which reads
  // only the literal passed here) sees them; windowOptions() holds them all and is unit-tested.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.setContentProtection(opts.contentProtection);
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_URL);
  return win;
}
