// Editing, pinning, reordering and deleting accounts, through the row menu and the keyboard.
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

test.use({
  harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
});

const byLabel = (app: AppHarness, label: string) =>
  app.services.vault.list().find((a) => a.label === label)!;
const rowOf = (page: Page, id: string) => page.locator(`[data-row-id="${id}"]`);
const issuersOnScreen = (page: Page) => page.locator('.row-issuer').allInnerTexts();

async function openMenu(page: Page, id: string) {
  await rowOf(page, id)
    .getByRole('button', { name: /More actions/ })
    .click();
  return page.getByRole('menu');
}

test('edit changes names, tags, note, pin and ARN; an odd ARN gets a hint, not a refusal', async ({
  page,
  app,
}) => {
  await unlock(page);
  const github = byLabel(app, 'alice');
  await (await openMenu(page, github.id)).getByRole('menuitem', { name: 'Edit…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit account' });
  await expect(dialog.getByLabel('Service')).toBeFocused();
  await dialog.getByLabel('Service').fill('GitHub Enterprise');
  await dialog.getByLabel('Account name').fill('alice.w');
  await dialog.getByRole('combobox', { name: 'Tags' }).fill('Work');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Note').fill('Recovery codes are in the safe.');
  await dialog.getByLabel('Pin to the top of the list').check();
  const arn = dialog.getByLabel('AWS MFA device ARN');
  await arn.fill('arn:aws:iam::12345:mfa');
  await expect(dialog.getByText('This does not look like an MFA device ARN')).toBeVisible();
  await arn.fill('arn:aws:iam::123456789012:mfa/alice');
  await expect(dialog.getByText('This does not look like an MFA device ARN')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Saved GitHub Enterprise (alice.w).')).toBeVisible();

  expect(byLabel(app, 'alice.w')).toMatchObject({
    issuer: 'GitHub Enterprise',
    tags: ['Work'],
    note: 'Recovery codes are in the safe.',
    pinned: true,
    awsSerial: 'arn:aws:iam::123456789012:mfa/alice',
  });
  // Pinned accounts come first, in their stored order.
  expect((await issuersOnScreen(page)).slice(0, 2)).toEqual([
    'Amazon Web Services',
    'GitHub Enterprise',
  ]);
});

test('delete asks first, naming the account; cancel keeps it', async ({ page, app }) => {
  await unlock(page);
  const google = byLabel(app, 'alice@example.com');
  await (await openMenu(page, google.id)).getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete Google (alice@example.com)?' });
  await expect(confirm.getByText('Its secret key will be removed from the vault')).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(app.services.vault.list()).toHaveLength(SAMPLE_ACCOUNTS.length);

  await (await openMenu(page, google.id)).getByRole('menuitem', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await expect(rowOf(page, google.id)).toHaveCount(0);
  // Its row is gone, so the focus moves to the neighbouring row (the next one in the list).
  const microsoft = byLabel(app, 'alice@contoso.onmicrosoft.com');
  await expect(rowOf(page, microsoft.id).locator('.row-main')).toBeFocused();
  expect(app.services.vault.list().map((a) => a.id)).not.toContain(google.id);
});

test('the row menu works from the keyboard and pins; Alt+arrows reorder and the order is saved', async ({
  page,
  app,
}) => {
  await unlock(page);
  const github = byLabel(app, 'alice');
  const google = byLabel(app, 'alice@example.com');
  await expect(page.getByLabel('Search accounts')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // first row
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rowOf(page, github.id).locator('.row-main')).toBeFocused();

  await page.keyboard.press('Alt+ArrowDown');
  await expect(rowOf(page, github.id).locator('.row-main')).toBeFocused();
  const order = () => app.services.vault.list().map((a) => a.id);
  await expect.poll(() => order().indexOf(github.id) - order().indexOf(google.id)).toBe(1);
  await page.keyboard.press('Alt+ArrowUp');
  await expect
    .poll(async () => (await issuersOnScreen(page)).slice(2, 4))
    .toEqual(['GitHub', 'Google']);

  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown'); // AWS helper
  await page.keyboard.press('ArrowDown'); // Edit
  await page.keyboard.press('ArrowDown'); // Pin
  await expect(menu.getByRole('menuitem', { name: 'Pin to top' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect.poll(() => byLabel(app, 'alice').pinned).toBe(true);
  await expect(page.locator('.row-issuer').nth(1)).toHaveText('GitHub');
});

test('drag and drop moves an account and saves the order', async ({ page, app }) => {
  await unlock(page);
  const slack = byLabel(app, 'alice@acme');
  const github = byLabel(app, 'alice');
  await rowOf(page, slack.id).dragTo(rowOf(page, github.id), { targetPosition: { x: 200, y: 8 } });
  await expect
    .poll(async () => (await issuersOnScreen(page)).slice(2, 4))
    .toEqual(['Slack', 'GitHub']);
  // The screen moves at once; the vault follows when reorderAccounts has been written.
  const order = () => app.services.vault.list().map((a) => a.id);
  await expect.poll(() => order().indexOf(github.id) - order().indexOf(slack.id)).toBe(1);
});
