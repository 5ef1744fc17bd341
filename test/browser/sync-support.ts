// Shared pieces of the sync browser tests: Settings › Sync, starting and joining through the window,
// and a second app (its own vault, the same sync folder) on a second page.
import type { Browser, Locator, Page } from '@playwright/test';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppHarness, expect, type HarnessOptions } from '../harness/browser/app';
import type { QrDecoder } from '../../electron/qr/decoder';
import { PASSWORD, unlock } from './support';

/** Settings › Sync, opened from the top bar (its names in the window's language). */
export async function openSyncSettings(
  page: Page,
  settings = 'Settings',
  sync = 'Sync',
): Promise<Locator> {
  await page.getByRole('button', { name: settings, exact: true }).click();
  const section = page
    .getByRole('dialog', { name: settings })
    .getByRole('region', { name: sync, exact: true });
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** A fresh, empty sync folder of the test's own. */
export async function newSyncFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-sync-'));
  const folder = path.join(dir, 'Authdesk sync');
  await mkdir(folder);
  return folder;
}

/** Starts sync in `folder` through Settings › Sync, as this computer named `name`; leaves Settings open. */
export async function startSyncInWindow(
  page: Page,
  app: AppHarness,
  folder: string,
  name: string,
  options: { syncPassword?: string } = {},
): Promise<Locator> {
  const section = await openSyncSettings(page);
  app.dialogs.folder = folder;
  await section.getByRole('button', { name: 'Start sync…' }).click();
  await section.getByLabel("This computer's name").fill(name);
  if (options.syncPassword) {
    await section
      .getByRole('switch', { name: 'Also let computers join with a sync password' })
      .check();
    await section.getByLabel('Sync password', { exact: true }).fill(options.syncPassword);
    await section.getByLabel('Type the sync password again').fill(options.syncPassword);
  }
  await section.getByLabel('Vault password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Start sync' }).click();
  await expect(
    section.getByText('On: this computer syncs through the folder below.'),
  ).toBeVisible();
  return section;
}

/** Another computer: its own vault in its own folder, its own page, the same renderer. */
export async function secondApp(
  browser: Browser,
  rendererUrl: string,
  decoder: QrDecoder,
  options: HarnessOptions,
): Promise<{ app: AppHarness; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-browser-peer-'));
  const app = new AppHarness(page, dir, path.join(dir, 'vault.json'), decoder);
  await app.start(rendererUrl, options);
  await unlock(page);
  return {
    app,
    page,
    close: async () => {
      await app.close();
      await context.close();
    },
  };
}
