// Unlock with the system keychain, through the real handlers and a stand-in keychain that really
// encrypts: the settings switch, unlocking with it (once by itself at start, by a click after a lock),
// the fallback to the password when the keychain fails, basic_text, and screenshots.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot, unlock } from './support';

const accounts = SAMPLE_ACCOUNTS.slice(0, 3);
const slotTypes = async (app: AppHarness) =>
  (JSON.parse(await readFile(app.vaultPath, 'utf8')).slots as { type: string }[]).map(
    (slot) => slot.type,
  );

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

const keychainButton = (page: Page) =>
  page.getByRole('button', { name: 'Unlock with system keychain' });

/** Runs in the page: whether the element has the keyboard focus. */
const isFocused = (el: unknown) => (el as { matches(selector: string): boolean }).matches(':focus');

async function lock(page: Page) {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
}

test.describe('the settings switch', () => {
  test.use({ harness: { now: CALM_START, vault: { password: PASSWORD, accounts } } });

  test('is off by default, turns on with the vault password (keyboard only), and off again', async ({
    page,
    app,
  }) => {
    await unlock(page);
    // Off by default, and the unlock screen offers nothing but the password.
    expect(await slotTypes(app)).toEqual(['password']);
    const settings = await openSettings(page);
    const toggle = settings.getByRole('switch', { name: 'Unlock with the system keychain' });
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toBeEnabled();
    await expect(toggle).toHaveAccessibleDescription(/opens without your password/);

    await toggle.focus();
    await page.keyboard.press('Space');
    const password = settings.getByRole('textbox', { name: 'Vault password' });
    await expect(password).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(settings.getByText('Enter your vault password.')).toBeVisible();
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect(settings.getByText('Wrong password. Try again.')).toBeVisible();
    expect(await slotTypes(app)).toEqual(['password']);

    await password.fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Unlock with the system keychain is on.')).toBeVisible();
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeFocused();
    await expect(password).toHaveCount(0);
    expect(await slotTypes(app)).toEqual(['password', 'system']);

    await page.keyboard.press('Space');
    await expect(page.getByText('Unlock with the system keychain is off')).toBeVisible();
    await expect(toggle).not.toBeChecked();
    expect(await slotTypes(app)).toEqual(['password']);
  });

  test('Cancel closes the password form and leaves the switch off', async ({ page, app }) => {
    await unlock(page);
    const settings = await openSettings(page);
    const toggle = settings.getByRole('switch', { name: 'Unlock with the system keychain' });
    await toggle.check();
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await expect(toggle).not.toBeChecked();
    await expect(settings.getByRole('textbox', { name: 'Vault password' })).toHaveCount(0);
    expect(await slotTypes(app)).toEqual(['password']);
  });
});

test.describe('a password change', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts, keychain: true } },
  });

  async function changePassword(page: Page) {
    const settings = await openSettings(page);
    await settings.getByRole('button', { name: 'Change password…' }).click();
    await settings.getByLabel('Current password').fill(PASSWORD);
    await settings.getByLabel('New password', { exact: true }).fill('a new long passphrase');
    await settings.getByLabel('Type the new password again').fill('a new long passphrase');
    await settings.getByRole('button', { name: 'Change password', exact: true }).click();
    await expect(settings.getByText('The vault password has been changed.')).toBeVisible();
    return settings;
  }

  test('wraps the new key with the keychain again: unlocking with it keeps working', async ({
    page,
    app,
  }) => {
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
    const settings = await changePassword(page);
    await expect(settings.getByText(/keychain was turned off/)).toHaveCount(0);
    await expect(
      settings.getByRole('switch', { name: 'Unlock with the system keychain' }),
    ).toBeChecked();
    expect(await slotTypes(app)).toEqual(['password', 'system']);
    await page.keyboard.press('Escape');
    await lock(page);
    await keychainButton(page).click();
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
  });

  test('says so when the keychain refuses the new key, and the switch shows it off', async ({
    page,
    app,
  }) => {
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
    app.keychain.state = 'unavailable';
    const settings = await changePassword(page);
    await expect(settings.getByText(/keychain was turned off/)).toBeVisible();
    await expect(
      settings.getByRole('switch', { name: 'Unlock with the system keychain' }),
    ).not.toBeChecked();
    expect(await slotTypes(app)).toEqual(['password']);
  });
});

test.describe('unlocking with the keychain', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts, keychain: true } },
  });

  test('opens by itself at start; after a lock it waits for the button, which the keyboard reaches', async ({
    page,
    app,
  }) => {
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
    expect(app.keychain.calls.decrypt).toBe(1);

    await lock(page);
    await expect(keychainButton(page)).toBeVisible();
    // Locking keeps its meaning: no second try by itself.
    expect(app.keychain.calls.decrypt).toBe(1);
    await expect(page.getByLabel('Vault password')).toBeFocused();
    // After the field, its show-password button and Unlock: a few Tabs, no mouse.
    for (let i = 0; i < 5; i++) {
      if (await keychainButton(page).evaluate(isFocused)) break;
      await page.keyboard.press('Tab');
    }
    await expect(keychainButton(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
  });

  test('a reset keychain says so, and the password is the way in', async ({ page, app }) => {
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
    await lock(page);
    app.keychain.reset();
    await keychainButton(page).click();
    await expect(page.locator('.keychain-unlock').getByRole('alert')).toContainText(
      'The system keychain could not unlock the vault',
    );
    await expect(page.getByLabel('Vault password')).toBeFocused();
    expect(app.services.vault.isUnlocked).toBe(false);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
  });

  test('the settings switch shows it on, and turning it off removes the offer', async ({
    page,
    app,
  }) => {
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
    const settings = await openSettings(page);
    const toggle = settings.getByRole('switch', { name: 'Unlock with the system keychain' });
    await expect(toggle).toBeChecked();
    await toggle.click();
    await expect(page.getByText('Unlock with the system keychain is off')).toBeVisible();
    expect(await slotTypes(app)).toEqual(['password']);
    await page.keyboard.press('Escape');
    await lock(page);
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
    await expect(keychainButton(page)).toHaveCount(0);
  });
});

