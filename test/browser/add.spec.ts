// Adding an account by hand and from an otpauth:// link, with every validation error explained.
import type { Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { test, expect } from '../harness/browser/app';
import { CALM_START, PASSWORD, unlock } from './support';

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD } } });

async function openAdd(page: Page) {
  await unlock(page);
  await page.getByRole('button', { name: 'Add your first account' }).click();
  return page.getByRole('dialog', { name: 'Add account' });
}

test('the secret key is checked as it is typed, with the reason', async ({ page, app }) => {
  void app;
  const dialog = await openAdd(page);
  const secret = dialog.getByLabel('Secret key');
  const cases: [string, string][] = [
    ['jbsw y3dp 0hpk', '“0” cannot appear in a secret key. Did you mean the letter O?'],
    ['JBSW1', '“1” cannot appear in a secret key. Did you mean the letter I or L?'],
    ['JBSW-Y3DP-EHP!', '“!” cannot appear in a secret key.'],
    ['JBSWY3', 'A secret key cannot be 6 characters long'],
    ['jbsw y3dp ehpk 3pxp', 'Looks good: 16 characters.'],
  ];
  for (const [typed, message] of cases) {
    await secret.fill(typed);
    await expect(dialog.getByText(message)).toBeVisible();
  }
  await secret.fill('jbsw\u00a0y3dp\u200behpk3pxp');
  await expect(dialog.getByText('invisible character (U+200B)')).toBeVisible();
});

test('submitting shows what is missing or out of range, and adds nothing', async ({
  page,
  app,
}) => {
  const dialog = await openAdd(page);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByText('Enter the service or the account name.')).toBeVisible();
  await expect(dialog.getByText('Enter the secret key.')).toBeVisible();
  await expect(dialog.getByLabel('Service')).toBeFocused();

  await dialog.getByLabel('Service').fill('Example');
  await dialog.getByLabel('Secret key').fill('JBSWY3DPEHPK3PXP');
  await dialog.getByText('Advanced').click();
  await dialog.getByLabel('Period (seconds)').fill('0');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(
    dialog.getByText('The period must be a whole number of seconds from 1 to 86400.'),
  ).toBeVisible();

  await dialog.getByLabel('Type').selectOption('hotp');
  await dialog.getByLabel('Counter').fill('-1');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByText('The counter must be a whole number of 0 or more.')).toBeVisible();
  expect(app.services.vault.list()).toHaveLength(0);
});

test('a pasted otpauth:// link fills the form; bad links are explained by their code', async ({
  page,
  app,
}) => {
  void app;
  const dialog = await openAdd(page);
  const link = dialog.getByLabel('Setup link');
  const errors: [string, string][] = [
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'This is not an otpauth:// setup link.'],
    ['otpauth://totp/Example:alice', 'This link has no secret key.'],
    ['otpauth://totp/Example:alice?secret=JBSWY3DP0', 'The secret key is not valid.'],
    [
      'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
      'This algorithm is not supported.',
    ],
    ['otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=12', 'Codes must have 6, 7 or 8 digits.'],
    ['otpauth://push/A:b?secret=JBSWY3DPEHPK3PXP', 'a kind of code Authdesk does not support'],
    ['otpauth://totp/%2?secret=s', 'This setup link is damaged.'],
    [
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC',
      'Google Authenticator export link',
    ],
  ];
  for (const [text, message] of errors) {
    await link.fill(text);
    await expect(dialog.getByText(message)).toBeVisible();
  }

  await link.fill('2WCM LZQZ 25YY Q6Q5');
  await expect(dialog.getByText('That looks like a secret key')).toBeVisible();
  await expect(dialog.getByLabel('Secret key')).toHaveValue('2WCM LZQZ 25YY Q6Q5');

  await link.fill(
    'otpauth://totp/ACME%20Co:carol@example.com?secret=jbsw%20y3dp%20ehpk%203pxp&issuer=ACME%20Co&digits=8&algorithm=SHA256&period=60',
  );
  await expect(dialog.getByText('Filled in from the link.')).toBeVisible();
  await expect(dialog.getByLabel('Service')).toHaveValue('ACME Co');
  await expect(dialog.getByLabel('Account name')).toHaveValue('carol@example.com');
  await expect(dialog.getByLabel('Secret key')).toHaveValue('JBSWY3DPEHPK3PXP');
  await expect(dialog.getByLabel('Algorithm')).toHaveValue('SHA256');
  await expect(dialog.getByLabel('Digits')).toHaveValue('8');
  await expect(dialog.getByLabel('Period (seconds)')).toHaveValue('60');
});

// The helper shows codes for the moment it opens: the clock stands still, however slow the steps.
test.describe('the AWS helper after adding', () => {
  test.use({ harness: { now: CALM_START, frozenTime: true, vault: { password: PASSWORD } } });

  test('adding opens the AWS helper with that account’s codes; a duplicate can be added anyway', async ({
    page,
    app,
  }) => {
    const dialog = await openAdd(page);
    await dialog.getByLabel('Service').fill('AWS');
    await dialog.getByLabel('Account name').fill('root');
    await dialog.getByLabel('Secret key').fill('jbsw y3dp ehpk 3pxp');
    await dialog.getByLabel('Secret key').press('Enter');

    const helper = page.getByRole('dialog', { name: 'Register an MFA device' });
    await expect(helper.getByText('AWS (root) was added.')).toBeVisible();
    const [account] = app.services.vault.list();
    expect(account).toMatchObject({ issuer: 'AWS', label: 'root', secret: 'JBSWY3DPEHPK3PXP' });
    const now = app.clock.now();
    await expect(helper.locator('.aws-code [data-code]').first()).toHaveAttribute(
      'data-code',
      totpCode(account!, now),
    );
    await helper.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('.row-main')).toHaveCount(1);

    await page.getByRole('button', { name: 'Add account' }).click();
    const again = page.getByRole('dialog', { name: 'Add account' });
    await again.getByLabel('Service').fill('AWS (copy)');
    await again.getByLabel('Secret key').fill('JBSWY3DPEHPK3PXP');
    await again.getByRole('button', { name: 'Add account' }).click();
    await expect(again.getByText('This account is already in your vault')).toBeVisible();
    expect(app.services.vault.list()).toHaveLength(1);
    await again.getByRole('button', { name: 'Add anyway' }).click();
    await expect(page.getByRole('dialog', { name: 'Register an MFA device' })).toBeVisible();
    expect(app.services.vault.list()).toHaveLength(2);

    // The same name with another secret key is another account: noted, and added at once.
    await page
      .getByRole('dialog', { name: 'Register an MFA device' })
      .getByRole('button', { name: 'Done' })
      .click();
    await page.getByRole('button', { name: 'Add account' }).click();
    const third = page.getByRole('dialog', { name: 'Add account' });
    await third.getByLabel('Service').fill('aws');
    await third.getByLabel('Account name').fill('ROOT ');
    await expect(
      third.getByText(
        'Same name as AWS (root) in your vault. With another secret key it is another account: both are kept.',
      ),
    ).toBeVisible();
    await third.getByLabel('Secret key').fill('GEZDGNBVGY3TQOJQ');
    await third.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('dialog', { name: 'Register an MFA device' })).toBeVisible();
    expect(app.services.vault.list()).toHaveLength(3);
    // The renderer sent the key in, but nothing main sent back carries it.
    expect(JSON.stringify(app.sent)).not.toContain('JBSWY3DPEHPK3PXP');
  });
});
