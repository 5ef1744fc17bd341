// Importing from QR codes through the real handlers and decoder: drop, paste, the file dialog and the
// screen all end in one preview; duplicates, Google exports in several parts, and every error.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { IMPORT_TTL_MS } from '../../shared/import';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { blankPng, qrPng, screenWith } from '../harness/qr-images';
import { dragOver, dropFiles, png, pasteFiles, pasteText } from './import-support';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, secretFor, unlock } from './support';

const account = (issuer: string, label: string) => ({
  issuer,
  label,
  type: 'totp' as const,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
  secret: secretFor(`import/${issuer}/${label}`),
});
const GITLAB = account('GitLab', 'alice');
const DROPBOX = {
  ...account('Dropbox', 'alice@example.com'),
  digits: 8,
  algorithm: 'SHA256' as const,
};
const GOOGLE = Array.from({ length: 5 }, (_, i) => account(`Google ${i + 1}`, `user${i + 1}`));
const SECRETS = [GITLAB, DROPBOX, ...GOOGLE, ...SAMPLE_ACCOUNTS]
  .map((a) => a.secret)
  .concat(secretFor('import/github-second-key'));

const preview = (page: Page) => page.getByRole('dialog', { name: 'Import accounts' });

async function openImportMenu(page: Page, item: string) {
  await page.getByRole('button', { name: 'Import accounts from QR codes' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

function expectNoSecretSent(app: AppHarness) {
  const sent = JSON.stringify(app.sent);
  for (const secret of SECRETS) expect(sent).not.toContain(secret);
}

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD } } });

test('dropped images land in one preview, each problem explained; one TOTP account opens the AWS helper', async ({
  page,
  app,
}) => {
  await unlock(page);
  await dragOver(page, [png('x.png', blankPng())]);
  await expect(page.getByText('Drop screenshots or files to import')).toBeVisible();
  await dropFiles(page, [
    png('gitlab.png', await qrPng(formatOtpauthUri(GITLAB))),
    png('blank.png', blankPng()),
    { name: 'broken.png', type: 'image/png', bytes: new TextEncoder().encode('not an image') },
    png('site.png', await qrPng('https://example.com/welcome')),
  ]);
  await expect(page.getByText('Drop screenshots or files to import')).toHaveCount(0);
  const dialog = preview(page);
  await expect(dialog.getByText('Found 1 account.')).toBeVisible();
  const item = dialog.getByRole('checkbox', { name: /GitLab/ });
  await expect(item).toBeChecked();
  await expect(dialog.getByText('TOTP · SHA1 · 6 digits · 30 s')).toBeVisible();
  await expect(dialog.getByText('From gitlab.png')).toBeVisible();
  const problems = dialog.getByRole('region', { name: 'Not imported' });
  await expect(problems.getByText('From blank.png')).toBeVisible();
  await expect(problems.getByText('No QR code was found in this image. Zoom in')).toBeVisible();
  await expect(problems.getByText('From broken.png')).toBeVisible();
  await expect(problems.getByText('This file is not an image Authdesk can read.')).toBeVisible();
  await expect(problems.getByText('not a two-step verification setup code')).toBeVisible();
  await expect(problems.getByText('The code holds: https://example.com/welcome')).toBeVisible();

  await dialog.getByRole('button', { name: 'Import 1 account' }).click();
  const helper = page.getByRole('dialog', { name: 'Register an MFA device' });
  await expect(helper.getByText('GitLab (alice) was added.')).toBeVisible();
  expect(app.services.vault.list().map((a) => a.secret)).toEqual([GITLAB.secret]);
  expectNoSecretSent(app);
});

