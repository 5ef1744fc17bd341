// Screenshots of sync in the window, in English and Japanese, light and dark, wide and narrow, for a
// human to look at (test-results/screenshots/sync/): Settings › Sync off, the start form, on with
// two computers, with a problem; the pairing and join screens; removing a computer; the merge line,
// the flag on a row and what it says; the paused banner.
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Account } from '../../shared/account';
import { test, expect } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, SHOT_LOOKS, secretFor, shot } from './support';
import { newSyncFolder, openSyncSettings, secondApp } from './sync-support';

test.use({ reducedMotion: 'no-preference' });

/** Texts of the English flow the shots walk through, per language (the looks switch it). */
const TEXT = {
  en: {
    addDevice: 'Add a computer…',
    pairTitle: 'Add a computer',
    join: 'Join sync…',
    joinTitle: 'Join sync',
    code: 'Pairing code',
    name: "This computer's name",
    vault: 'Vault password',
    wrongCode: 'No device in this folder shows that pairing code.',
    joined: 'This computer joined the sync.',
    remove: 'Remove Laptop from the sync…',
    removeTitle: 'Remove Laptop from the sync?',
    settings: 'Settings',
    sync: 'Sync',
    start: 'Start sync…',
    usePassword: 'Also let computers join with a sync password',
  },
  ja: {
    addDevice: 'コンピューターを追加…',
    pairTitle: 'コンピューターを追加',
    join: '同期に参加…',
    joinTitle: '同期に参加',
    code: 'ペアリングコード',
    name: 'このコンピューターの名前',
    vault: '保管庫のパスワード',
    wrongCode: 'No device',
    joined: 'このコンピューターが同期に参加しました。',
    remove: 'Laptop を同期から外す…',
    removeTitle: 'Laptop を同期から外しますか？',
    settings: '設定',
    sync: '同期',
    start: '同期を開始…',
    usePassword: '同期パスワードでも参加できるようにする',
  },
} as const;

