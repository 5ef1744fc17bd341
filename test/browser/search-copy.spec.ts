// Finding an account by typing and copying its code: click, Enter, the top match, and the next code.
import type { Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, manyAccounts, unlock } from './support';

const issuers = (page: Page) => page.locator('.row-issuer').allInnerTexts();
const byIssuer = (app: AppHarness, issuer: string) =>
  app.services.vault.list().find((a) => a.issuer === issuer)!;

test.describe('with the sample accounts', () => {
  test.use({
    harness: {
      now: CALM_START,
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('typing anywhere searches issuer and account, case- and width-insensitively', async ({
    page,
    app,
  }) => {
    void app;
    await unlock(page);
    const search = page.getByLabel('Search accounts');
    await page.locator('.row-main').first().focus();
    await page.keyboard.type('GIT');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('GIT');
    expect(await issuers(page)).toEqual(['GitHub']);

    await search.fill('alice example');
    expect(await issuers(page)).toEqual(['Google']);
    await search.fill('ｇｉｔｈｕｂ'); // full-width, as a Japanese IME may leave it
    expect(await issuers(page)).toEqual(['GitHub']);
    await search.fill('aws'); // the initials of Amazon Web Services
    await expect(page.locator('.row-main')).toHaveCount(2);
    await expect(page.getByText('2 of 10')).toBeVisible();
    await search.fill('山田');
    expect(await issuers(page)).toEqual(['さくらのクラウド']);
    await search.fill('nothing like this');
    await expect(page.getByText('No accounts match “nothing like this”.')).toBeVisible();
    await search.press('Escape');
    await expect(search).toHaveValue('');
    await expect(page.locator('.row-main')).toHaveCount(SAMPLE_ACCOUNTS.length);
  });

  test('a click copies, a toast says so and that the clipboard will be cleared', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const github = byIssuer(app, 'GitHub');
    await page.locator(`[data-row-id="${github.id}"] .row-main`).click();
    await expect(
      page.getByRole('status').getByText('Copied the code for GitHub (alice).'),
    ).toBeVisible();
    await expect(
      // The code ends 28.5 s after CALM_START, and the clock stands still there.
      page.getByText('The clipboard will be cleared in 29 seconds.'),
    ).toBeVisible();
    expect(app.clipboard.text).toBe(totpCode(github, app.clock.now()));
  });

  test('Enter copies the focused row, or the top match from the search box; the menu copies the next code', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const google = byIssuer(app, 'Google');
    await page.keyboard.type('goo');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(totpCode(google, app.clock.now()));

    await page.getByLabel('Search accounts').fill('');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = app.services.vault.list().find((a) => a.label === 'alice@prod-admin')!;
    await page.keyboard.press('Enter');
    await expect.poll(() => app.clipboard.text).toBe(totpCode(second, app.clock.now()));

    await page
      .locator(`[data-row-id="${google.id}"]`)
      .getByRole('button', { name: /More/ })
      .click();
    await page.getByRole('menuitem', { name: 'Copy next code' }).click();
    await expect.poll(() => app.clipboard.text).toBe(totpCode(google, app.clock.now() + 30_000));
    await expect(
      page.getByText('Copied the next code for Google (alice@example.com).'),
    ).toBeVisible();
  });
});

test.describe('with 1,000 accounts', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: manyAccounts(1000) } },
  });

  test('only the visible rows exist in the page, and every keystroke filters', async ({
    page,
    app,
  }) => {
    void app;
    await unlock(page);
    const rendered = await page.locator('.row-main').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    await page.keyboard.press('End');
    await page.locator('.row-main').first().focus();
    await page.keyboard.press('End');
    await expect(page.locator('.row-issuer').last()).toHaveText('Service 0999');
    await page.keyboard.type('0998');
    expect(await issuers(page)).toEqual(['Service 0998']);
  });
});
