// Wrong passwords slow down after 5 in a row: the unlock screen counts the wait down with the button
// off, main refuses tries (even the right password) until it has passed, and a reload does not skip it.
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { PASSWORD, shot } from './support';

/** The visible message under the password field (the status line repeats it for screen readers). */
const message = (page: Page) => page.locator('.field-message');

/** main's answers to unlock so far. */
function unlockResults(app: AppHarness) {
  return app.sent.filter((s) => s.kind === 'result' && s.name === 'unlock').map((s) => s.payload);
}

async function tryPassword(page: Page, app: AppHarness, password: string): Promise<void> {
  const before = unlockResults(app).length;
  const field = page.locator('input[name="password"]');
  await field.fill(password);
  await field.press('Enter');
  await expect.poll(() => unlockResults(app).length).toBe(before + 1);
}

test.describe('unlock throttle', () => {
  // The waits pass when the test says, in main (which refuses tries) and in the page (which counts down).
  test.use({ harness: { vault: { password: PASSWORD }, frozenTime: true } });

  test('counts down after the 5th wrong password and refuses tries, even after a reload', async ({
    page,
    app,
  }) => {
    const button = page.getByRole('button', { name: 'Unlock' });
    for (let i = 1; i <= 4; i++) {
      await tryPassword(page, app, `wrong ${i}`);
      await expect(message(page)).toHaveText('Wrong password. Try again.');
    }
    await tryPassword(page, app, 'wrong 5');
    await expect(message(page)).toHaveText('Too many wrong passwords. Try again in 1 s.');
    await expect(page.getByRole('status')).toHaveText(
      'Too many wrong passwords. Try again in 1 s.',
    );
    await expect(button).toBeDisabled();
    await page.screenshot({ path: shot('unlock-throttled') });
    // Enter does nothing while the button is off: main is not even asked.
    const asked = unlockResults(app).length;
    await page.getByLabel('Vault password').press('Enter');
    await app.advance(1_000);
    await expect(button).toBeEnabled();
    await expect(message(page)).toHaveCount(0);
    expect(unlockResults(app).length).toBe(asked);
    await app.advance(20); // the field takes the focus in the next frame
    await expect(page.getByLabel('Vault password')).toBeFocused();

    // The 6th wrong password doubles the wait; the count is main's, so a reload keeps it.
    await tryPassword(page, app, 'wrong 6');
    await expect(message(page)).toHaveText('Too many wrong passwords. Try again in 2 s.');
    await page.reload();
    await tryPassword(page, app, PASSWORD);
    await expect(message(page)).toHaveText('Too many wrong passwords. Try again in 2 s.');
    await expect(button).toBeDisabled();
    expect(unlockResults(app).at(-1)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'UNLOCK_THROTTLED',
        retryAfterMs: expect.any(Number),
      }),
    });
    expect(await app.services.vault.state()).toBe('locked');

    // Once the wait is over the same password opens the vault.
    await app.advance(2_000);
    await expect(button).toBeEnabled();
    await button.click();
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  });
});

test.describe('unlock throttle in Japanese', () => {
  test.use({ harness: { vault: { password: PASSWORD }, systemLanguage: 'ja-JP' } });

  test('says how long to wait in Japanese', async ({ page, app }) => {
    for (let i = 1; i <= 5; i++) await tryPassword(page, app, `wrong ${i}`);
    await expect(message(page)).toHaveText(
      'パスワードの誤りが続いています。1 秒後にやり直してください。',
    );
    await expect(page.getByRole('button', { name: 'ロックを解除' })).toBeDisabled();
    await page.screenshot({ path: shot('unlock-throttled-ja') });
  });
});
