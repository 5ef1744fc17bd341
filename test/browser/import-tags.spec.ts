// The import preview shows the tags each account will get (an Aegis file's groups), new tags
// marked, and says how many new tags the ticked accounts will create; the import then makes them.
import { aegisDb, aegisPlainFile } from '../harness/import-samples';
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { dropFiles } from './import-support';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, secretFor, shot, unlock } from './support';

const VAULT = SAMPLE_ACCOUNTS.slice(0, 3).map((account, i) =>
  i === 2 ? { ...account, tags: ['Work'] } : account,
);
const totp = (issuer: string, label: string, tags: string[]) => ({
  ...SAMPLE_ACCOUNTS[2]!,
  issuer,
  label,
  secret: secretFor(`import-tags/${issuer}`),
  tags,
});
const FROM_AEGIS = [
  totp('Dropbox', 'alice@example.com', ['work', 'Finance']),
  totp('PayPal', 'alice@example.com', ['Finance']),
  totp('Nintendo', 'alice', ['Home']),
  totp('Fastly', 'ops', []),
];

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD, accounts: VAULT } } });

test('an Aegis file’s groups show as tags, new ones counted, and come over with the accounts', async ({
  page,
  app,
}) => {
  await unlock(page);
  const bytes = aegisPlainFile(aegisDb(FROM_AEGIS));
  await dropFiles(page, [{ name: 'aegis-export.json', type: 'application/json', bytes }]);
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  const item = (name: string) => dialog.locator('.import-item', { hasText: name });
  const pills = (name: string) => item(name).locator('.tag-pill');

  // The vault's spelling for a tag it has (work → Work); the others are new.
  await expect(pills('Dropbox')).toHaveText(['Work', /Finance/]);
  await expect(pills('Dropbox').first()).not.toHaveClass(/tag-pill-new/);
  await expect(pills('Dropbox').last()).toHaveClass(/tag-pill-new/);
  await expect(pills('Nintendo')).toHaveText([/Home/]);
  await expect(pills('Fastly')).toHaveCount(0);
  const summary = dialog.locator('.import-summary');
  await expect(summary).toHaveText(
    'Found 4 accounts. Tick the ones to import. 2 new tags will be created.',
  );
  await page.screenshot({ path: shot('tags/import-preview'), animations: 'disabled' });
  const axe = await checkAxe(page, 'dialog[open]');
  expect(
    axe.violations.filter((v) => ['critical', 'serious'].includes(v.impact!)).map((v) => v.id),
  ).toEqual([]);

  // Unticked, Nintendo's new tag is not created.
  await item('Nintendo').getByRole('checkbox').uncheck();
  await expect(summary).toHaveText(
    'Found 4 accounts. Tick the ones to import. 1 new tag will be created.',
  );
  await dialog.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(dialog).toHaveCount(0);
  const tagsOf = (issuer: string) =>
    app.services.vault.list().find((a) => a.issuer === issuer)?.tags;
  expect(tagsOf('Dropbox')).toEqual(['Work', 'Finance']);
  expect(tagsOf('PayPal')).toEqual(['Finance']);
  expect(app.services.vault.tags()).toEqual(['Work', 'Finance']);
});
