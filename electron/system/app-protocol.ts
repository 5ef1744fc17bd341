// Electron adapter: the privileged app:// scheme that serves the built renderer (renderer-files.ts
// decides what a URL may read), so the window never loads from file:// and file:// gains nothing.
import { protocol, type Session } from 'electron';
import { APP_SCHEME, rendererResponse } from './renderer-files';
import { CONTENT_SECURITY_POLICY } from './window-options';

/**
 * Must run before `ready`. standard: relative URLs, an origin and storage like https; secure: a
 * secure context; supportFetchAPI: module scripts load through fetch. No bypassCSP, no CORS, no
 * service workers, no streaming.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves `rendererDir` on app://authdesk/ for `ses`. The CSP header is set here, on every answer:
 * session.webRequest's header hooks are not documented to run for custom schemes.
 */
export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const res = await rendererResponse(
      rendererDir,
      { method: request.method, url: request.url },
      CONTENT_SECURITY_POLICY,
    );
    return new Response(res.body, { status: res.status, headers: res.headers });
  });
}
