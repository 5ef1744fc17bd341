// The app://authdesk/ origin in plain Node: which file of the built renderer a URL names, if any, and
// the response the protocol handler gives for it. Nothing outside that folder is ever read.
import fs from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'authdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads, and the only top frame whose IPC calls main answers. */
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;
/** Quick access's page (a second entry of the same renderer), the only other top frame main answers. */
export const QUICK_ACCESS_URL = `${APP_ORIGIN}/quick.html`;

const PREFIX = `${APP_ORIGIN}/`;
/** Longer than any address the bundle uses; a bound on the work a hostile one can cause. */
const MAX_URL_LENGTH = 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are plain bytes (with nosniff, never run). */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Control characters (NUL included), DEL, and backslashes. */
function hasForbiddenCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}

/**
 * The path segments inside the renderer folder that an app://authdesk/ URL names, or null when it
 * names none. Refused rather than normalised: another scheme or host (ports and user names
 * included), backslashes, control characters and NUL, empty, `.` and `..` segments (so absolute and
 * parent paths), percent-encoded `/`, `\`, `.`-segments or `%` (double encoding), `:` (drive letters,
 * Windows streams), names ending in a dot or a space (Windows drops those), directories. The query
 * and fragment do not choose a file and are ignored.
 */
export function rendererPathOf(url: string): string[] | null {
  if (url.length > MAX_URL_LENGTH || !url.startsWith(PREFIX)) return null;
  const rest = url.slice(PREFIX.length).replace(/[?#].*$/s, '');
  if (hasForbiddenCharacter(rest)) return null;
  if (rest === '') return ['index.html'];
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return null; // a malformed escape
    }
    if (
      name === '' ||
      name === '.' ||
      name === '..' ||
      hasForbiddenCharacter(name) ||
      /[/:%]/.test(name) ||
      /[. ]$/.test(name)
    ) {
      return null;
    }
    segments.push(name);
  }
  return segments;
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The real path of the regular file an app://authdesk/ URL names inside `root`, or null: a URL
 * rendererPathOf refuses, a missing file, a directory, or a link that leads out of `root`.
 */
export async function rendererFileOf(root: string, url: string): Promise<string | null> {
  const segments = rendererPathOf(url);
  if (!segments) return null;
  // fs.promises read at call time: in Electron that is the asar-aware one (the renderer is in app.asar).
  try {
    const realRoot = await fs.promises.realpath(root);
    const real = await fs.promises.realpath(path.join(realRoot, ...segments));
    if (!inside(realRoot, real)) return null;
    return (await fs.promises.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** What the app:// handler answers: the file with its type and the CSP, or an empty 404/405. */
export async function rendererResponse(
  root: string,
  request: { method: string; url: string },
  csp: string,
): Promise<RendererResponse> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers, body: null };
  }
  const file = await rendererFileOf(root, request.url);
  if (!file) return { status: 404, headers, body: null };
  let body: Uint8Array;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    return { status: 404, headers, body: null };
  }
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': contentTypeOf(file) },
    body: request.method === 'HEAD' ? null : body,
  };
}
