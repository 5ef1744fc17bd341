// The tags field of the add and edit dialogs, used from the keyboard: Enter, a comma and a chosen
// suggestion add tags, Backspace and the chips' buttons remove them, limits are explained, and what
// is saved is what the chips showed.
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, secretFor, unlock } from './support';

const ACCOUNTS = SAMPLE_ACCOUNTS.map((account) =>
  account.issuer === 'Google' ? { ...account, tags: ['Work', 'Personal'] } : account,
);

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD, accounts: ACCOUNTS } } });

const byLabel = (app: AppHarness, label: string) =>
  app.services.vault.list().find((a) => a.label === label)!;

async function openEdit(page: Page, id: string) {
  await page
    .locator(`[data-row-id="${id}"]`)
    .getByRole('button', { name: /More actions/ })
    .click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Edit…' }).click();
  return page.getByRole('dialog', { name: 'Edit account' });
}

test('edit: tags are added with Enter, a comma and a suggestion, removed with Backspace and the chip button, and saved', async ({
  page,
  app,
}) => {
  await unlock(page);
  const dialog = await openEdit(page, byLabel(app, 'alice').id);
  const box = dialog.getByRole('combobox', { name: 'Tags' });
  const chips = dialog.getByRole('list', { name: 'Tags of this account' }).getByRole('listitem');
  const suggestions = dialog.getByRole('listbox', { name: 'Existing tags' });
  await box.focus();

  // A suggestion, picked with the arrow keys; typed in another case, the existing spelling is kept.
  await page.keyboard.type('wo');
  await expect(suggestions.getByRole('option')).toHaveText(['Work']);
  await page.keyboard.press('ArrowDown');
  await expect(suggestions.getByRole('option', { name: 'Work' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText(['Work']);
  await expect(box).toHaveValue('');
  await expect(dialog).toBeVisible(); // Enter added the tag; it did not submit the form

  // A comma adds the name before it; a new name creates a tag.
  await page.keyboard.type('aws-prod, personal,ops');
  await expect(chips).toHaveText(['Work', 'aws-prod', 'Personal']);
  await expect(box).toHaveValue('ops');
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText(['Work', 'aws-prod', 'Personal', 'ops']);

  // Backspace in the empty box removes the last tag, and says so.
  await page.keyboard.press('Backspace');
  await expect(chips).toHaveText(['Work', 'aws-prod', 'Personal']);
  await expect(dialog.getByRole('status')).toHaveText('Removed tag ops.');

  // A chip's own button, reached with the keyboard.
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Remove tag Personal' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Remove tag Work' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText(['aws-prod', 'Personal']);
  await expect(box).toBeFocused();

  // Too long: explained, nothing added, the text kept; Escape clears it and leaves the dialog open.
  await page.keyboard.insertText('x'.repeat(101));
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('A tag can be at most 100 characters long.')).toBeVisible();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(chips).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await expect(dialog.getByText('A tag can be at most 100 characters long.')).toHaveCount(0);
  await expect(dialog).toBeVisible();

  // Enter in the empty box saves, as in any other field.
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  expect(byLabel(app, 'alice').tags).toEqual(['aws-prod', 'Personal']);
});

test('add: the tags typed (the last one without Enter too) are saved with the new account', async ({
  page,
  app,
}) => {
  await unlock(page);
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Service').fill('Fastly');
  await dialog.getByLabel('Secret key').fill(secretFor('Fastly'));
  await dialog.getByRole('combobox', { name: 'Tags' }).fill('Work, cdn');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  const fastly = app.services.vault.list().find((a) => a.issuer === 'Fastly')!;
  expect(fastly.tags).toEqual(['Work', 'cdn']);
});
