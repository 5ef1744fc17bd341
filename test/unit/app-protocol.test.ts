// The app://authdesk/ origin the window loads from: hostile URLs name no file, links out of the
// renderer folder are not followed, and every answer carries the CSP. A real folder in a temp dir.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTypeOf,
  QUICK_ACCESS_URL,
  RENDERER_URL,
  rendererFileOf,
  rendererPathOf,
  rendererResponse,
} from '../../electron/system/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../electron/system/window-options';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'authdesk-app-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Authdesk</title>');
  await writeFile(path.join(root, 'assets', 'index-AbC123.js'), 'console.log(1);');
  await writeFile(path.join(root, 'assets', 'index-AbC123.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  // What a renderer must never reach: a secret beside the folder, and links leading to it.
  await writeFile(path.join(base, 'vault.json'), '{"secret":true}');
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'evil');
  await symlink(path.join(base, 'vault.json'), path.join(root, 'assets', 'vault.js'));
  await symlink(base, path.join(root, 'up'));
  await symlink(path.join(root, 'index.html'), path.join(root, 'assets', 'inner.html'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const HOSTILE = [
  // Other schemes, hosts, ports, user names.
  'file:///etc/passwd',
  'http://authdesk/index.html',
  'app://evil/index.html',
  'app://authdesk.evil/index.html',
  'app://authdesk:8080/index.html',
  'app://user@authdesk/index.html',
  'app://authdesk', // no path at all
  'APP://AUTHDESK/index.html',
  // Parent and current segments, plain and percent-encoded in every case.
  'app://authdesk/../vault.json',
  'app://authdesk/assets/../../vault.json',
  'app://authdesk/./index.html',
  'app://authdesk/%2e%2e/vault.json',
  'app://authdesk/%2E%2E/vault.json',
  'app://authdesk/.%2e/vault.json',
  'app://authdesk/assets/%2e%2e%2f%2e%2e%2fvault.json',
  'app://authdesk/..%2fvault.json',
  'app://authdesk/..%5cvault.json',
  'app://authdesk/%2e',
  // Double encoding: %252e%252e decodes once to %2e%2e, which must not be decoded again.
  'app://authdesk/%252e%252e/vault.json',
  'app://authdesk/%252e%252e%252fvault.json',
  // Absolute paths: an empty segment, an encoded slash, a drive letter, a UNC host.
  'app://authdesk//etc/passwd',
  'app://authdesk/%2fetc%2fpasswd',
  'app://authdesk/C:/Windows/win.ini',
  'app://authdesk/C%3a%5cWindows%5cwin.ini',
  'app://authdesk/%5c%5chost%5cshare',
  // Backslashes, raw.
  'app://authdesk/assets\\..\\..\\vault.json',
  'app://authdesk/..\\vault.json',
  // NUL and other control characters, raw and encoded.
  'app://authdesk/index.html\u0000.png',
  'app://authdesk/index.html%00.png',
  'app://authdesk/index%0a.html',
  // Malformed escapes.
  'app://authdesk/%',
  'app://authdesk/%zz',
  'app://authdesk/%c0%ae%c0%ae/vault.json', // overlong UTF-8 for ".."
  // Names Windows would shorten to another one.
  'app://authdesk/index.html.',
  'app://authdesk/index.html%20',
  'app://authdesk/index.html::$DATA',
  // Directories, with and without a slash.
  'app://authdesk/assets',
  'app://authdesk/assets/',
  // Too long to be ours.
  `app://authdesk/${'a/'.repeat(600)}index.html`,
];

describe('rendererPathOf (the URL alone)', () => {
  it('names index.html for the origin itself and a file for a plain path', () => {
    expect(rendererPathOf('app://authdesk/')).toEqual(['index.html']);
    expect(rendererPathOf(RENDERER_URL)).toEqual(['index.html']);
    expect(rendererPathOf('app://authdesk/assets/index-AbC123.js')).toEqual([
      'assets',
      'index-AbC123.js',
    ]);
    // A query or a fragment does not choose the file.
    expect(rendererPathOf('app://authdesk/index.html?x=1#top')).toEqual(['index.html']);
    expect(rendererPathOf('app://authdesk/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
  });

  it.each(HOSTILE.filter((u) => u !== 'app://authdesk/assets'))('refuses %j', (url) => {
    expect(rendererPathOf(url)).toBeNull();
  });
});

describe('rendererFileOf (the URL against the folder on disk)', () => {
  it('finds the files of the renderer folder', async () => {
    expect(await rendererFileOf(root, RENDERER_URL)).toBe(path.join(root, 'index.html'));
    expect(await rendererFileOf(root, 'app://authdesk/assets/index-AbC123.css')).toBe(
      path.join(root, 'assets', 'index-AbC123.css'),
    );
  });

  it.each(HOSTILE)('finds nothing for %j', async (url) => {
    expect(await rendererFileOf(root, url)).toBeNull();
  });

  it('does not follow a link out of the folder, nor serve a missing file or a sibling folder', async () => {
    expect(await rendererFileOf(root, 'app://authdesk/assets/vault.js')).toBeNull();
    expect(await rendererFileOf(root, 'app://authdesk/up/vault.json')).toBeNull();
    expect(await rendererFileOf(root, 'app://authdesk/up/renderer-evil/x.js')).toBeNull();
    expect(await rendererFileOf(root, 'app://authdesk/missing.js')).toBeNull();
    // A link that stays inside is the file it points at.
    expect(await rendererFileOf(root, 'app://authdesk/assets/inner.html')).toBe(
      path.join(root, 'index.html'),
    );
  });
});

describe('rendererResponse (what the protocol handler answers)', () => {
  const get = (url: string, method = 'GET') =>
    rendererResponse(root, { method, url }, CONTENT_SECURITY_POLICY);

  it('serves a file with its type, nosniff and the CSP', async () => {
    const page = await get(RENDERER_URL);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(Buffer.from(page.body!).toString()).toContain('<title>Authdesk</title>');
    const script = await get('app://authdesk/assets/index-AbC123.js');
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers every refusal with an empty 404 that still carries the CSP', async () => {
    for (const url of [...HOSTILE, 'app://authdesk/assets/vault.js', 'app://authdesk/nope.js']) {
      const res = await get(url);
      expect(res, url).toMatchObject({ status: 404, body: null });
      expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['Content-Type']).toBeUndefined();
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(RENDERER_URL, 'POST')).status).toBe(405);
    expect((await get(RENDERER_URL, 'PUT')).status).toBe(405);
    const head = await get(RENDERER_URL, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: null });
  });
});

describe('contentTypeOf', () => {
  it('gives each kind of file the bundle holds its type', () => {
    expect(contentTypeOf('a.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.png')).toBe('image/png');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a.json')).toBe('application/json');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('the built renderer under app://authdesk/', () => {
  const built = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

  it('finds every script, style and chunk the built pages and their scripts ask for', async () => {
    const urls: string[] = [];
    // The main window's page and quick access's.
    for (const [file, pageUrl] of [
      ['index.html', RENDERER_URL],
      ['quick.html', QUICK_ACCESS_URL],
    ] as const) {
      expect(existsSync(path.join(built, file)), 'run `npm run build` first').toBe(true);
      const html = readFileSync(path.join(built, file), 'utf8');
      const fromPage = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((ref) => !ref.startsWith('data:'));
      expect(fromPage.length).toBeGreaterThanOrEqual(2); // the entry script and the stylesheet
      urls.push(...fromPage.map((ref) => new URL(ref, pageUrl).href));
    }
    // Chunks import each other relative to their own URL (base './').
    for (const name of readdirSync(path.join(built, 'assets'))) {
      if (!name.endsWith('.js')) continue;
      const code = readFileSync(path.join(built, 'assets', name), 'utf8');
      for (const m of code.matchAll(/["'`](\.\.?\/[\w./-]+\.(?:js|css))["'`]/g)) {
        urls.push(new URL(m[1]!, `app://authdesk/assets/${name}`).href);
      }
    }
    for (const url of urls) {
      expect(url.startsWith('app://authdesk/'), url).toBe(true);
      expect(await rendererFileOf(built, url), url).not.toBeNull();
    }
    const page = await rendererResponse(built, { method: 'GET', url: RENDERER_URL }, 'x');
    expect(page.status).toBe(200);
    const quick = await rendererResponse(built, { method: 'GET', url: QUICK_ACCESS_URL }, 'x');
    expect(quick.status).toBe(200);
  });
});
