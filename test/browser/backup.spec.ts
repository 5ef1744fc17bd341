// Backups through the real handlers and files: back up to a file, restore it (merge or replace),
// encrypted and broken files, files dropped on the window, and automatic backups with their failures.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { formatOtpauthUri } from '../../shared/otpauth';
import { decodeBackup } from '../../electron/transfer/backup-file';
import { BACKUP_QUIET_MS } from '../../electron/use-cases/auto-backup';
import { FOLDER_CHOICE_MS } from '../../electron/use-cases/backup-folder';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { qrPng } from '../harness/qr-images';
import { dragOver, dropFiles, png, type PageFile } from './import-support';
import {
  CALM_START,
  PASSWORD,
  SAMPLE_ACCOUNTS,
  SHOT_LOOKS,
  openTransferMenu,
  secretFor,
  shot,
  transferMenuButton,
  unlock,
} from './support';

const BACKUP_PASSWORD = 'plum orchard under snow';
const GITLAB = {
  ...SAMPLE_ACCOUNTS[2]!,
  issuer: 'GitLab',
  label: 'alice',
  secret: secretFor('backup/GitLab'),
};
const sortedSecrets = (accounts: { secret: string }[]) => accounts.map((a) => a.secret).sort();

/**
 * Lets main's quiet time after a change pass, then waits for the automatic backup it started (if
 * any). Node runs timers in the order they are due, so this one comes after the backup's.
 */
async function afterQuietTime(app: AppHarness): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, BACKUP_QUIET_MS + 1));
  await app.services.autoBackup.settled();
}

async function fillBackupPasswords(
  scope: ReturnType<Page['getByRole']>,
  vaultPassword: string,
  backupPassword = BACKUP_PASSWORD,
) {
  await scope.getByLabel('Vault password', { exact: true }).fill(vaultPassword);
  await scope.getByLabel('Backup password', { exact: true }).fill(backupPassword);
  await scope.getByLabel('Type the backup password again', { exact: true }).fill(backupPassword);
}