test.describe('with accounts', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
  });

  test('a duplicate is flagged and left unticked; ticking it imports it as well', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const existing = { ...SAMPLE_ACCOUNTS[2]!, label: 'alice (work laptop)' };
    await dropFiles(page, [
      png('two.png', await qrPng(formatOtpauthUri(existing))),
      png('dropbox.png', await qrPng(formatOtpauthUri(DROPBOX))),
    ]);
    const dialog = preview(page);
    const dup = dialog.getByRole('checkbox', { name: /GitHub/ });
    await expect(dup).not.toBeChecked();
    await expect(dialog.getByText('Already in your vault as GitHub (alice)')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /Dropbox/ })).toBeChecked();
    await expect(dialog.getByText('TOTP · SHA256 · 8 digits · 30 s')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Import 1 account' })).toBeVisible();
    await dup.check();
    await dialog.getByRole('button', { name: 'Import 2 accounts' }).click();
    await expect(page.getByText('Imported 2 accounts.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(app.services.vault.list()).toHaveLength(SAMPLE_ACCOUNTS.length + 2);
    expectNoSecretSent(app);
  });

  test('the duplicate rule: same name with another key is noted and ticked, an exact repeat is named once', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const github = SAMPLE_ACCOUNTS[2]!;
    const sameName = { ...github, secret: secretFor('import/github-second-key') };
    const hotp = { ...GITLAB, type: 'hotp' as const, counter: 3 };
    const text = [sameName, GITLAB, GITLAB, hotp].map(formatOtpauthUri).join('\n');
    await page.evaluate('document.activeElement.blur()');
    await pasteText(page, text);
    const dialog = preview(page);
    await expect(dialog.getByText('Found 3 accounts.')).toBeVisible();
    const rows = dialog.getByRole('listitem');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0).getByRole('checkbox')).toBeChecked();
    await expect(
      rows.nth(0).getByText('Same name as GitHub (alice) in your vault, with another secret key'),
    ).toBeVisible();
    await expect(
      rows.nth(1).getByText('Found twice in one file or scan; imported once'),
    ).toBeVisible();
    await expect(rows.nth(2).getByText('HOTP', { exact: false })).toBeVisible();
    await expect(dialog.getByText('Already in your vault', { exact: false })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Import 3 accounts' }).click();
    await expect(page.getByText('Imported 3 accounts.')).toBeVisible();
    expect(app.services.vault.list()).toHaveLength(SAMPLE_ACCOUNTS.length + 3);
    expectNoSecretSent(app);
  });

  test('pasting: an image is imported, a link is imported, a bare key opens the add form', async ({
    page,
    app,
  }) => {
    await unlock(page);
    // The search box has the focus: a screenshot pasted there is imported, not searched for.
    await expect(page.getByRole('textbox', { name: 'Search accounts' })).toBeFocused();
    await pasteFiles(page, [png('image.png', await qrPng(formatOtpauthUri(GITLAB)))]);
    await expect(preview(page).getByRole('checkbox', { name: /GitLab/ })).toBeVisible();
    // More pasted while the preview is open joins it.
    await pasteText(page, formatOtpauthUri(DROPBOX));
    await expect(preview(page).getByText('Found 2 accounts.')).toBeVisible();
    await expect(preview(page).getByText('From pasted text')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(preview(page)).toHaveCount(0);
    await expect.poll(() => app.services.imports.size).toBe(0);

    // Ordinary text pasted into the search box is left to the search box.
    await expect(page.getByRole('textbox', { name: 'Search accounts' })).toBeFocused();
    await pasteText(page, 'GitHub');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // With no field focused, a bare key opens the add form with it filled in.
    await page.evaluate('document.activeElement.blur()');
    await pasteText(page, 'jbsw y3dp ehpk 3pxp');
    const add = page.getByRole('dialog', { name: 'Add account' });
    await expect(add.getByLabel('Secret key')).toHaveValue('jbsw y3dp ehpk 3pxp');
    await page.keyboard.press('Escape');
    await pasteText(page, 'just words');
    await expect(
      page.getByText('The clipboard holds no image of a QR code and no setup link.'),
    ).toBeVisible();
  });

  test('the Paste menu item reads the clipboard image in main', async ({ page, app }) => {
    await unlock(page);
    app.images.clipboardImage = await qrPng(formatOtpauthUri(GITLAB));
    await openImportMenu(page, 'Paste from clipboard');
    await expect(preview(page).getByText('From the clipboard')).toBeVisible();
  });

  test('choosing files in the dialog, and closing it without choosing', async ({ page, app }) => {
    await unlock(page);
    app.images.pickedFiles = null;
    await openImportMenu(page, 'Choose image files…');
    await expect(page.getByRole('button', { name: 'Import accounts from QR codes' })).toHaveText(
      'Import',
    );
    await expect(preview(page)).toHaveCount(0);

    const file = path.join(app.dir, 'dropbox-setup.png');
    await writeFile(file, await qrPng(formatOtpauthUri(DROPBOX)));
    app.images.pickedFiles = [file];
    await openImportMenu(page, 'Choose image files…');
    await expect(preview(page).getByText('From dropbox-setup.png')).toBeVisible();
    await preview(page).getByRole('button', { name: 'Import 1 account' }).click();
    await expect(page.getByRole('dialog', { name: 'Register an MFA device' })).toBeVisible();
  });

  test('scanning the screen finds every code on it; a refusal is explained', async ({
    page,
    app,
  }) => {
    await unlock(page);
    app.images.screens = 'denied';
    await openImportMenu(page, 'Scan screen');
    await expect(page.getByText('Authdesk is not allowed to capture the screen.')).toBeVisible();

    app.images.screens = [
      await screenWith([formatOtpauthUri(GITLAB), formatOtpauthUri(DROPBOX)]),
      await screenWith([]),
    ];
    await openImportMenu(page, 'Scan screen');
    const dialog = preview(page);
    await expect(dialog.getByText('Found 2 accounts.')).toBeVisible();
    await expect(dialog.getByText('From the screen')).toHaveCount(2);
    await dialog.getByRole('button', { name: 'Import 2 accounts' }).click();
    await expect(page.getByText('Imported 2 accounts.')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('a Google export in three QR codes is collected from a drop, the screen and a file', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const [one, two, three] = encodeMigrationUris(GOOGLE, { perBatch: 2, batchId: 4242 });
    await dropFiles(page, [png('export-1.png', await qrPng(one!))]);
    const dialog = preview(page);
    await expect(
      dialog.getByText('Google Authenticator export: 1 of 3 QR codes scanned'),
    ).toBeVisible();
    await expect(dialog.getByText('Still to scan: QR code 2, 3.')).toBeVisible();
    await expect(dialog.getByText('QR code 1 of 3')).toHaveCount(2);
    // The user unticks one; later scans keep that choice.
    await dialog.getByRole('checkbox', { name: /Google 2/ }).uncheck();

    app.images.screens = [await screenWith([two!, one!])];
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(
      dialog.getByText('Google Authenticator export: 2 of 3 QR codes scanned'),
    ).toBeVisible();
    await expect(dialog.getByText('Found 4 accounts.')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /Google 2/ })).not.toBeChecked();

    await writeFile(path.join(app.dir, 'export-3.png'), await qrPng(three!));
    app.images.pickedFiles = [path.join(app.dir, 'export-3.png')];
    await dialog.getByRole('button', { name: 'Choose image files…' }).click();
    await expect(
      dialog.getByText('Google Authenticator export: all 3 QR codes scanned'),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Import 4 accounts' }).click();
    await expect(page.getByText('Imported 4 accounts.')).toBeVisible();
    const labels = app.services.vault.list().map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['user1', 'user3', 'user4', 'user5']));
    expect(labels).not.toContain('user2');
    expectNoSecretSent(app);
  });

  test('an expired import is explained and closed; nothing is added', async ({ page, app }) => {
    await unlock(page);
    await pasteText(page, formatOtpauthUri(GITLAB));
    const dialog = preview(page);
    await expect(dialog.getByRole('checkbox', { name: /GitLab/ })).toBeChecked();
    app.setTime(app.clock.now() + IMPORT_TTL_MS + 1000);
    await dialog.getByRole('button', { name: 'Import 1 account' }).click();
    await expect(page.getByText('This import has expired')).toBeVisible();
    await expect(dialog).toHaveCount(0);
    expect(app.services.vault.list()).toHaveLength(SAMPLE_ACCOUNTS.length);
  });

  test('the preview works from the keyboard', async ({ page, app }) => {
    await unlock(page);
    await pasteText(page, `${formatOtpauthUri(GITLAB)}\n${formatOtpauthUri(DROPBOX)}`);
    const dialog = preview(page);
    await expect(dialog.getByRole('button', { name: 'Import 2 accounts' })).toBeFocused();
    await page.keyboard.press('Shift+Tab'); // Cancel
    await page.keyboard.press('Shift+Tab'); // Choose image files…
    await page.keyboard.press('Shift+Tab'); // Scan screen
    await page.keyboard.press('Shift+Tab'); // the last account
    await expect(dialog.getByRole('checkbox', { name: /Dropbox/ })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(dialog.getByRole('button', { name: 'Import 1 account' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Import 1 account' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Register an MFA device' })).toBeVisible();
    expect(app.services.vault.list().map((a) => a.issuer)).toContain('GitLab');
    expect(app.services.vault.list().map((a) => a.issuer)).not.toContain('Dropbox');
  });
});