for (const look of SHOT_LOOKS) {
  const tag = `${look.lang}-${look.theme}-${look.width}x${look.height}`;
  const settings = { language: look.lang, theme: look.theme } as const;
  const text = TEXT[look.lang];
  const snap = (page: Page, name: string) =>
    page.screenshot({ path: shot(`sync/${tag}/${name}`), animations: 'disabled' });

  test.describe(tag, () => {
    test.use({
      viewport: { width: look.width, height: look.height },
      harness: {
        settings,
        now: CALM_START,
        vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 6) },
      },
    });

    test('sync screens', async ({ page, app, browser, rendererUrl, decoder }) => {
      test.setTimeout(120_000);
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('.row-main').first().waitFor();
      const folder = await newSyncFolder();

      // Off, then the start form.
      await page.getByRole('button', { name: text.settings, exact: true }).click();
      const section = page
        .getByRole('dialog', { name: text.settings })
        .getByRole('region', { name: text.sync, exact: true });
      await section.scrollIntoViewIfNeeded();
      await section.locator('h3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await snap(page, '01-settings-off');
      app.dialogs.folder = folder;
      await section.getByRole('button', { name: text.start }).click();
      await section.getByLabel(text.name).fill('Desktop');
      await section.getByRole('switch', { name: text.usePassword }).check();
      await section.locator('input[name="sync-password"]').fill('a long sync password');
      await section.locator('h3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await snap(page, '02-start-form');
      await section.locator('input[name="sync-password-confirm"]').fill('a long sync password');
      await section.getByLabel(text.vault).fill(PASSWORD);
      await section.getByLabel(text.vault).press('Enter');
      await expect(section.locator('[data-phase]')).toBeVisible();

      // The pairing screen.
      await section.getByRole('button', { name: text.addDevice }).click();
      const pairing = page.getByRole('dialog', { name: text.pairTitle });
      const code = (await pairing.locator('.sync-code').getAttribute('data-code'))!;
      await expect(pairing.locator('img')).toBeVisible();
      // The toast that said sync is on has done its job.
      await page.locator('.toast .icon-button').click();
      await snap(page, '03-pairing');

      // The other computer's join screen, a wrong code first.
      const laptop = await secondApp(browser, rendererUrl, decoder, {
        settings,
        now: CALM_START,
        vault: {
          password: PASSWORD,
          accounts: [{ ...SAMPLE_ACCOUNTS[7]!, secret: secretFor('laptop only') }],
        },
      });
      try {
        await laptop.page.setViewportSize({ width: look.width, height: look.height });
        const other = await openSyncSettings(laptop.page, text.settings, text.sync);
        laptop.app.dialogs.folder = folder;
        await other.getByRole('button', { name: text.join }).click();
        const join = laptop.page.getByRole('dialog', { name: text.joinTitle });
        const codeField = join.getByRole('textbox', { name: text.code });
        await codeField.fill(code[0] === 'A' ? `B${code.slice(1)}` : `A${code.slice(1)}`);
        await join.getByLabel(text.name).fill('Laptop');
        await join.getByLabel(text.vault).fill(PASSWORD);
        await codeField.press('Enter');
        await expect(join.locator('.field-message-error')).toBeVisible();
        await snap(laptop.page, '04-join-wrong-code');
        await codeField.fill(code);
        await codeField.press('Enter');
        await expect(join).toBeHidden();
        await expect(other.getByRole('listitem')).toHaveCount(2, { timeout: 15_000 });
        await other.locator('h3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await snap(laptop.page, '05-settings-on-joined');

        // The first computer: the code was used; on with two computers.
        await expect(pairing.locator('.callout-success')).toBeVisible({ timeout: 15_000 });
        await snap(page, '06-pairing-joined');
        await pairing.locator('.dialog-footer .button-primary').click();
        await section.locator('h3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await snap(page, '07-settings-on-devices');

        // Removing the laptop is asked first.
        await section.getByRole('button', { name: text.remove }).click();
        await page.getByRole('alertdialog', { name: text.removeTitle }).waitFor();
        await snap(page, '08-remove-device');
        await page.keyboard.press('Escape');

        // A problem: the laptop's snapshot no longer passes its check (a sync service mid-copy).
        const laptopId = app.services.sync.status().devices.find((d) => !d.thisDevice)!.id;
        await laptop.close();
        await writeFile(path.join(folder, `${laptopId}.snapshot`), 'not a sealed file');
        await page.evaluate(`window.authdesk.invoke('syncNow')`);
        await expect(section.locator('[data-problem]')).toBeVisible();
        await section.locator('.sync-problems').scrollIntoViewIfNeeded();
        await snap(page, '09-settings-problem');
        await page.keyboard.press('Escape');
      } finally {
        await laptop.close().catch(() => undefined);
      }

      // The main window: a merge line and flagged rows.
      const [first, second] = app.services.vault.list() as Account[];
      await app.services.vault.syncChange((draft) => {
        for (const account of draft.accounts) {
          if (account.id === first!.id) {
            account.syncFlag = {
              kind: 'secret-conflict',
              device: { id: 'a'.repeat(32), name: 'Laptop' },
              other: second!.id,
              at: new Date(CALM_START).toISOString(),
            };
          }
          if (account.id === second!.id) {
            account.syncFlag = {
              kind: 'kept-after-delete',
              device: { id: 'a'.repeat(32), name: 'Laptop' },
              at: new Date(CALM_START).toISOString(),
            };
          }
        }
        return { value: undefined, write: true };
      });
      await expect(page.locator('.sync-flag')).toHaveCount(2);
      await snap(page, '10-flagged-rows');
      await page.locator('.sync-flag').first().click();
      await page.locator('dialog .dialog-footer .button-primary').waitFor();
      await snap(page, '11-flag-dialog');
      await page.keyboard.press('Escape');

      // The paused banner.
      await rename(folder, `${folder} (away)`);
      await page.evaluate(`window.authdesk.invoke('syncNow')`);
      await expect(page.locator('[data-sync-banner="paused"]')).toBeVisible();
      await snap(page, '12-paused-banner');
    });
  });
}