/** Backs the vault up through the dialog to `file`, as a user would. */
async function backUp(page: Page, app: AppHarness, file: string): Promise<void> {
  app.dialogs.savePath = file;
  await openTransferMenu(page, 'Back up to a file…');
  const dialog = page.getByRole('dialog', { name: 'Back up to a file' });
  await fillBackupPasswords(dialog, PASSWORD);
  await dialog.getByRole('button', { name: 'Choose where to save…' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByText(`Backed up ${app.services.vault.list().length} accounts to`),
  ).toBeVisible();
}

/** Opens `file` from the Backup menu and gives the password dialog its password. */
async function restore(page: Page, app: AppHarness, file: string) {
  app.dialogs.importFile = file;
  await openTransferMenu(page, 'Restore or import a file…');
  const ask = page.getByRole('dialog', { name: "Enter the file's password" });
  await ask.getByLabel('File password').fill(BACKUP_PASSWORD);
  await ask.getByLabel('File password').press('Enter');
  await expect(ask).toHaveCount(0);
  return page.getByRole('dialog', { name: 'Restore a backup' });
}

const file = (name: string, bytes: Uint8Array | string, type = ''): PageFile => ({
  name,
  type,
  bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
});

test.use({
  harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
});

test('backs up to the chosen file; a wrong vault password and a closed save dialog change nothing', async ({
  page,
  app,
}) => {
  await unlock(page);
  const target = path.join(app.dir, 'my backup.authdesk');
  await openTransferMenu(page, 'Back up to a file…');
  const dialog = page.getByRole('dialog', { name: 'Back up to a file' });
  await expect(dialog.getByLabel('Vault password', { exact: true })).toBeFocused();

  // Too short and different: said at the fields, and nothing is sent.
  await dialog.getByLabel('Vault password', { exact: true }).fill(PASSWORD);
  await dialog.getByLabel('Backup password', { exact: true }).fill('short');
  await dialog.getByLabel('Backup password', { exact: true }).press('Enter');
  await expect(dialog.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(dialog.getByText('The two passwords are not the same.')).toBeVisible();
  await expect(dialog.getByLabel('Backup password', { exact: true })).toBeFocused();
  expect(app.sent.some((s) => s.name === 'exportBackup')).toBe(false);

  // A wrong vault password: the error at its field, the caret back there, the rest kept.
  app.dialogs.savePath = target;
  await fillBackupPasswords(dialog, 'not my password');
  await dialog.getByLabel('Type the backup password again').press('Enter');
  await expect(dialog.getByText('Wrong password. Try again.')).toBeVisible();
  await expect(dialog.getByLabel('Vault password', { exact: true })).toBeFocused();
  await expect(dialog.getByLabel('Backup password', { exact: true })).toHaveValue(BACKUP_PASSWORD);
  expect(app.dialogs.saves).toHaveLength(0);

  // The save dialog closed without a choice: the dialog closes quietly, no file.
  app.dialogs.savePath = null;
  await dialog.getByLabel('Vault password', { exact: true }).fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toast')).toHaveCount(0);
  expect(app.dialogs.saves).toEqual([
    { kind: 'backup', defaultName: expect.stringMatching(/\.authdesk$/) },
  ]);
  await expect(transferMenuButton(page)).toBeFocused();

  await backUp(page, app, target);
  await expect(page.getByText(`Backed up 10 accounts to ${target}`)).toBeVisible();
  const text = await readFile(target, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'authdesk-backup' });
  for (const account of SAMPLE_ACCOUNTS) expect(text).not.toContain(account.secret);
  const contents = await decodeBackup(new TextEncoder().encode(text), BACKUP_PASSWORD);
  expect(sortedSecrets(contents.accounts)).toEqual(sortedSecrets(SAMPLE_ACCOUNTS));

  // Escape closes the dialog and gives the focus back.
  await openTransferMenu(page, 'Back up to a file…');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('restoring into a vault that holds some of the accounts: duplicates unticked, merge adds the rest', async ({
  page,
  app,
}) => {
  await unlock(page);
  const target = path.join(app.dir, 'backup.authdesk');
  await backUp(page, app, target);
  // Since the backup: three accounts deleted, one added.
  const gone = app.services.vault.list().slice(0, 3);
  for (const account of gone) await app.services.vault.remove(account.id);
  await app.services.vault.add(GITLAB);

  app.dialogs.importFile = target;
  await openTransferMenu(page, 'Restore or import a file…');
  const ask = page.getByRole('dialog', { name: "Enter the file's password" });
  await expect(
    ask.getByText('backup.authdesk is encrypted (Authdesk backup). Enter the password'),
  ).toBeVisible();
  await expect(ask.getByLabel('File password')).toBeFocused();
  // A wrong password keeps the dialog for another try.
  await ask.getByLabel('File password').fill('plum orchard in summer');
  await page.keyboard.press('Enter');
  await expect(ask.getByText('Wrong password. Try again.')).toBeVisible();
  await expect(ask.getByLabel('File password')).toBeFocused();
  await ask.getByLabel('File password').fill(BACKUP_PASSWORD);
  await page.keyboard.press('Enter');

  const preview = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(
    preview.getByText(/^Backup from .+ · 10 accounts · Authdesk\s0\.0\.0-test$/),
  ).toBeVisible();
  await expect(preview.getByRole('checkbox', { checked: true })).toHaveCount(3);
  for (const account of gone) {
    await expect(
      preview.getByRole('checkbox', { name: new RegExp(account.label) }).first(),
    ).toBeChecked();
  }
  await expect(
    preview.getByText('Already in your vault as Google (alice@example.com)'),
  ).toBeVisible();
  await preview.getByRole('button', { name: 'Merge 3 accounts' }).click();
  await expect(page.getByText('Imported 3 accounts.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(sortedSecrets(app.services.vault.list())).toEqual(
    sortedSecrets([...SAMPLE_ACCOUNTS, GITLAB]),
  );
});

test('replace everything: confirmed, the vault holds exactly the backup and the old vault is kept', async ({
  page,
  app,
}) => {
  await unlock(page);
  const target = path.join(app.dir, 'backup.authdesk');
  await backUp(page, app, target);
  await app.services.vault.add(GITLAB);
  await app.services.vault.remove(app.services.vault.list()[0]!.id);
  const before = await readFile(app.vaultPath, 'utf8');

  const preview = await restore(page, app, target);
  await preview.getByRole('button', { name: 'Replace everything…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Replace all your accounts?' });
  await expect(
    confirm.getByText('All 10 accounts now in your vault will be removed from it.'),
  ).toBeVisible();
  await expect(confirm.getByText("The backup's 10 accounts take their place.")).toBeVisible();
  await expect(confirm.getByText('your current vault is kept as a dated copy')).toBeVisible();
  // Cancel is the safe default; Escape leaves the preview open and the vault as it was.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(preview).toBeVisible();
  expect(await readFile(app.vaultPath, 'utf8')).toBe(before);

  await preview.getByRole('button', { name: 'Replace everything…' }).click();
  await confirm.getByRole('button', { name: 'Replace everything' }).click();
  const toast = page.getByText(
    /^Restored 10 accounts from the backup\. Your previous vault is kept at (.+)$/,
  );
  await expect(toast).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(sortedSecrets(app.services.vault.list())).toEqual(sortedSecrets(SAMPLE_ACCOUNTS));
  const kept = (await toast.textContent())!.replace(/^.* kept at /, '');
  expect(await readFile(kept, 'utf8')).toBe(before);
  await expect(page.locator('.row-main')).toHaveCount(10);
});

test('a truncated backup and a file that is no export show their errors and change nothing; a closed dialog does nothing', async ({
  page,
  app,
}) => {
  await unlock(page);
  const target = path.join(app.dir, 'backup.authdesk');
  await backUp(page, app, target);
  const before = await readFile(app.vaultPath, 'utf8');

  app.dialogs.importFile = null;
  await openTransferMenu(page, 'Restore or import a file…');
  await expect(transferMenuButton(page)).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const text = await readFile(target, 'utf8');
  const truncated = path.join(app.dir, 'truncated.authdesk');
  await writeFile(truncated, text.slice(0, Math.floor(text.length * 0.6)));
  app.dialogs.importFile = truncated;
  await openTransferMenu(page, 'Restore or import a file…');
  // Damage is found before any password is asked for.
  await expect(
    page.getByText(
      'This file is damaged, incomplete or was changed after it was made. Nothing was imported.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const random = path.join(app.dir, 'shopping.json');
  await writeFile(random, JSON.stringify({ list: ['milk', 'eggs'], shop: 'corner' }));
  app.dialogs.importFile = random;
  await openTransferMenu(page, 'Restore or import a file…');
  await expect(page.getByText('Authdesk cannot import this file.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Dropped, they say the same, named.
  await dropFiles(page, [file('notes.txt', 'Groceries: milk, eggs', 'text/plain')]);
  await expect(page.getByText('notes.txt: Authdesk cannot import this file.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  expect(await readFile(app.vaultPath, 'utf8')).toBe(before);
  expect(app.services.imports.size).toBe(0);
});

test('a backup dropped on the window asks for its password; dropped with a screenshot, both land in one preview', async ({
  page,
  app,
}) => {
  await unlock(page);
  const target = path.join(app.dir, 'backup.authdesk');
  await backUp(page, app, target);
  const backup = file('backup.authdesk', await readFile(target));

  await dropFiles(page, [backup]);
  const ask = page.getByRole('dialog', { name: "Enter the file's password" });
  await expect(ask.getByText('backup.authdesk is encrypted (Authdesk backup).')).toBeVisible();
  // Closing it leaves nothing behind.
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await dropFiles(page, [
    png('gitlab.png', await qrPng(formatOtpauthUri(GITLAB))),
    backup,
    file('notes.txt', 'not an export', 'text/plain'),
  ]);
  await ask.getByLabel('File password').fill(BACKUP_PASSWORD);
  await ask.getByRole('button', { name: 'Open' }).click();
  const preview = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(preview.getByText('Found 11 accounts.')).toBeVisible();
  await expect(preview.getByText('From gitlab.png')).toBeVisible();
  const problems = preview.getByRole('region', { name: 'Not imported' });
  await expect(problems.getByText('From notes.txt')).toBeVisible();
  await expect(problems.getByText('Authdesk cannot import this file.')).toBeVisible();
  // Only GitLab is new: the backup's accounts are all in the vault already.
  await preview.getByRole('button', { name: 'Merge 1 account' }).click();
  await expect(page.getByRole('dialog', { name: 'Register an MFA device' })).toBeVisible();
  expect(app.services.vault.list()).toHaveLength(11);
});

test.describe('automatic backups', () => {
  // The page's clock stands still, so a toast stays until the test has read it, however busy the machine.
  test.use({
    harness: {
      now: CALM_START,
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  async function settingsSection(page: Page) {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const section = settings.getByRole('region', { name: 'Automatic backups' });
    await section.scrollIntoViewIfNeeded();
    return { settings, section };
  }

  const backupsIn = async (folder: string) =>
    (await readdir(folder)).filter((name) => name.endsWith('.authdesk')).sort();

  test('turned on in settings, a backup follows each change; a vanished folder shows the banner until one succeeds; turned off', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const folder = path.join(app.dir, 'backups');
    await mkdir(folder);
    const { settings, section } = await settingsSection(page);
    await expect(section.getByText('Off. Authdesk can save an encrypted backup')).toBeVisible();

    // Closing the folder dialog leaves it off.
    app.dialogs.folder = null;
    await section.getByRole('button', { name: 'Turn on automatic backups…' }).click();
    await expect(section.getByRole('button', { name: 'Turn on automatic backups…' })).toBeVisible();

    app.dialogs.folder = folder;
    await section.getByRole('button', { name: 'Turn on automatic backups…' }).click();
    await expect(section.getByRole('group', { name: 'Folder' })).toContainText(folder);
    await expect(section.getByLabel('Keep')).toHaveValue('10');
    await expect(section.getByLabel('Vault password', { exact: true })).toBeFocused();
    await fillBackupPasswords(section, 'wrong password');
    await section.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(section.getByText('Wrong password. Try again.')).toBeVisible();
    await expect(section.getByLabel('Vault password', { exact: true })).toBeFocused();
    await section.getByLabel('Vault password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Automatic backups are on.')).toBeVisible();
    await expect(section.getByText(folder)).toBeVisible();
    await expect(section.getByText('Last backup')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Back up now' })).toBeFocused();
    expect(await backupsIn(folder)).toHaveLength(1);
    await page.keyboard.press('Escape');
    await expect(settings).toHaveCount(0);

    // A change: one more backup, with the new account, readable with the backup password.
    await app.services.vault.add(GITLAB);
    await afterQuietTime(app);
    expect(await backupsIn(folder)).toHaveLength(2);
    const newest = (await backupsIn(folder)).at(-1)!;
    const contents = await decodeBackup(await readFile(path.join(folder, newest)), BACKUP_PASSWORD);
    expect(contents.accounts).toHaveLength(11);

    // The folder goes away (a drive unplugged): the next backup fails and the banner says so.
    await rm(folder, { recursive: true });
    await app.services.vault.remove(app.services.vault.list().at(-1)!.id);
    await afterQuietTime(app);
    const banner = page.getByRole('alert').filter({ hasText: 'Automatic backup failed:' });
    await expect(banner).toBeVisible();
    await expect(banner.getByText('backup folder')).toBeVisible();
    await banner.getByRole('button', { name: 'Open settings' }).click();
    const open = page.getByRole('dialog', { name: 'Settings' });
    const auto = open.getByRole('region', { name: 'Automatic backups' });
    await expect(auto.getByText(/^The automatic backup at .+ failed:/)).toBeVisible();

    // The folder is back: Back up now succeeds and the banner goes.
    await mkdir(folder);
    await auto.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText(`Backed up to ${folder}`)).toBeVisible();
    await expect(auto.getByText(/failed/)).toHaveCount(0);
    expect(await backupsIn(folder)).toHaveLength(1);

    await auto.getByLabel('Keep').selectOption('3');
    await expect.poll(() => app.services.settings.get().autoBackupKeep).toBe(3);

    await auto.getByRole('button', { name: 'Turn off' }).click();
    await expect(page.getByText('Automatic backups are off.')).toBeVisible();
    await expect(auto.getByRole('button', { name: 'Turn on automatic backups…' })).toBeFocused();
    expect(app.services.settings.get().autoBackupFolder).toBeNull();
    await page.keyboard.press('Escape');
    await expect(banner).toHaveCount(0);

    // Off: changes make no more files; the ones saved stay.
    await app.services.vault.add({ ...GITLAB, label: 'bob', secret: secretFor('backup/bob') });
    await afterQuietTime(app);
    expect(await backupsIn(folder)).toHaveLength(1);
    expect(existsSync(folder)).toBe(true);
  });
});

test.describe('the backup folder is main’s choice', () => {
  test.use({
    harness: {
      now: CALM_START,
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('the window holds a handle to the folder main’s dialog returned; after 10 minutes it must be chosen again', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const folder = path.join(app.dir, 'picked');
    await mkdir(folder);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page
      .getByRole('dialog', { name: 'Settings' })
      .getByRole('region', { name: 'Automatic backups' });
    await section.scrollIntoViewIfNeeded();
    app.dialogs.folder = folder;
    await section.getByRole('button', { name: 'Turn on automatic backups…' }).click();
    await expect(section.getByRole('group', { name: 'Folder' })).toContainText(folder);
    // What the window got: an opaque handle and the path to show, nothing it could make up itself.
    const chosen = app.sent.filter((m) => m.name === 'chooseBackupFolder').at(-1)!.payload as {
      value: { handle: string; folder: string };
    };
    expect(chosen.value.folder).toBe(folder);
    expect(chosen.value.handle).toMatch(/^[0-9a-f-]{36}$/);

    await app.advance(FOLDER_CHOICE_MS + 1_000);
    await fillBackupPasswords(section, PASSWORD);
    await section.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(
      section.getByText('Choose the folder again: the earlier choice has expired.'),
    ).toBeVisible();
    expect(app.services.settings.get().autoBackupFolder).toBeNull();

    await section.getByRole('button', { name: 'Change…' }).click();
    await section.getByRole('button', { name: 'Turn on', exact: true }).click();
    await expect(page.getByText('Automatic backups are on.')).toBeVisible();
    expect(app.services.settings.get().autoBackupFolder).toBe(folder);
  });
});

for (const look of [
  { language: 'en', theme: 'light' },
  { language: 'ja', theme: 'dark' },
] as const) {
  test.describe(`a network folder (${look.language}, ${look.theme})`, () => {
    test.use({
      harness: {
        now: CALM_START,
        frozenTime: true,
        settings: look,
        vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      },
    });

    test('a UNC path from the folder dialog is refused with the reason, and nothing is turned on', async ({
      page,
      app,
    }) => {
      const ja = look.language === 'ja';
      await unlock(page);
      await page.getByRole('button', { name: ja ? '設定' : 'Settings' }).click();
      const section = page.locator('dialog[open] .auto-backup-section');
      await section.scrollIntoViewIfNeeded();
      app.dialogs.folder = '\\\\fileserver\\share\\backups';
      await section.locator('.button').click();
      await expect(section).toContainText(
        ja
          ? 'ネットワークまたはデバイスのパスです。'
          : 'This is a network or device path. Automatic backups go only to a folder on this computer',
      );
      await expect(section.locator('form')).toHaveCount(0);
      expect(app.services.settings.get().autoBackupFolder).toBeNull();
      await section.screenshot({
        path: shot(`backup-folder/${look.language}-${look.theme}-network-folder`),
        animations: 'disabled',
      });
    });
  });
}

// Screenshots of every backup screen, in both languages and themes, wide and narrow, for a human to look at.
for (const combo of SHOT_LOOKS) {
  const tag = `${combo.lang}-${combo.theme}-${combo.width}x${combo.height}`;
  const snap = (page: Page, name: string) =>
    page.screenshot({ path: shot(`${tag}/backup-${name}`), animations: 'disabled' });

  test.describe(`screenshots ${tag}`, () => {
    test.use({
      viewport: { width: combo.width, height: combo.height },
      harness: {
        now: CALM_START,
        settings: { language: combo.lang, theme: combo.theme },
        vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      },
    });

    test('backup and restore screens', async ({ page, app }) => {
      await unlock(page);
      const target = path.join(app.dir, 'authdesk-2025-01-15.authdesk');
      app.dialogs.savePath = target;
      await page.locator('.transfer-menu').click();
      await snap(page, '01-menu');
      await page.getByRole('menuitem').first().click();
      const fields = page.locator('dialog[open] input[type="password"]');
      await fields.nth(0).fill(PASSWORD);
      await fields.nth(1).fill('tokyo');
      await fields.nth(2).fill('tokyo2');
      await page.keyboard.press('Enter');
      await expect(page.locator('.strength-label')).not.toBeEmpty();
      await snap(page, '02-backup-errors');
      await fields.nth(1).fill(BACKUP_PASSWORD);
      await fields.nth(2).fill(BACKUP_PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page.locator('.toast')).toBeVisible();
      await snap(page, '03-backed-up');
      await page.locator('.toast .icon-button').click();

      for (const account of app.services.vault.list().slice(0, 3)) {
        await app.services.vault.remove(account.id);
      }
      app.dialogs.importFile = target;
      await page.locator('.transfer-menu').click();
      await page.getByRole('menuitem').nth(1).click();
      const ask = page.locator('dialog[open]');
      await ask.locator('input[type="password"]').fill('wrong password');
      await page.keyboard.press('Enter');
      await expect(ask.locator('.field-message-error')).toBeVisible();
      await snap(page, '04-file-password');
      await ask.locator('input[type="password"]').fill(BACKUP_PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page.locator('.backup-summary')).toBeVisible();
      await snap(page, '05-restore-preview');
      await page.locator('.dialog-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await snap(page, '06-restore-preview-end');
      await page.locator('.dialog-footer .button').nth(1).click();
      await expect(page.locator('dialog[role="alertdialog"]')).toBeVisible();
      await snap(page, '07-replace-confirm');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.locator('dialog[open]')).toHaveCount(0);

      await dragOver(page, [file('backup.authdesk', 'x')]);
      await expect(page.locator('.drop-overlay')).toBeVisible();
      await snap(page, '08-drop-overlay');
      await page.evaluate(`(() => {
        const data = new DataTransfer();
        data.items.add(new File(['x'], 'backup.authdesk'));
        document.body.dispatchEvent(new DragEvent('dragleave', { bubbles: true, dataTransfer: data }));
      })()`);
      await expect(page.locator('.drop-overlay')).toHaveCount(0);
    });

    // A test of its own: with the screens above, one walk took more than a minute on a busy machine.
    test('automatic backup screens', async ({ page, app }) => {
      await unlock(page);
      const folder = path.join(app.dir, 'Backups', 'Authdesk automatic backups');
      await mkdir(folder, { recursive: true });
      app.dialogs.folder = folder;
      await page.locator('.topbar-actions .icon-button').first().click();
      // The settings dialog's fourth section (after appearance, security and the vault password).
      const auto = page.locator('dialog[open] .auto-backup-section');
      await auto.scrollIntoViewIfNeeded();
      await snap(page, '09-settings-off');
      await auto.locator('.button').click();
      const setup = auto.locator('form');
      await setup.locator('input[type="password"]').nth(0).fill(PASSWORD);
      await setup.locator('input[type="password"]').nth(1).fill(BACKUP_PASSWORD);
      await setup.scrollIntoViewIfNeeded();
      await snap(page, '10-settings-setup');
      await setup.locator('input[type="password"]').nth(2).fill(BACKUP_PASSWORD);
      await page.keyboard.press('Enter');
      await expect(auto.locator('.backup-state')).toBeVisible();
      await auto.scrollIntoViewIfNeeded();
      await snap(page, '11-settings-on');

      await rm(folder, { recursive: true });
      await page.keyboard.press('Escape');
      await app.services.vault.add(GITLAB);
      await afterQuietTime(app);
      await expect(page.locator('.banner')).toBeVisible();
      await snap(page, '12-banner');
      await page.locator('.banner .button').click();
      await auto.locator('.callout-warning').scrollIntoViewIfNeeded();
      await snap(page, '13-settings-failed');
    });
  });
}
