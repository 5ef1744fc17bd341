// Renderer benchmarks in real Chromium through the browser harness, on a vault of 1,000 accounts with
// icons (bench/list-data.ts): the first paint of the list after unlock, filtering on each keystroke,
// and the frames while scrolling the virtualised list from the top to the end, in each list layout.
import { chromium, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Settings } from '../shared/settings';
import { CONTENT_SECURITY_POLICY } from '../electron/system/window-options';
import { chromiumLaunch } from '../test/harness/browser/chromium';
import { AppHarness, REPO } from '../test/harness/browser/harness';
import { serveRenderer } from '../test/harness/browser/server';
import {
  FRAME_MS,
  MARKS,
  mainThreadCpu,
  preparePage,
  scrollToEnd,
  scrollToTop,
  setExpectedIcons,
  typeAndTime,
  type PageBench,
} from './frames';
import { makeListVault } from './list-vault';
import { type BenchRow, stats } from './stats';

const PASSWORD = 'benchmark password';
const LIST = '.list-scroller';
const ROW = '[data-row-id]';
/** Typed three times: a brand, an account name, an alias; each word deleted again key by key. */
export const QUERY = ['github', 'user42@', 'aws'].map((w) => w + '\b'.repeat(w.length)).join('');
/** Pixels scrolled per frame: 6,000 px/s, a hard fling of a touchpad or a fast wheel spin. */
const SCROLL_STEP = 100;
/** A stress case beside it: 14,400 px/s, where compact rows mount seven a frame. */
const STRESS_STEP = 240;

interface FirstPaint {
  /** From the unlock call resolving in the renderer (includes the harness's IPC for the list). */
  fromUnlock: number;
  /** From the account list arriving in the renderer: the list's own share. */
  fromAccounts: number;
}

/**
 * Unlocks from the unlock screen and times, from the renderer's marks, the end of the first frame
 * that shows the rows on screen each with its icon (picture, brand mark or letter).
 */
async function unlockToPaint(page: Page): Promise<FirstPaint> {
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.evaluate(
    ([marks, list, row]) => {
      const g = globalThis as unknown as { __bench: PageBench; __painted: Promise<FirstPaint> };
      performance.clearMarks();
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
      g.__painted = g.__bench
        .paintedWhen(() => at(marks.accounts) !== undefined && g.__bench.rowsReady(list, row))
        .then((end) => ({
          fromUnlock: end - at(marks.unlocked)!,
          fromAccounts: end - at(marks.accounts)!,
        }));
    },
    [MARKS, LIST, ROW] as const,
  );
  await page.keyboard.press('Enter');
  return page.evaluate(
    () => (globalThis as unknown as { __painted: Promise<FirstPaint> }).__painted,
  );
}

/** The list layouts scrolled, each as the settings make it, and at what speed. */
interface Layout {
  name: string;
  settings: Partial<Settings>;
  step: number;
  /** Judged against one frame (16.7 ms), or shown only. */
  bar: boolean;
}
const scrollCase = (name: string, settings: Partial<Settings>, step = SCROLL_STEP): Layout => ({
  name,
  settings,
  step,
  bar: step === SCROLL_STEP,
});
const LAYOUTS: Layout[] = [
  scrollCase('comfortable rows', { listDensity: 'comfortable', groupByTag: false }),
  scrollCase('compact rows', { listDensity: 'compact', groupByTag: false }),
  scrollCase('tag headers on', { listDensity: 'comfortable', groupByTag: true }),
  scrollCase('compact rows, stress', { listDensity: 'compact', groupByTag: false }, STRESS_STEP),
];

async function scrollRows(app: AppHarness, page: Page): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const layout of LAYOUTS) {
    await app.services.handlers.setSettings(layout.settings);
    await page.reload();
    await page.locator(ROW).first().waitFor();
    const frames: number[] = [];
    let dropped = 0;
    // The first pass loads the icons as they come into view; the second finds them loaded.
    for (let pass = 0; pass < 2; pass++) {
      await scrollToTop(page, LIST);
      const run = await scrollToEnd(page, LIST, layout.step);
      frames.push(...run.frames);
      dropped += run.dropped;
    }
    const longest = Math.max(...frames);
    // A third pass traced: the main thread's CPU time, which other processes on a busy machine do
    // not inflate as they do the frames' wall time. The trace itself costs some.
    await scrollToTop(page, LIST);
    const traced = await mainThreadCpu(page, () => scrollToEnd(page, LIST, layout.step));
    const cpuPerFrame = traced.totalMs / traced.result.frames.length;
    rows.push({
      name:
        `renderer: scroll 1,000 accounts top to end, ${layout.name}, ${layout.step * 60} px/s, per frame ` +
        `(longest ${longest.toFixed(1)} ms; ${dropped} of ${frames.length + dropped} frames dropped; ` +
        `main-thread CPU ${cpuPerFrame.toFixed(1)} ms a frame, largest task ${traced.largestTaskMs.toFixed(1)} ms)`,
      runs: frames.length,
      ...stats(frames),
      bar: layout.bar ? Math.round(FRAME_MS * 10) / 10 : null,
      judged: longest,
    });
  }
  return rows;
}

export async function rendererBench(): Promise<BenchRow[]> {
  const server = await serveRenderer(path.join(REPO, 'dist', 'renderer'), CONTENT_SECURITY_POLICY);
  const browser = await chromium.launch(chromiumLaunch());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await preparePage(page);
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-bench-ui-'));
    const app = new AppHarness(page, dir, path.join(dir, 'vault.json'));
    const vaultFile = path.join(dir, 'vault.json');
    await setExpectedIcons(page, await makeListVault(vaultFile, PASSWORD, 1000));
    await app.start(server.url, {});
    // The first unlock after the window loads (its code and the icons not loaded yet), then
    // unlocking again after a lock, as after an auto-lock.
    const cold: FirstPaint[] = [];
    const paints: FirstPaint[] = [];
    for (let run = 0; run < 12; run++) {
      if (run < 5) await page.reload();
      const paint = await unlockToPaint(page);
      if (run < 5) cold.push(paint);
      else paints.push(paint);
      await page.keyboard.press('Control+L');
      await page.locator('input[name="password"]').waitFor();
    }
    await unlockToPaint(page);
    const keystrokes: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      keystrokes.push(...(await typeAndTime(page, QUERY, '.search-input')));
    }
    const scrolling = await scrollRows(app, page);
    await app.close();
    return [
      {
        name: 'renderer: first paint of the list with icons, from the 1,000 accounts arriving',
        runs: paints.length,
        ...stats(paints.map((p) => p.fromAccounts)),
        bar: 100,
      },
      {
        name: 'renderer: same, the first unlock after the window loads (code and icons cold)',
        runs: cold.length,
        ...stats(cold.map((p) => p.fromAccounts)),
        bar: 100,
      },
      {
        name: 'renderer: same, from the unlock answered (adds the harness IPC for the list)',
        runs: paints.length,
        ...stats(paints.map((p) => p.fromUnlock)),
        bar: null,
      },
      {
        name: 'renderer: filter 1,000 accounts with icons, one keystroke (input + its frame)',
        runs: keystrokes.length,
        ...stats(keystrokes),
        bar: 16,
      },
      ...scrolling,
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
