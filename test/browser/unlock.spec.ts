// First run and unlock through the real vault: creating it, wrong and right passwords, Enter submits.
import { existsSync } from 'node:fs';
import { test, expect } from '../harness/browser/app';
import { PASSWORD } from './support';

test.describe('first run', () => {
  test('creates the vault after checking length and that both entries match', async ({
    page,
    app,
  }) => {
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await expect(page.getByText('If you forget this password, the accounts')).toBeVisible();
    const first = page.getByLabel('Vault password', { exact: true });
    const second = page.getByLabel('Type the password again');

    await first.fill('short');
    await second.fill('short');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
    await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute(
      'aria-valuetext',
      /weak/i,
    );

    await first.fill(PASSWORD);
    await second.fill(`${PASSWORD}!`);
    await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
    expect(existsSync(app.vaultPath)).toBe(false);

    await second.fill(PASSWORD);
    await second.press('Enter');
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    expect(existsSync(app.vaultPath)).toBe(true);
  });
});

test.describe('unlock', () => {
  test.use({ harness: { vault: { password: PASSWORD } } });

  test('a wrong password says so, keeps focus and selects the text; the right one opens', async ({
    page,
    app,
  }) => {
    void app;
    const field = page.getByLabel('Vault password');
    await expect(field).toBeFocused();
    await field.fill('not the password');
    await field.press('Enter');
    await expect(page.getByText('Wrong password. Try again.')).toBeVisible();
    await expect(field).toBeFocused();
    const selected = await field.evaluate((el) => {
      const input = el as unknown as {
        selectionStart: number;
        selectionEnd: number;
        value: string;
      };
      return input.selectionEnd - input.selectionStart === input.value.length;
    });
    expect(selected).toBe(true);

    // Typing replaces the selected wrong password.
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  });
});
