// Sync in the main window, through the real handlers, sync service and folder: the line after a merge
// changed accounts ("1 account updated from Laptop", en and ja), the banner while the folder cannot
// be reached (and Open settings landing on Sync), and an account row's sync flag cleared with Got it.
import { rename } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { displayName, type Account } from '../../shared/account';
import type { SyncFlag } from '../../shared/sync';
import { test, expect, TEST_KDF, type AppHarness } from '../harness/browser/app';
import { Vault } from '../../electron/vault/vault';
import { checkAxe } from '../harness/browser/axe';
import { PASSWORD, SAMPLE_ACCOUNTS, secretFor, unlock } from './support';
import { newSyncFolder, secondApp } from './sync-support';
import { MERGE_LINE_MS } from '../../renderer/features/sync/model/sync-texts';

test.use({ harness: { vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 3) } } });

/** A contract call from the page, as the window makes it (page code as text: no DOM types here). */
async function invoke(page: Page, method: string, args?: unknown): Promise<unknown> {
  const result = (await page.evaluate(
    `window.authdesk.invoke(${JSON.stringify(method)}, ${JSON.stringify(args ?? null)} ?? undefined)`,
  )) as { ok: boolean; value?: unknown; error?: { code: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.code}`);
  return result.value;
}

/** Starts sync on `app` (named `name`) in `folder` through the contract. */
async function start(page: Page, app: AppHarness, folder: string, name: string) {
  app.dialogs.folder = folder;
  const chosen = (await invoke(page, 'chooseSyncFolder')) as { handle: string };
  await invoke(page, 'startSync', {
    folderHandle: chosen.handle,
    password: PASSWORD,
    deviceName: name,
  });
}

/** Joins `folder` on `app` with a pairing code the first page offers. */
async function join(first: Page, page: Page, app: AppHarness, folder: string, name: string) {
  const offer = (await invoke(first, 'offerSyncPairing')) as { code: string };
  app.dialogs.folder = folder;
  const chosen = (await invoke(page, 'chooseSyncFolder')) as { handle: string };
  await invoke(page, 'joinSync', {
    folderHandle: chosen.handle,
    password: PASSWORD,
    deviceName: name,
    with: { kind: 'code', code: offer.code },
  });
}

async function seriousAxe(page: Page) {
  const { violations } = await checkAxe(page);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a merge from another computer shows a line naming it, in English and Japanese', async ({
  page,
  app,
  browser,
  rendererUrl,
  decoder,
}) => {
  await unlock(page);
  const folder = await newSyncFolder();
  await start(page, app, folder, 'Desktop');
  const laptop = await secondApp(browser, rendererUrl, decoder, {
    vault: { password: PASSWORD },
  });
  try {
    await join(page, laptop.page, laptop.app, folder, 'Laptop');
    // The laptop takes the desktop's three accounts in: its window says from where.
    await expect(laptop.page.locator('.row-main')).toHaveCount(3, { timeout: 15_000 });
    await expect(
      laptop.page.getByRole('status').getByText('3 accounts updated from Desktop'),
    ).toBeVisible();
    expect(await seriousAxe(laptop.page)).toEqual([]);

    // An account added on the laptop appears on the desktop with the line. The page's clock stands
    // still from here on (Playwright's), so that the line's 10 s pass only when the test says so.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await laptop.app.services.vault.add({
      ...SAMPLE_ACCOUNTS[5]!,
      issuer: 'Fastly',
      label: 'ops',
      secret: secretFor('fastly'),
    });
    await expect(page.locator('.row-main', { hasText: 'Fastly' })).toBeVisible({ timeout: 15_000 });
    const line = page.getByRole('status').getByText('1 account updated from Laptop');
    await expect(line).toBeVisible();
    // It stays a while, then goes.
    await page.clock.runFor(MERGE_LINE_MS - 1_000);
    await expect(line).toBeVisible();
    await page.clock.runFor(1_000);
    await expect(line).toHaveCount(0);

    // In Japanese, for the next merge.
    await invoke(page, 'setSettings', { language: 'ja' });
    await laptop.app.services.vault.add({
      ...SAMPLE_ACCOUNTS[6]!,
      issuer: 'Heroku',
      label: 'ops',
      secret: secretFor('heroku'),
    });
    await expect(page.getByText('Laptop から 1 件のアカウントを更新しました')).toBeVisible({
      timeout: 15_000,
    });
  } finally {
    await laptop.close();
  }
});

test('a folder that cannot be reached shows the paused banner; Open settings lands on Sync', async ({
  page,
  app,
}) => {
  await unlock(page);
  const folder = await newSyncFolder();
  await start(page, app, folder, 'Desktop');
  const banner = page.getByRole('alert').filter({ hasText: 'Sync paused' });
  await expect(banner).toHaveCount(0);

  // The share goes away (an unmounted drive): the next round pauses.
  await rename(folder, `${folder} (away)`);
  await invoke(page, 'syncNow');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`the folder ${folder} cannot be reached`);
  expect(await seriousAxe(page)).toEqual([]);

  await banner.getByRole('button', { name: 'Open settings' }).click();
  const section = page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('region', { name: 'Sync' });
  await expect(section.getByText('Paused: the folder cannot be reached.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeFocused();
  await expect(section.getByRole('button', { name: 'Sync now' })).toBeInViewport();

  // It comes back: Sync now resumes, the banner goes.
  await rename(`${folder} (away)`, folder);
  await page.keyboard.press('Enter');
  await expect(
    section.getByText('On: this computer syncs through the folder below.'),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
});

/** Puts a sync flag on accounts of the vault, as a merge does (Vault.syncChange). */
async function flag(app: AppHarness, flags: Record<string, SyncFlag>) {
  await app.services.vault.syncChange((draft) => {
    for (const account of draft.accounts) {
      const set = flags[account.id];
      if (set) account.syncFlag = set;
    }
    return { value: undefined, write: true };
  });
}

test('an account a merge flagged shows it in its row; Got it clears the flag', async ({
  page,
  app,
}) => {
  await unlock(page);
  const [github, google] = ['GitHub', 'Amazon Web Services'].map((issuer) =>
    app.services.vault.list().find((a: Account) => a.issuer === issuer)!,
  );
  const laptop = { id: 'a'.repeat(32), name: 'Laptop' };
  await flag(app, {
    [github!.id]: {
      kind: 'secret-conflict',
      device: laptop,
      other: google!.id,
      at: '2025-01-15T09:00:00.000Z',
    },
  });
  const row = page.locator('.row', { hasText: 'GitHub' });
  const badge = row.getByRole('button', {
    name: `${displayName(github!)}: Two secrets. What sync changed`,
  });
  await expect(badge).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);

  // In the row's tab order: from its main button, Tab reaches it.
  await row.locator('.row-main').focus();
  await page.keyboard.press('Tab');
  await expect(badge).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'What sync changed' });
  await expect(dialog).toContainText(
    `The secret of ${displayName(github!)} was changed on Laptop while another computer changed it too.`,
  );
  await expect(dialog).toContainText(`${displayName(google!)} holds the other`);
  expect(await seriousAxe(page)).toEqual([]);
  // Close keeps the flag.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(badge).toBeFocused();
  expect(
    app.services.vault.list().find((a: Account) => a.id === github!.id)!.syncFlag,
  ).toBeDefined();

  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Got it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(badge).toHaveCount(0);
  await expect(row.locator('.row-main')).toBeFocused();
  await expect
    .poll(() => app.services.vault.list().find((a: Account) => a.id === github!.id)!.syncFlag)
    .toBeUndefined();
  // The rest of the account is as it was.
  const after = app.services.vault.list().find((a: Account) => a.id === github!.id)!;
  expect({ ...after, updatedAt: '' }).toEqual({ ...github!, updatedAt: '' });
});

test('an account kept after a delete says so, in Japanese too', async ({ page, app }) => {
  await unlock(page);
  const github = app.services.vault.list().find((a: Account) => a.issuer === 'GitHub')!;
  await flag(app, {
    [github.id]: {
      kind: 'kept-after-delete',
      device: { id: 'b'.repeat(32), name: 'Laptop' },
      at: '2025-01-15T09:00:00.000Z',
    },
  });
  const row = page.locator('.row', { hasText: 'GitHub' });
  await row.getByRole('button', { name: /Kept\. What sync changed/ }).click();
  const dialog = page.getByRole('dialog', { name: 'What sync changed' });
  await expect(dialog).toContainText(
    `Laptop deleted ${displayName(github)} while another computer changed it, so sync kept it.`,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await invoke(page, 'setSettings', { language: 'ja' });
  await row.getByRole('button', { name: /残しました。同期による変更を表示/ }).click();
  await expect(page.getByRole('dialog', { name: '同期による変更' })).toContainText(
    'Laptop で GitHub (alice) が削除されましたが',
  );
});

test('an edit made while another computer deleted the account keeps it, flagged on the row', async ({
  page,
  app,
  browser,
  rendererUrl,
  decoder,
}) => {
  await unlock(page);
  const folder = await newSyncFolder();
  await start(page, app, folder, 'Desktop');
  const laptop = await secondApp(browser, rendererUrl, decoder, {
    vault: { password: PASSWORD },
  });
  try {
    await join(page, laptop.page, laptop.app, folder, 'Laptop');
    await expect(laptop.page.locator('.row-main')).toHaveCount(3, { timeout: 15_000 });
    const github = laptop.app.services.vault.list().find((a: Account) => a.issuer === 'GitHub')!;

    // The laptop is locked (no rounds); meanwhile the desktop deletes the account…
    await invoke(laptop.page, 'lock');
    await invoke(page, 'removeAccount', { id: github.id });
    await expect(page.locator('.row-main')).toHaveCount(2);
    // …and the laptop's command line renames it, not knowing.
    const cli = await Vault.open(laptop.app.vaultPath, { kdf: TEST_KDF });
    await cli.unlock(PASSWORD);
    await cli.update(github.id, { label: 'alice (work)' });
    cli.lock();

    // The laptop unlocks: its round merges both; the account stays, flagged, on both computers.
    await unlock(laptop.page);
    const flagged = (p: Page) =>
      p.locator('.row', { hasText: 'alice (work)' }).getByRole('button', { name: /Kept\./ });
    await expect(flagged(laptop.page)).toBeVisible({ timeout: 15_000 });
    await expect(flagged(page)).toBeVisible({ timeout: 15_000 });
    await flagged(page).click();
    await expect(page.getByRole('dialog', { name: 'What sync changed' })).toContainText(
      'Desktop deleted GitHub (alice (work)) while another computer changed it, so sync kept it.',
    );
  } finally {
    await laptop.close();
  }
});
