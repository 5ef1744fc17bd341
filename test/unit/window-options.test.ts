// The window's security settings and CSP, asserted property by property (DESIGN.md §7).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  devToolsAllowed,
  windowOptions,
} from '../../electron/system/window-options';

function directivesOf(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('window hardening', () => {
  const prefs = windowOptions('/app/preload.cjs').webPreferences;

  it('isolates and sandboxes the renderer without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('sets a strict CSP: only our own scripts, no objects, frames, base or framing', () => {
    const directives = directivesOf(CONTENT_SECURITY_POLICY);
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
  });

  it('allows no inline code or style anywhere: no unsafe-inline, unsafe-eval or unsafe-hashes', () => {
    const directives = directivesOf(CONTENT_SECURITY_POLICY);
    expect(directives.get('style-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-/);
  });

  it('lets AUTHDESK_DEVTOOLS=1 allow DevTools only when the app is not packaged', () => {
    expect(devToolsAllowed({ AUTHDESK_DEVTOOLS: '1' }, false)).toBe(true);
    expect(devToolsAllowed({ AUTHDESK_DEVTOOLS: '1' }, true)).toBe(false);
    expect(devToolsAllowed({}, false)).toBe(false);
    expect(devToolsAllowed({ AUTHDESK_DEVTOOLS: 'true' }, false)).toBe(false);
    // The window options follow what they are told, and default to none.
    expect(windowOptions('/app/preload.cjs').webPreferences.devTools).toBe(false);
    expect(windowOptions('/app/preload.cjs', true).webPreferences.devTools).toBe(true);
  });

  it.each(['index.html', 'quick.html'])(
    'puts the same policy in %s itself, as a second line behind the app:// header',
    (page) => {
      const html = readFileSync(path.join(import.meta.dirname, '../../renderer', page), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
      const inPage = directivesOf(meta?.[1] ?? '');
      const inHeader = directivesOf(CONTENT_SECURITY_POLICY);
      // A <meta> policy cannot carry frame-ancestors; every other directive must be the same.
      inHeader.delete('frame-ancestors');
      expect(inPage).toEqual(inHeader);
    },
  );

  it('the window code denies navigation, popups and every permission, and protects content', () => {
    const source = readFileSync(
      path.join(import.meta.dirname, '../../electron/system/window.ts'),
      'utf8',
    );
    expect(source).toMatch(/will-navigate.*preventDefault/);
    expect(source).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(source).toMatch(
      /setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/,
    );
    expect(source).toMatch(/setContentProtection\(contentProtection\)/);
    // Both windows come from the one hardened constructor: no second `new BrowserWindow`.
    expect(source.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(source.match(/hardenedWindow\(/g)).toHaveLength(3); // the definition and two calls
  });

  it('the window code denies devices and screen sharing to the page, and loads app://, not a file', () => {
    const read = (file: string) =>
      readFileSync(path.join(import.meta.dirname, '../../electron', file), 'utf8');
    const window = read('system/window.ts');
    expect(window).toMatch(/setDevicePermissionHandler\(\(\) => false\)/);
    expect(window).toMatch(
      /setDisplayMediaRequestHandler\(\(_request, callback\) => callback\(null\)\)/,
    );
    expect(window).toMatch(/loadURL\(url\)/);
    expect(window.replace(/\s+/g, ' ')).toMatch(
      /windowOptions\(preloadFile, opts\.devTools\), RENDERER_URL,/,
    );
    expect(window.replace(/\s+/g, ' ')).toMatch(
      /quickAccessWindowOptions\(preloadFile, opts\.devTools\), QUICK_ACCESS_URL,/,
    );
    expect(window).not.toMatch(/\.loadFile\(/);
    // DevTools follow devToolsAllowed(…, app.isPackaged), decided in main.
    expect(read('main.ts')).toMatch(/devToolsAllowed\(process\.env, app\.isPackaged\)/);
  });
});
