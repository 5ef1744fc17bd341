// Keyboard and screen-reader behaviour of the accounts list: where the focus goes after a dialog, a
// delete and an add; focus rings on text fields; the code read as digits; the seconds left in the
// row's description (no live region); and the countdown ring standing still with reduced motion.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { spokenCode } from '../../renderer/features/accounts/model/code-format';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

test.use({
  harness: {
    now: CALM_START,
    frozenTime: true,
    vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
  },
});

const rows = (page: Page) => page.locator('.row-main');
const rowOf = (page: Page, issuer: string, label: string) =>
  page.locator('.row', { has: page.getByText(label, { exact: true }) }).filter({
    has: page.getByText(issuer, { exact: true }),
  });

/** The outline the browser draws for the focused element. */
const outlineOf = (locator: Locator) =>
  locator.evaluate((el) => {
    const style = el.ownerDocument.defaultView!.getComputedStyle(el);
    return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
  });

test('a confirmed delete moves the focus to the neighbouring row; a cancelled one back to the menu', async ({
  page,
  app,
}) => {
  await unlock(page);
  // The row's text once its icon is drawn (a letter stands in while a brand icon loads).
  await expect(page.locator('[data-icon-pending]')).toHaveCount(0);
  const third = await rows(page).nth(2).textContent();
  await rows(page).nth(1).focus();
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('End'); // Delete… is the menu's last item
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toBeVisible();
  // Cancelled: back to the row's menu button, where it was before the dialog opened.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.locator('.row-menu').nth(1)).toBeFocused();

  await page.keyboard.press('Enter'); // the menu again, from its button
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Delete' }).focus();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect.poll(() => app.services.vault.list().length).toBe(SAMPLE_ACCOUNTS.length - 1);
  await app.advance(20); // a row scrolled into view is focused on the next frame
  await expect(page.locator('.row-main:focus')).toHaveText(third!);
});

test('after adding an account (and its AWS helper) the focus is on the new row', async ({
  page,
  app,
}) => {
  await unlock(page);
  await page.keyboard.press('Control+n');
  const add = page.getByRole('dialog', { name: 'Add account' });
  await expect(add).toBeVisible();
  await add.getByLabel('Secret key').fill('JBSWY3DPEHPK3PXP');
  await add.locator('input[name="issuer"]').fill('Zulu Example');
  await add.locator('input[name="label"]').fill('zed@example.com');
  await add.locator('input[name="label"]').press('Enter');
  // A new TOTP account opens the AWS registration helper; closing it lands on the new row.
  await expect(add).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await app.advance(20);
  await expect(rowOf(page, 'Zulu Example', 'zed@example.com').locator('.row-main')).toBeFocused();
});

test('a dialog gives the focus back to the button that opened it', async ({ page, app }) => {
  void app; // the fixture starts the harness
  await unlock(page);
  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings).toBeFocused();

  await rows(page).first().focus();
  await page.keyboard.press('Tab'); // the row's menu button
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Edit…' }).press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.row-menu').first()).toBeFocused();
});

test('text fields show a focus ring as visible as the buttons’', async ({ page, app }) => {
  void app;
  await unlock(page);
  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab'); // keyboard focus, so :focus-visible holds
  await expect(settings).toBeFocused();
  const button = await outlineOf(settings);
  expect(button.style).toBe('solid');

  await page.locator('.search-input').focus();
  expect(await outlineOf(page.locator('.search'))).toEqual(button);

  await page.keyboard.press('Control+n');
  const secret = page.getByRole('dialog', { name: 'Add account' }).getByLabel('Secret key');
  await secret.focus();
  expect(await outlineOf(secret)).toEqual(button);
});

test('the code is read digit by digit; the seconds left are in the description, not announced', async ({
  page,
  app,
}) => {
  await unlock(page);
  const row = rows(page).first();
  const code = (await row.locator('.code-current').getAttribute('data-code'))!;
  expect(code).toMatch(/^\d{6}$/);
  await expect(row).toHaveAccessibleName(new RegExp(spokenCode(code)));
  // The visible code stays in groups.
  await expect(row.locator('.code-current [aria-hidden="true"]')).toHaveText(
    `${code.slice(0, 3)}${code.slice(3)}`,
  );
  // 1.5 s into the step: 29 seconds left, read with the row's description.
  await expect(row).toHaveAccessibleDescription('Click or press Enter to copy 29 seconds left');
  await app.advance(10_000);
  await expect(row).toHaveAccessibleDescription('Click or press Enter to copy 19 seconds left');
  // Nothing that ticks lies in a live region.
  const live = page.locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]');
  for (const region of await live.all()) {
    await expect(region.locator('.ring-seconds, .row')).toHaveCount(0);
  }
});

test.describe('countdown ring', () => {
  test('stands still with reduced motion while the number counts', async ({ page, app }) => {
    await unlock(page);
    const ring = page.locator('.ring').first();
    const progress = ring.locator('.ring-progress');
    const dash = () =>
      progress.evaluate((el) => {
        const style = el.ownerDocument.defaultView!.getComputedStyle(el);
        return `${style.strokeDasharray} ${style.strokeDashoffset}`;
      });
    const before = await dash();
    await expect(ring.locator('.ring-seconds')).toHaveText('29');
    await app.advance(10_000);
    await expect(ring.locator('.ring-seconds')).toHaveText('19');
    expect(await dash()).toBe(before);
    expect(before).toMatch(/^none /);
  });

  test.describe(() => {
    test.use({ reducedMotion: 'no-preference' });
    test('empties over the step otherwise', async ({ page, app }) => {
      await unlock(page);
      const progress = page.locator('.ring-progress').first();
      const offset = () =>
        progress.evaluate(
          (el) => el.ownerDocument.defaultView!.getComputedStyle(el).strokeDashoffset,
        );
      const before = await offset();
      await app.advance(10_000);
      await expect.poll(offset).not.toBe(before);
    });
  });
});
