// The codes on screen are the OTP engine's codes for that moment, and they roll over at the step boundary.
import type { Page } from '@playwright/test';
import type { Account } from '../../shared/account';
import { hotpCode, totpCode } from '../../shared/otp';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, stepStart, unlock } from './support';

test.use({
  harness: {
    now: CALM_START,
    frozenTime: true,
    vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
  },
});

const row = (page: Page, account: Account) => page.locator(`[data-row-id="${account.id}"]`);
const accountsOf = (app: AppHarness) => app.services.vault.list();

test('every row shows the code the OTP engine computes for this second, and the next one', async ({
  page,
  app,
}) => {
  await unlock(page);
  const now = app.clock.now();
  for (const account of accountsOf(app)) {
    const current = row(page, account).locator('.code-current');
    if (account.type === 'hotp') {
      await expect(current).toHaveAttribute('data-code', hotpCode(account, account.counter));
      continue;
    }
    await expect(current).toHaveAttribute('data-code', totpCode(account, now));
    await expect(row(page, account).locator('.code-next')).toHaveAttribute(
      'data-code',
      totpCode(account, now + account.period * 1000),
    );
  }
  // 6 digits read as 3+3, 8 as 4+4, Steam's 5 characters whole.
  const [microsoft] = accountsOf(app).filter((a) => a.digits === 8);
  const groups = row(page, microsoft!).locator('.code-current .code-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.first()).toHaveText(/^\d{4}$/);
  const steam = accountsOf(app).find((a) => a.type === 'steam')!;
  await expect(row(page, steam).locator('.code-current .code-group')).toHaveCount(1);
});

test('codes roll over at the step boundary; the ring warns in the last 5 seconds', async ({
  page,
  app,
}) => {
  await unlock(page);
  const boundary = stepStart(CALM_START) + 60_000;
  app.setTime(boundary - 3_000);
  const account = accountsOf(app).find((a) => a.issuer === 'GitHub')!;
  const current = row(page, account).locator('.code-current');
  await expect(current).toHaveAttribute('data-code', totpCode(account, boundary - 3_000));
  await expect(row(page, account).locator('.ring')).toHaveClass(/ring-urgent/);
  await expect(row(page, account).locator('.row-codes')).toHaveClass(/row-codes-urgent/);

  // Three seconds later the step ends; main pushes the new step's codes at the boundary.
  await app.advance(3_000);
  await expect(current).toHaveAttribute('data-code', totpCode(account, boundary));
  await expect(row(page, account).locator('.code-next')).toHaveAttribute(
    'data-code',
    totpCode(account, boundary + 30_000),
  );
  await expect(row(page, account).locator('.ring')).not.toHaveClass(/ring-urgent/);
  await expect(row(page, account).locator('.ring-seconds')).toHaveText('30');
});

test('an HOTP account shows its code without a countdown and advances on request', async ({
  page,
  app,
}) => {
  await unlock(page);
  const account = accountsOf(app).find((a) => a.type === 'hotp')!;
  await expect(row(page, account).locator('.ring')).toHaveCount(0);
  await expect(row(page, account).locator('.code-current')).toHaveAttribute(
    'data-code',
    hotpCode(account, 3),
  );
  await row(page, account).getByRole('button', { name: 'Generate the next code' }).click();
  await expect(row(page, account).locator('.code-current')).toHaveAttribute(
    'data-code',
    hotpCode(account, 4),
  );
  await expect(row(page, account)).toContainText('Counter 4');
});

test('the AWS helper shows MFA code 1 and 2, and waits when fewer than 5 seconds remain', async ({
  page,
  app,
}) => {
  await unlock(page);
  const account = accountsOf(app).find((a) => a.label === 'alice@prod-admin')!;
  const boundary = stepStart(CALM_START) + 120_000;
  app.setTime(boundary - 3_000);
  await row(page, account)
    .getByRole('button', { name: /More actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'AWS registration helper' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register an MFA device' });
  await expect(dialog.getByText('Fewer than 5 seconds left.')).toBeVisible();
  await expect(dialog.locator('.aws-code [data-code]')).toHaveCount(0);

  // Once the next step begins, the pair appears: that step's code and the one after it.
  await app.advance(3_000);
  const code1 = dialog.locator('.aws-code').nth(0).locator('[data-code]');
  const code2 = dialog.locator('.aws-code').nth(1).locator('[data-code]');
  await expect(code1).toHaveAttribute('data-code', totpCode(account, boundary));
  await expect(code2).toHaveAttribute('data-code', totpCode(account, boundary + 30_000));
  await expect(dialog.getByText('30 seconds left to enter both codes')).toBeVisible();

  await dialog.getByRole('button', { name: 'Copy MFA code 2' }).click();
  await expect.poll(() => app.clipboard.text).toBe(totpCode(account, boundary + 30_000));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
