// Cancel in the password dialog of an encrypted file works while main is still deriving its key:
// the dialog goes at once, main stops before the next derivation, and nothing is imported or
// restored. Each derivation is held at its start (watchKdfRuns), so the test does not race it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { encodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { aegisDb, aegisEncryptedFile } from '../harness/import-samples';
import { TINY_KDF } from '../harness/vault-fixtures';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, secretFor, shot, unlock } from './support';
import { holdKdfRuns } from '../harness/kdf-hold';

const FILE_PASSWORD = 'plum orchard under snow';
const NEW_ACCOUNT = {
  ...SAMPLE_ACCOUNTS[2]!,
  issuer: 'GitLab',
  label: 'cancel-test@example.com',
  secret: secretFor('cancel/GitLab'),
};

test.use({
  harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
});

let dir = '';
let stopWatching: () => void = () => {};
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-cancel-'));
});
test.afterEach(async () => {
  stopWatching();
  await rm(dir, { recursive: true, force: true });
});

/** Every key derivation held at its start until release(); see harness/kdf-hold.ts. */
function holdDerivations() {
  const hold = holdKdfRuns();
  stopWatching = hold.stop;
  return hold;
}

/** The outcome main sent for the last unlockImportFile call, once it has answered. */
async function unlockOutcome(app: AppHarness): Promise<unknown> {
  await expect
    .poll(() => app.sent.filter((s) => s.kind === 'result' && s.name === 'unlockImportFile'))
    .toHaveLength(1);
  return app.sent.find((s) => s.name === 'unlockImportFile')!.payload;
}

const LABELS = {
  en: {
    menu: 'Back up, restore and export accounts',
    restore: 'Restore or import a file…',
    ask: "Enter the file's password",
    password: 'File password',
    opening: 'Opening…',
    cancel: 'Cancel',
  },
  ja: {
    menu: 'アカウントのバックアップ、復元、エクスポート',
    restore: 'ファイルから復元・取り込み…',
    ask: 'ファイルのパスワードを入力',
    password: 'ファイルのパスワード',
    opening: '開いています…',
    cancel: 'キャンセル',
  },
} as const;
type Labels = (typeof LABELS)[keyof typeof LABELS];

/** Opens `file` from the menu, types its password and presses Enter. */
async function openWithPassword(page: Page, app: AppHarness, file: string, labels: Labels) {
  app.dialogs.importFile = file;
  await page.getByRole('button', { name: labels.menu }).click();
  await page.getByRole('menuitem', { name: labels.restore }).click();
  const ask = page.getByRole('dialog', { name: labels.ask });
  await ask.getByLabel(labels.password).fill(FILE_PASSWORD);
  await ask.getByLabel(labels.password).press('Enter');
  return ask;
}

/**
 * Opens `file` with its password while every key derivation is held; presses Cancel while the
 * first one waits, and checks that the dialog went, main answered CANCELLED, and nothing changed.
 */
async function cancelWhileOpening(page: Page, app: AppHarness, file: string, labels: Labels) {
  const before = app.services.vault.list();
  const hold = holdDerivations();
  const ask = await openWithPassword(page, app, file, labels);
  await hold.started;
  await expect(ask.getByRole('button', { name: labels.opening })).toBeVisible();
  await page.screenshot({
    path: shot(`file-cancel-offered-${labels === LABELS.ja ? 'ja' : 'en'}`),
  });
  await ask.getByRole('button', { name: labels.cancel }).click();
  // Gone while the derivation is still held: the window does not wait for it.
  await expect(ask).toHaveCount(0);
  hold.release();
  expect(await unlockOutcome(app)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(app.services.vault.list()).toEqual(before);
  stopWatching();
  return hold.runs;
}

test('Cancel while an encrypted Aegis export is being opened imports nothing, and no further slot is tried', async ({
  page,
  app,
}) => {
  await unlock(page);
  const file = path.join(dir, 'aegis-export.json');
  // The password opens the second slot; the first is being derived when Cancel is pressed.
  await writeFile(
    file,
    aegisEncryptedFile(aegisDb([NEW_ACCOUNT]), 'phone password', {
      morePasswords: [FILE_PASSWORD],
    }),
  );
  expect(await cancelWhileOpening(page, app, file, LABELS.en)).toHaveLength(1);
  await page.screenshot({ path: shot('import-cancelled-en') });

  // The file was forgotten in main; opening it again works as before.
  await openWithPassword(page, app, file, LABELS.en);
  await expect(page.getByText(NEW_ACCOUNT.label)).toBeVisible();
});

test.describe('in Japanese', () => {
  test.use({
    harness: {
      now: CALM_START,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      settings: { language: 'ja' },
    },
  });

  test('キャンセル while a backup is being restored restores nothing', async ({ page, app }) => {
    await unlock(page);
    const key = await newBackupKey(FILE_PASSWORD, TINY_KDF);
    const file = path.join(dir, 'backup.authdesk');
    const account = {
      ...NEW_ACCOUNT,
      id: '00000000-0000-4000-8000-000000000001',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const text = encodeBackup({ accounts: [account], groups: [] }, key, {
      appVersion: '1.0.0',
      now: new Date(CALM_START),
    });
    await writeFile(file, text);
    expect(await cancelWhileOpening(page, app, file, LABELS.ja)).toHaveLength(1);
    await page.screenshot({ path: shot('import-cancelled-ja') });
  });
});

test('Cancel on the unlock screen while the key is derived keeps the vault locked; the next try opens it', async ({
  page,
  app,
}) => {
  const hold = holdDerivations();
  const field = page.locator('input[name="password"]');
  await field.fill(PASSWORD);
  await field.press('Enter');
  await hold.started;
  await expect(page.getByRole('button', { name: 'Unlocking…' })).toBeVisible();
  // Offered once the unlock has taken a while; pressed while the derivation is still held.
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.screenshot({ path: shot('unlock-cancel-offered-en') });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeEnabled();
  await expect(field).toBeFocused();
  hold.release();
  await expect
    .poll(() => app.sent.find((s) => s.kind === 'result' && s.name === 'unlock')?.payload)
    .toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  expect(app.services.vault.isUnlocked).toBe(false);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await page.screenshot({ path: shot('unlock-cancelled-en') });

  stopWatching();
  await unlock(page);
  expect(app.services.vault.isUnlocked).toBe(true);
});
