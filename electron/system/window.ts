// Creates Authdesk's windows, the main one and quick access, hardened alike: the same webPreferences,
// the app:// origin with its CSP header, and navigation, popup, permission, device and screen-capture
// guards. Each loads its own page of the one renderer (RENDERER_URL, QUICK_ACCESS_URL).
import { BrowserWindow, session, type BrowserWindowConstructorOptions } from 'electron';
import { serveRenderer } from './app-protocol';
import { QUICK_ACCESS_URL, RENDERER_URL } from './renderer-files';
import { CONTENT_SECURITY_POLICY, quickAccessWindowOptions, windowOptions } from './window-options';

let sessionHardened = false;

/** The default session's guards and the app:// handler: once, whichever window comes first. */
function hardenSession(rendererDir: string): void {
  if (sessionHardened) return;
  sessionHardened = true;
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
}

function hardenedWindow(
  options: BrowserWindowConstructorOptions & {
    webPreferences: NonNullable<BrowserWindowConstructorOptions['webPreferences']>;
  },
  url: string,
  contentProtection: boolean,
): BrowserWindow {
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
  win.setContentProtection(contentProtection);
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(url);
  return win;
}

export function createMainWindow(
  rendererDir: string,
  preloadFile: string,
  opts: { contentProtection: boolean; devTools: boolean },
): BrowserWindow {
  hardenSession(rendererDir);
  const win = hardenedWindow(
    windowOptions(preloadFile, opts.devTools),
    RENDERER_URL,
    opts.contentProtection,
  );
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Quick access's window, hidden until shown (system/quick-access-window.ts shows and hides it). */
export function createQuickAccessWindow(
  rendererDir: string,
  preloadFile: string,
  opts: { contentProtection: boolean; devTools: boolean },
): BrowserWindow {
  hardenSession(rendererDir);
  return hardenedWindow(
    quickAccessWindowOptions(preloadFile, opts.devTools),
    QUICK_ACCESS_URL,
    opts.contentProtection,
  );
}
