// A real X11 desktop for the typing tests and benchmark: an Xvfb server on a free display, a headed
// Chromium on it showing a focused text field, and the typing engine (electron/system/typist.ts) in a
// plain Node child process. A child, because libnut keeps its X connection open to the end and Xlib
// ends the process that holds it when the server goes away.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from './browser/chromium';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'x11-typist-child.ts');

/** Why the X11 typing test cannot run here, or null when Xvfb and a Chromium are there. */
export function x11Missing(): string | null {
  if (process.platform !== 'linux')
    return `X11 typing is proven on Linux only (this is ${process.platform})`;
  if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error) {
    return 'no Xvfb (Debian: apt-get install xvfb)';
  }
  const found = findChromium();
  return found.problem ?? null;
}

export interface Xvfb {
  /** ":N" */
  display: string;
  stop(): Promise<void>;
}

/**
 * Starts `Xvfb :N -screen 0 1280x800x24` on a display number it picks itself (-displayfd: the server
 * takes the first free one and writes it when it is ready to accept clients).
 */
export async function startXvfb(): Promise<Xvfb> {
  const server = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  server.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    (server.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    server.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors.trim()}`)));
    server.once('error', reject);
  });
  return { display, stop: () => stopProcess(server) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Page-side: the text field, and the wall-clock moment its value first reached `length` characters. */
const FIELD_PAGE = `<!doctype html><title>target</title>
<input id="field" autocomplete="off" autofocus>
<script>
  window.filledAt = null;
  const field = document.getElementById('field');
  field.addEventListener('input', () => {
    if (window.filledAt === null && field.value.length >= Number(field.dataset.length || 6)) {
      window.filledAt = Date.now();
    }
  });
</script>`;

export interface TargetWindow {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A headed Chromium on `display` with a page whose text field has the keyboard focus. */
export async function openTargetWindow(display: string): Promise<TargetWindow> {
  const found = findChromium();
  if (found.problem) throw new Error(found.problem);
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: false,
    args: CHROMIUM_ARGS,
    env: { ...process.env, DISPLAY: display, WAYLAND_DISPLAY: '', XDG_SESSION_TYPE: 'x11' },
  });
  const page = await browser.newPage();
  await page.setContent(FIELD_PAGE);
  await page.bringToFront();
  await page.focus('#field');
  // The window has the X input focus once the page reports its field focused in a focused document.
  await page.waitForFunction("document.hasFocus() && document.activeElement?.id === 'field'");
  return { browser, page, close: () => browser.close() };
}

/** Waits until the field holds at least `length` characters, and returns its value. */
export async function fieldValue(page: Page, length: number): Promise<string> {
  await page.waitForFunction(`document.getElementById('field').value.length >= ${length}`);
  return page.inputValue('#field');
}

/** The typing engine in a plain Node child on `display`: `type(text)` types and resolves when done. */
export interface TypistChild {
  availability(): Promise<unknown>;
  /** Types `text`; resolves with the wall-clock moment the child started (before the availability check). */
  type(text: string): Promise<{ startedAt: number }>;
  close(): Promise<void>;
}

export async function startTypistChild(display: string): Promise<TypistChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: display, WAYLAND_DISPLAY: '', XDG_SESSION_TYPE: 'x11' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const replies: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      replies.shift()?.(line);
    }
  });
  const ask = (request: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`typist child exited (${code})`));
      child.once('exit', onExit);
      replies.push((line) => {
        child.off('exit', onExit);
        const reply = JSON.parse(line) as Record<string, unknown>;
        if (typeof reply.error === 'string') reject(new Error(reply.error));
        else resolve(reply);
      });
      child.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  return {
    availability: async () => (await ask({ op: 'availability' })).availability,
    type: async (text) => ({ startedAt: (await ask({ op: 'type', text })).startedAt as number }),
    close: async () => {
      child.stdin!.end();
      await stopProcess(child);
    },
  };
}
