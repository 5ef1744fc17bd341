// The hardened BrowserWindow settings and the CSP, as plain data a unit test can read property by property.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // No inline styles: React's style={{}} sets properties through the CSSOM, which the policy allows;
  // a style="" attribute in markup or an injected <style> element is refused (test/browser/csp.spec.ts).
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  // No frames at all, not even our own page: default-src 'self' would allow one.
  "frame-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * AUTHDESK_DEVTOOLS=1 opens the door to DevTools only in a development run: a packaged app never
 * lets an environment variable give a page's console to whoever can set it.
 */
export function devToolsAllowed(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): boolean {
  return !isPackaged && env.AUTHDESK_DEVTOOLS === '1';
}

export function windowOptions(preloadPath: string, devTools = false) {
  return {
    width: 440,
    height: 680,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Authdesk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No middle-click navigation surface at all (window.open and navigation are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  } as const;
}

/** Quick access's window: small, frameless, on top, not in the taskbar; the same webPreferences. */
export const QUICK_ACCESS_SIZE = { width: 520, height: 420 } as const;

export function quickAccessWindowOptions(preloadPath: string, devTools = false) {
  const main = windowOptions(preloadPath, devTools);
  return {
    ...QUICK_ACCESS_SIZE,
    show: false,
    title: 'Authdesk',
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    webPreferences: main.webPreferences,
  } as const;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where quick access opens: centred on the work area of the display with the mouse pointer (Electron's
 * screen.getDisplayNearestPoint(getCursorScreenPoint()).workArea), never past its edges; on a work
 * area smaller than the window, the window shrinks to it.
 */
export function centredOn(workArea: Rect, size: { width: number; height: number }): Rect {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  const x = workArea.x + Math.round((workArea.width - width) / 2);
  const y = workArea.y + Math.round((workArea.height - height) / 2);
  return { x, y, width, height };
}
