// Renderer benchmarks in real Chromium through the browser harness: first paint of the unlocked
// list with 1,000 accounts, and the cost of filtering it on each keystroke.
import { chromium, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccountInput } from '../shared/account';
import { encodeBase32 } from '../shared/base32';
import { CONTENT_SECURITY_POLICY } from '../electron/system/window-options';
import { chromiumLaunch } from '../test/harness/browser/chromium';
import { AppHarness, REPO } from '../test/harness/browser/harness';
import { serveRenderer } from '../test/harness/browser/server';
import { type BenchRow, stats } from './stats';

const PASSWORD = 'benchmark password';

export function accounts(n: number): AccountInput[] {
  return Array.from({ length: n }, (_, i) => ({
    issuer: `Service ${String(i).padStart(4, '0')}`,
    label: `user${i}@example.com`,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    // The first two bytes are the index: 1,000 different secrets (the vault refuses duplicates).
    secret: encodeBase32(
      Uint8Array.from({ length: 20 }, (_, j) =>
        j === 0 ? i >> 8 : j === 1 ? i & 0xff : (i * 31 + j * 7) & 0xff,
      ),
    ),
  }));
}

/** From pressing Enter on the unlock screen to the frame that shows the list's first rows. */
async function unlockToPaint(page: Page): Promise<number> {
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.evaluate(() => {
    const g = globalThis as unknown as { __t0: number; addEventListener: typeof addEventListener };
    g.addEventListener('keydown', () => (g.__t0 = performance.now()), {
      once: true,
      capture: true,
    });
  });
  await page.keyboard.press('Enter');
  await page.locator('.row-main').first().waitFor();
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          resolve(performance.now() - (globalThis as unknown as { __t0: number }).__t0),
        ),
      ),
  );
}

/** Time from setting the search text to the end of the task that re-renders the list. */
export function typeAndTime(
  page: Page,
  keys: string,
  selector = '.search-input',
): Promise<number[]> {
  return page.evaluate(
    async ([keys, selector]) => {
      const input = document.querySelector(selector) as HTMLInputElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const results: number[] = [];
      let text = '';
      for (const ch of keys) {
        text = ch === '\b' ? text.slice(0, -1) : text + ch;
        const start = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // React renders a discrete input event before the next task; a message is the next task.
        await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(null);
          channel.port2.postMessage(null);
        });
        results.push(performance.now() - start);
      }
      return results;
    },
    [keys, selector] as const,
  );
}

export async function rendererBench(): Promise<BenchRow[]> {
  const server = await serveRenderer(path.join(REPO, 'dist', 'renderer'), CONTENT_SECURITY_POLICY);
  const browser = await chromium.launch(chromiumLaunch());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-bench-ui-'));
    const app = new AppHarness(page, dir, path.join(dir, 'vault.json'));
    await app.start(server.url, { vault: { password: PASSWORD, accounts: accounts(1000) } });
    const paints: number[] = [];
    for (let run = 0; run < 5; run++) {
      paints.push(await unlockToPaint(page));
      await page.keyboard.press('Control+L');
      await page.locator('input[name="password"]').waitFor();
    }
    await unlockToPaint(page);
    const keystrokes: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      keystrokes.push(
        ...(await typeAndTime(page, 'service 09' + '\b'.repeat(10) + 'user42@' + '\b'.repeat(7))),
      );
    }
    await app.close();
    return [
      {
        name: 'renderer: unlock to first paint of the list, 1,000 accounts (test KDF N=2^14)',
        runs: paints.length,
        ...stats(paints),
        bar: null,
      },
      {
        name: 'renderer: filter 1,000 accounts, one keystroke',
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
