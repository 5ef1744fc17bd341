// Locking returns to the unlock screen: the button, Ctrl+L, and the idle auto-lock in main.
import { Vault } from '../../electron/vault/vault';
import { test, expect } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

test.use({
  harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
});

test('the Lock button locks the vault and shows the unlock screen', async ({ page, app }) => {
  await unlock(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  expect(app.services.vault.isUnlocked).toBe(false);
  await expect(page.locator('[data-code]')).toHaveCount(0);
  await unlock(page);
  await expect(page.locator('.row-main')).toHaveCount(SAMPLE_ACCOUNTS.length);
});

test('Ctrl+L locks from anywhere, even from inside a dialog', async ({ page, app }) => {
  await unlock(page);
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(app.services.vault.isUnlocked).toBe(false);
});

test('after the idle time main locks, and the window says why', async ({ page, app }) => {
  await unlock(page);
  app.idleSeconds = 5 * 60;
  app.services.idleLock.check();
  await expect(page.getByText('Locked after a period of inactivity.')).toBeVisible();
  await expect(page.getByLabel('Vault password')).toBeFocused();
});

test('when the password is changed elsewhere, the window locks and says why; the new password opens it', async ({
  page,
  app,
}) => {
  await unlock(page);
  // As `authdesk passwd` in a terminal would: another process, the same file, a new master key.
  const elsewhere = await Vault.open(app.vaultPath, { kdf: { N: 2 ** 10 } });
  await elsewhere.unlock(PASSWORD);
  await elsewhere.changePassword(PASSWORD, 'a different password');
  elsewhere.lock();

  await expect(app.services.vault.refresh()).rejects.toMatchObject({ code: 'VAULT_REPLACED' });
  await expect(page.getByText(/changed outside this window/)).toBeVisible();
  expect(app.services.vault.isUnlocked).toBe(false);
  await unlock(page, 'a different password');
  await expect(page.locator('.row-main')).toHaveCount(SAMPLE_ACCOUNTS.length);
});
