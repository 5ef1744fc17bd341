// The tag manager, opened from the filter chips' row and the view menu: create (a name the vault has is refused, translated),
// rename to another tag's name merges after asking, remove asks and keeps every account, and the
// order changes with Alt+arrows and by dragging; each change is the vault's.
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';

const TAGS: Record<string, string[]> = {
  GitHub: ['Work', 'Dev'],
  Google: ['Personal'],
  Cloudflare: ['Dev'],
  Slack: ['Chat', 'Work'],
};
const ACCOUNTS = SAMPLE_ACCOUNTS.map((account) => {
  const tags = TAGS[account.issuer];
  return tags ? { ...account, tags } : account;
});

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD, accounts: ACCOUNTS } } });

const tagsOf = (app: AppHarness, issuer: string) =>
  app.services.vault.list().find((a) => a.issuer === issuer)?.tags;

async function openManager(page: Page, via: 'chips' | 'menu') {
  await unlock(page);
  if (via === 'chips') {
    await page.getByRole('button', { name: 'Manage tags' }).click();
  } else {
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitem', { name: 'Manage tags…' }).click();
  }
  const dialog = page.getByRole('dialog', { name: 'Manage tags' });
  return {
    dialog,
    rows: dialog.getByRole('list', { name: 'Tags in this vault' }).getByRole('listitem'),
  };
}

test('create, rename to merge and remove: asked first, no account is deleted', async ({
  page,
  app,
}) => {
  const { dialog, rows } = await openManager(page, 'chips');
  await expect(rows).toHaveText([
    /Work\s*2 accounts/,
    /Dev\s*2 accounts/,
    /Personal\s*1 account/,
    /Chat\s*1 account/,
  ]);

  // Create: the new-tag box has the keyboard; a name the vault has (in another case) is refused.
  await expect(dialog.getByLabel('New tag')).toBeFocused();
  await page.keyboard.type('Ops');
  await page.keyboard.press('Enter');
  await expect(rows.last()).toHaveText(/Ops\s*No accounts/);
  await expect(dialog.getByLabel('New tag')).toHaveValue('');
  await page.keyboard.type('work');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('A tag with this name already exists.');
  await expect(rows).toHaveCount(5);

  // Rename Chat to "personal": another tag's name, so it asks, then the two become one.
  await dialog.getByRole('button', { name: 'Rename tag Chat' }).click();
  const box = dialog.getByRole('textbox', { name: 'New name for tag Chat' });
  await expect(box).toBeFocused();
  await box.fill('personal');
  await page.keyboard.press('Enter');
  const merge = page.getByRole('alertdialog', { name: 'Merge “Chat” into “Personal”?' });
  await expect(merge).toContainText('The 1 account tagged “Chat” will be tagged “Personal”');
  await expect(merge).toContainText('No account is deleted');
  await merge.getByRole('button', { name: 'Merge tags' }).click();
  await expect(merge).toHaveCount(0);
  await expect(rows).toHaveText([/Work/, /Dev/, /Personal\s*2 accounts/, /Ops/]);
  expect(tagsOf(app, 'Slack')).toEqual(['Personal', 'Work']);
  await expect(dialog.getByRole('button', { name: 'Rename tag Personal' })).toBeFocused();

  // A plain rename, from the keyboard; Escape first closes the box, not the dialog.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('textbox', { name: /New name/ })).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rename tag Dev' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Engineering');
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveText(/Engineering\s*2 accounts/);
  expect(tagsOf(app, 'Cloudflare')).toEqual(['Engineering']);

  // Remove Work: the question says what happens to its accounts; they all stay.
  await dialog.getByRole('button', { name: 'Remove tag Work from the vault' }).click();
  const remove = page.getByRole('alertdialog', { name: 'Remove the tag “Work”?' });
  await expect(remove).toContainText('It is taken off the 2 accounts that have it.');
  await expect(remove).toContainText('No account is deleted');
  await remove.getByRole('button', { name: 'Remove tag' }).click();
  await expect(remove).toHaveCount(0);
  await expect(rows).toHaveText([/Engineering/, /Personal/, /Ops/]);
  expect(app.services.vault.list()).toHaveLength(SAMPLE_ACCOUNTS.length);
  expect(tagsOf(app, 'GitHub')).toEqual(['Engineering']);
  expect(tagsOf(app, 'Slack')).toEqual(['Personal']);
  expect(app.services.vault.tags()).toEqual(['Engineering', 'Personal', 'Ops']);
});

test('reorder with Alt+arrows and by dragging; the vault keeps the order', async ({
  page,
  app,
}) => {
  const { dialog, rows } = await openManager(page, 'menu');
  const names = () => rows.locator('.tag-row-name').allInnerTexts();
  await dialog.getByRole('button', { name: 'Rename tag Chat' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(names).toEqual(['Work', 'Chat', 'Dev', 'Personal']);
  await expect(dialog.getByRole('button', { name: 'Rename tag Chat' })).toBeFocused();
  await expect(dialog.getByRole('status')).toHaveText('Moved Chat to place 2 of 4.');
  await expect.poll(() => app.services.vault.tags()).toEqual(['Work', 'Chat', 'Dev', 'Personal']);

  await rows.filter({ hasText: 'Personal' }).dragTo(rows.filter({ hasText: 'Work' }), {
    targetPosition: { x: 40, y: 4 },
  });
  await expect.poll(names).toEqual(['Personal', 'Work', 'Chat', 'Dev']);
  await expect.poll(() => app.services.vault.tags()).toEqual(['Personal', 'Work', 'Chat', 'Dev']);

  // A change made elsewhere (here through main's handlers, as the command line would) shows too.
  await app.services.handlers.createTag({ name: 'From elsewhere' });
  await expect.poll(names).toEqual(['Personal', 'Work', 'Chat', 'Dev', 'From elsewhere']);
});
