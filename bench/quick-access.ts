// Quick access in real Chromium through the browser harness, 1,000 accounts with icons (list-data.ts):
// from the show event (quickAccessShown, what main sends when the shortcut or the tray shows the
// window) to the first paint of its list with the rows' icons, and filtering per keystroke. The window is made once and then hidden and shown,
// so the show is measured on a loaded page (after a search, so that showing re-renders the list);
// loading the page itself (the first show after the app starts) is a row of its own.
import { chromium, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../electron/system/window-options';
import { chromiumLaunch } from '../test/harness/browser/chromium';
import { AppHarness, REPO } from '../test/harness/browser/harness';
import { serveRenderer } from '../test/harness/browser/server';
import { preparePage, setExpectedIcons, typeAndTime, type PageBench } from './frames';
import { makeListVault } from './list-vault';
import { QUERY } from './renderer';
import { type BenchRow, stats } from './stats';

const PASSWORD = 'benchmark password';

const LIST = '#quick-list';
const ROW = '.quick-row';

/** The show event delivered in the page, to the end of the first frame that draws the rows with icons. */
function showToPaint(page: Page): Promise<number> {
  return page.evaluate(
    async ([list, row]) => {
      const g = globalThis as unknown as {
        __bench: PageBench;
        __authdeskEmit(event: string, payload: unknown): void;
      };
      const start = performance.now();
      g.__authdeskEmit('quickAccessShown', {});
      const end = await g.__bench.paintedWhen(() => g.__bench.rowsReady(list, row));
      return end - start;
    },
    [LIST, ROW] as const,
  );
}

/** The page loaded afresh, from its navigation to the end of the frame that draws the rows with icons. */
function loadToPaint(page: Page): Promise<number> {
  return page.evaluate(
    ([list, row]) => {
      const bench = (globalThis as unknown as { __bench: PageBench }).__bench;
      return bench.paintedWhen(() => bench.rowsReady(list, row));
    },
    [LIST, ROW] as const,
  );
}

export async function quickAccessBench(): Promise<BenchRow[]> {
  const server = await serveRenderer(path.join(REPO, 'dist', 'renderer'), CONTENT_SECURITY_POLICY);
  const browser = await chromium.launch(chromiumLaunch());
  try {
    const page = await browser.newPage({ viewport: { width: 520, height: 420 } });
    await preparePage(page);
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-bench-quick-'));
    const app = new AppHarness(page, dir, path.join(dir, 'vault.json'));
    await setExpectedIcons(page, await makeListVault(app.vaultPath, PASSWORD, 1000));
    await app.start(server.url, { page: 'quick' });
    await page.locator('.quick-unlock input').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('.quick-row').first().waitFor();
    // Ten recently used accounts, as after a while of use.
    const list = app.services.vault.list();
    if (list.length !== 1000) throw new Error(`${list.length} accounts, not 1,000`);
    for (let i = 0; i < 10; i++) {
      await app.services.handlers.copyCode({ id: list[i * 97]!.id, which: 'current' });
    }

    const shows: number[] = [];
    for (let run = 0; run < 20; run++) {
      await page.locator('.quick-search').fill(run % 2 ? 'github' : 'user42');
      shows.push(await showToPaint(page));
    }

    const loads: number[] = [];
    for (let run = 0; run < 5; run++) {
      await page.reload();
      loads.push(await loadToPaint(page));
    }

    const keystrokes: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      keystrokes.push(...(await typeAndTime(page, QUERY, '.quick-search')));
    }
    await app.close();
    return [
      {
        name: 'quick access: show event to first paint of the list with icons, 1,000 accounts',
        runs: shows.length,
        ...stats(shows),
        bar: 50,
      },
      {
        name: 'quick access: loading its page to the list painted with icons (first show after start)',
        runs: loads.length,
        ...stats(loads),
        bar: null,
      },
      {
        name: 'quick access: filter 1,000 accounts with icons, one keystroke (input + its frame)',
        runs: keystrokes.length,
        ...stats(keystrokes),
        bar: 16,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