test.describe('a vault from another computer', () => {
  test.use({
    harness: {
      now: CALM_START,
      vault: { password: PASSWORD, accounts, keychain: 'other-machine' },
    },
  });

  test('the try at start fails with the message; the password field has the focus and opens it', async ({
    page,
    app,
  }) => {
    await expect(page.locator('.keychain-unlock').getByRole('alert')).toContainText(
      'this vault comes from another computer',
    );
    expect(app.services.vault.isUnlocked).toBe(false);
    await expect(page.getByLabel('Vault password')).toBeFocused();
    await unlock(page);
    await expect(page.locator('.row-main')).toHaveCount(accounts.length);
  });
});

test.describe("Linux's basic_text fallback", () => {
  test.use({
    harness: {
      now: CALM_START,
      keychain: 'basic_text',
      vault: { password: PASSWORD, accounts, keychain: true },
    },
  });

  test('is not offered at unlock, and the switch says why it cannot be turned on', async ({
    page,
    app,
  }) => {
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
    await expect(keychainButton(page)).toHaveCount(0);
    expect(app.keychain.calls.decrypt).toBe(0);
    await unlock(page);
    // The vault still has the slot from before: it can be turned off, not on.
    const settings = await openSettings(page);
    const toggle = settings.getByRole('switch', { name: 'Unlock with the system keychain' });
    await expect(toggle).toBeChecked();
    await expect(toggle).toHaveAccessibleDescription(/GNOME Keyring \(libsecret\) or KWallet/);
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toBeDisabled();
    await expect(
      settings.getByText('Linux needs GNOME Keyring (libsecret) or KWallet'),
    ).toBeVisible();
  });
});

for (const combo of [
  { lang: 'en', theme: 'light' },
  { lang: 'ja', theme: 'dark' },
] as const) {
  const tag = `${combo.lang}-${combo.theme}`;
  const settings = { language: combo.lang, theme: combo.theme } as const;
  const snap = (page: Page, name: string) =>
    page.screenshot({ path: shot(`keychain/${tag}-${name}`), animations: 'disabled' });

  test.describe(`screenshots ${tag}`, () => {
    test.use({
      viewport: { width: 1000, height: 800 },
      harness: {
        settings,
        now: CALM_START,
        vault: { password: PASSWORD, accounts, keychain: true },
      },
    });

    test('the settings switch and the unlock screen', async ({ page, app }) => {
      await expect(page.locator('.row-main')).toHaveCount(accounts.length);
      const dialog = page.getByRole('dialog');
      const toggle = dialog.locator('.keychain-setting [role="switch"]');
      const openSettings = async () => {
        await page.locator('.topbar-actions .icon-button').first().click();
        await toggle.scrollIntoViewIfNeeded();
      };
      const closeSettings = async () => {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      };

      await openSettings();
      await expect(toggle).toBeChecked();
      await snap(page, '1-settings-on');
      await toggle.click();
      await expect(toggle).not.toBeChecked();
      await closeSettings();

      app.keychain.state = 'basic_text';
      await openSettings();
      await expect(toggle).toBeDisabled();
      await snap(page, '2-settings-basic-text');
      await closeSettings();

      app.keychain.state = 'available';
      await openSettings();
      await toggle.check();
      const password = dialog.locator('input[name="current-password"]');
      await password.fill('wrong');
      await password.press('Enter');
      await expect(dialog.locator('.field-message-error')).toBeVisible();
      await dialog.locator('.keychain-setting .subform-actions').scrollIntoViewIfNeeded();
      await snap(page, '3-settings-password');
      await password.fill(PASSWORD);
      await password.press('Enter');
      await expect(password).toHaveCount(0);
      await expect(toggle).toBeChecked();
      await closeSettings();

      // The toasts of the steps above would cover the unlock card.
      const toasts = page.locator('.toast .icon-button');
      while ((await toasts.count()) > 0) await toasts.first().click();
      await expect(page.locator('.toast')).toHaveCount(0);
      await page.keyboard.press('Control+L');
      await expect(page.locator('.keychain-unlock .button')).toBeVisible();
      await snap(page, '4-unlock');
      app.keychain.reset();
      await page.locator('.keychain-unlock .button').click();
      await expect(page.locator('.keychain-unlock [role="alert"]')).toBeVisible();
      await expect(page.locator('input[name="password"]')).toBeFocused();
      await snap(page, '5-unlock-failed');
    });
  });
}
