// Both languages: the OS language picks one, the setting overrides it, and switching is immediate.
import { test, expect } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

test.describe('a Japanese system', () => {
  test.use({
    harness: {
      now: CALM_START,
      systemLanguage: 'ja-JP',
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('shows Japanese from the first screen, and English once chosen in settings', async ({
    page,
    app,
  }) => {
    await expect(page.getByRole('heading', { name: '保管庫のロックを解除' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await page.getByLabel('保管庫のパスワード').fill('違うパスワード');
    await page.keyboard.press('Enter');
    await expect(page.getByText('パスワードが違います。もう一度入力してください。')).toBeVisible();
    await unlock(page);
    await expect(page.getByRole('button', { name: 'アカウントを追加' })).toBeVisible();
    // The rows' own texts (translated once for all rows, renderer/features/accounts/useRowTexts.ts).
    const github = page.locator('.row', { hasText: 'GitHub' });
    await expect(github.locator('.row-next-label')).toHaveText('次');
    await expect(github.getByRole('button', { name: 'GitHub のその他の操作' })).toBeVisible();
    await page.locator('.row-main').first().click();
    await expect(page.getByText(/のコードをコピーしました。/)).toBeVisible();

    await page.getByRole('button', { name: '設定' }).click();
    const settings = page.getByRole('dialog', { name: '設定' });
    await settings.getByLabel('言語').selectOption('en');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(() => app.services.settings.get().language).toBe('en');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
    await expect(github.locator('.row-next-label')).toHaveText('Next');
    await expect(github.getByRole('button', { name: 'More actions for GitHub' })).toBeVisible();
  });
});

test.describe('an English system with Japanese chosen', () => {
  test.use({ harness: { settings: { language: 'ja', theme: 'dark' }, systemLanguage: 'en-US' } });

  test('the setting wins over the system language, and the theme applies', async ({
    page,
    app,
  }) => {
    void app;
    await expect(page.getByRole('heading', { name: '保管庫を作成' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});

test.describe('settings', () => {
  test.use({ harness: { vault: { password: PASSWORD } } });

  test('each setting is saved through setSettings; the password can be changed', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await dialog.getByLabel('Lock automatically after').selectOption('0');
    await dialog
      .getByRole('switch', { name: 'Clear the clipboard when a copied code expires' })
      .uncheck();
    await dialog.getByRole('switch', { name: 'Screen-capture protection' }).uncheck();
    await expect(dialog.getByText('Hides the Authdesk window from screenshots')).toBeVisible();
    await expect
      .poll(() => app.services.settings.get())
      .toMatchObject({
        theme: 'dark',
        autoLockMinutes: 0,
        clearClipboard: false,
        contentProtection: false,
      });

    await dialog.getByRole('button', { name: 'Change password…' }).click();
    await dialog.getByLabel('Current password').fill('wrong one');
    await dialog.getByLabel('New password', { exact: true }).fill('a new long passphrase');
    await dialog.getByLabel('Type the new password again').fill('a new long passphrase');
    await dialog.getByRole('button', { name: 'Change password', exact: true }).click();
    await expect(dialog.getByText('Wrong password. Try again.')).toBeVisible();
    await dialog.getByLabel('Current password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Change password', exact: true }).click();
    await expect(dialog.getByText('The vault password has been changed.')).toBeVisible();

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+L');
    await unlock(page, 'a new long passphrase');
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  });
});
