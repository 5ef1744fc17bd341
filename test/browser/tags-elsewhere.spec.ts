// Tags changed by another process reach the open window: the authdesk command (the built CLI,
// spawned) renames a tag while the window shows it as the chosen filter chip; once main has looked at
// the vault file, the chips carry the new name. Main cannot tell another process's rename from a
// removal and a new tag, so the filter goes back to All (the window's own rename keeps it).
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { assertBuilt, runCli } from '../harness/cli';
import { CALM_START, PASSWORD, unlock } from './support';
import { TAGGED_ACCOUNTS } from './list-support';

const chip = (page: Page, name: string) =>
  page.getByRole('radiogroup', { name: 'Show accounts with tag' }).getByRole('radio', { name });

test.use({
  harness: {
    now: CALM_START,
    vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS, tags: ['Unused'] },
  },
});

test('a tag renamed by the authdesk command shows renamed in the window; its filter goes back to All', async ({
  page,
  app,
}) => {
  assertBuilt();
  await unlock(page);
  await expect(chip(page, 'Unused')).toBeVisible();
  await chip(page, 'Personal').click();
  const personal = TAGGED_ACCOUNTS.filter((a) => a.tags?.includes('Personal')).length;
  await expect(page.locator('.row-main')).toHaveCount(personal);

  const renamed = await runCli(
    [
      '--vault',
      app.vaultPath,
      '--password-stdin',
      '--no-agent',
      'tags',
      'rename',
      'personal',
      'Home',
    ],
    { stdin: `${PASSWORD}\n` },
  );
  expect(renamed.status, renamed.stderr).toBe(0);
  expect(await app.noticeDiskChanges()).toBe(true);

  await expect(chip(page, 'Personal')).toHaveCount(0);
  await expect(chip(page, 'All')).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('.row-main')).toHaveCount(TAGGED_ACCOUNTS.length);
  expect(app.services.settings.get().tagFilter).toEqual({ kind: 'all' });
  await chip(page, 'Home').click();
  await expect(page.locator('.row-main')).toHaveCount(personal);
  expect(app.sent.filter((s) => s.name === 'tagsChanged').at(-1)?.payload).toEqual([
    'Unused',
    'AWS',
    'Work',
    'Home',
  ]);
});
