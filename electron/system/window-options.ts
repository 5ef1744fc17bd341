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
