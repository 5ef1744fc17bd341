// Removing a computer from the sync in Settings › Sync, through the real handlers, service and folder:
// asked with what it means and the vault password; the removed computer is told (banner, Settings).
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { PASSWORD, SAMPLE_ACCOUNTS } from './support';
import { newSyncFolder, openSyncSettings, secondApp, startSyncInWindow } from './sync-support';

test.use({ harness: { vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 3) } } });

test('removes another computer after asking for the vault password; that one learns it was removed', async ({
  page,
  app,
  browser,
  rendererUrl,
  decoder,
}) => {
  await page.locator('input[name="password"]').waitFor();
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.keyboard.press('Enter');
  const folder = await newSyncFolder();
  const section = await startSyncInWindow(page, app, folder, 'Desktop', {
    syncPassword: 'the sync password 1',
  });
  const laptop = await secondApp(browser, rendererUrl, decoder, {
    vault: { password: PASSWORD },
  });
  try {
    const other = await openSyncSettings(laptop.page);
    laptop.app.dialogs.folder = folder;
    await other.getByRole('button', { name: 'Join sync…' }).click();
    const join = laptop.page.getByRole('dialog', { name: 'Join sync' });
    await join.getByRole('radio', { name: 'Sync password' }).check();
    await join.locator('input[name="sync-password"]').fill('the sync password 1');
    await join.getByLabel("This computer's name").fill('Laptop');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(laptop.page.getByText('This computer joined the sync.')).toBeVisible();
    await laptop.page.keyboard.press('Escape');

    const devices = section.getByRole('list', { name: 'Computers in this sync' });
    await expect(devices).toContainText('Laptop', { timeout: 15_000 });
    // Only the other computer has a Remove button.
    await expect(devices.getByRole('button')).toHaveCount(1);
    await devices.getByRole('button', { name: 'Remove Laptop from the sync…' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Remove Laptop from the sync?' });
    await expect(ask).toContainText('Laptop will receive no more changes');
    await expect(ask).toContainText('The sync password is removed too (Laptop knew it)');
    await expect(ask.getByLabel('Vault password')).toBeFocused();
    const { violations } = await checkAxe(page);
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);

    await page.keyboard.type('wrong');
    await page.keyboard.press('Enter');
    await expect(ask.getByText('Wrong password', { exact: false })).toBeVisible();
    expect(app.services.sync.status().devices).toHaveLength(2);
    await ask.getByLabel('Vault password').fill(PASSWORD);
    await ask.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByText('Laptop was removed from the sync.')).toBeVisible();
    await expect(ask).toBeHidden();
    await expect(devices.getByRole('listitem')).toHaveCount(1);
    await expect(
      section.getByText('Not set: other computers join with a pairing code.'),
    ).toBeVisible();
    // The focus stays in the section.
    await expect(section.getByRole('button', { name: 'Sync now' })).toBeFocused();

    // The laptop finds the key changed without it: removed, its accounts kept.
    await expect(
      laptop.page.getByRole('alert').filter({ hasText: 'removed this one' }),
    ).toBeVisible({
      timeout: 20_000,
    });
    await expect(laptop.page.locator('.row-main')).toHaveCount(3);
    const settings = await openSyncSettings(laptop.page);
    await expect(
      settings.getByText('Another computer removed this one from the sync.'),
    ).toBeVisible();
    await settings.getByRole('button', { name: 'Stop sync…' }).click();
    await laptop.page
      .getByRole('alertdialog', { name: 'Stop sync on this computer?' })
      .getByRole('button', { name: 'Stop sync' })
      .click();
    await expect(settings.getByRole('button', { name: 'Join sync…' })).toBeVisible();
  } finally {
    await laptop.close();
  }
});
