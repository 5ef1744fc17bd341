// Exports to another device: one account as a QR code, Google Authenticator batch codes, and the
// plain-text list. Every QR code on screen is screenshotted and read back with the app's own decoder.
import type { Locator, Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Account } from '../../shared/account';
import { decodeQrFromBytes } from '../../electron/qr/decode';
import { readImportFile } from '../../electron/import/formats';
import { decodeMigrationUri } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { test, expect, type AppHarness } from '../harness/browser/app';
import {
  CALM_START,
  PASSWORD,
  SAMPLE_ACCOUNTS,
  SHOT_LOOKS,
  manyAccounts,
  openTransferMenu,
  shot,
  unlock,
} from './support';

const byLabel = (app: AppHarness, label: string) =>
  app.services.vault.list().find((a) => a.label === label)!;

/** Written out here rather than imported, so the test states what the user sees. */
const inFours = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

async function openRowMenuItem(page: Page, account: Account, item: string) {
  await page
    .locator(`[data-row-id="${account.id}"]`)
    .getByRole('button', { name: /More actions/ })
    .click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** What a phone would read off the screen: a screenshot of the code, through our own decoder. */
async function scan(qr: Locator): Promise<string[]> {
  return decodeQrFromBytes(await qr.screenshot({ animations: 'disabled' }));
}

/** Neither the key nor the link that carries it is left anywhere in the page. */
async function expectNoSecretIn(page: Page, account: Account) {
  const html = await page.content();
  expect(html).not.toContain(account.secret);
  expect(html).not.toContain(inFours(account.secret));
  expect(html).not.toContain(encodeURIComponent(account.secret));
}

test.describe('show an account as a QR code', () => {
  test.use({
    harness: {
      now: CALM_START,
      // The countdown reads the page's clock: it moves only by app.advance(), however long a scan takes.
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('asks for the vault password, shows a code that scans to the account, and hides it after 60 s', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const github = byLabel(app, 'alice');
    await openRowMenuItem(page, github, 'Show QR code for another device…');

    const ask = page.getByRole('dialog', { name: 'Show QR code' });
    const password = ask.getByLabel('Vault password');
    await expect(password).toBeFocused();
    await password.fill('not my password');
    await page.keyboard.press('Enter');
    await expect(ask.getByText('Wrong password. Try again.')).toBeVisible();
    // The wrong password is selected, so typing the right one replaces it.
    await expect(password).toBeFocused();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    const view = page.getByRole('dialog', { name: 'Add to another device' });
    await expect(view.getByText('GitHub', { exact: true })).toBeVisible();
    await expect(view.getByText('alice', { exact: true })).toBeVisible();
    await expect(view.getByText(/Scan this code with the authenticator app/)).toBeVisible();
    const qr = view.getByRole('img', { name: 'QR code for GitHub (alice)' });
    expect(await scan(qr)).toEqual([formatOtpauthUri(github)]);
    await expect(view.getByText(inFours(github.secret), { exact: true })).toBeVisible();
    await expect(view.getByText('Hidden in 60 s', { exact: true })).toBeVisible();
    await expect(view.getByRole('button', { name: 'Done' })).toBeFocused();

    await app.advance(30_000);
    await expect(view.getByText('Hidden in 30 s', { exact: true })).toBeVisible();
    await app.advance(30_000);
    await expect(qr).toHaveCount(0);
    const again = page.getByRole('dialog', { name: 'Show QR code' });
    await expect(again.getByText('The code was hidden after 60 seconds.')).toBeVisible();
    await expect(again.getByLabel('Vault password')).toBeFocused();
    await expectNoSecretIn(page, github);
  });

  test('Escape and locking hide the code, and the key is nowhere in the page afterwards', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const aws = byLabel(app, 'root@123456789012');
    const reveal = async () => {
      await openRowMenuItem(page, aws, 'Show QR code for another device…');
      await page
        .getByRole('dialog', { name: 'Show QR code' })
        .getByLabel('Vault password')
        .fill(PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page.getByText(inFours(aws.secret))).toBeVisible();
    };

    await reveal();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectNoSecretIn(page, aws);

    await reveal();
    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
    await expectNoSecretIn(page, aws);

    await unlock(page);
    await reveal();
    await page
      .getByRole('dialog', { name: 'Add to another device' })
      .getByRole('button', { name: 'Done' })
      .click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectNoSecretIn(page, aws);
  });
});

test.describe('export to Google Authenticator', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: manyAccounts(12) } },
  });

  test('12 accounts become 2 codes that page with ←/→ and scan back to all 12', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await openTransferMenu(page, 'Export to Google Authenticator…');
    const dialog = page.getByRole('dialog', { name: 'Export to Google Authenticator' });
    await expect(dialog.getByText('12 of 12 chosen')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /^Service 00/ })).toHaveCount(12);
    await expect(dialog.getByLabel('Vault password')).toBeFocused();

    // None chosen is refused before anything is sent; the search narrows the list.
    await dialog.getByRole('checkbox', { name: 'Select all' }).uncheck();
    await expect(dialog.getByText('0 of 12 chosen')).toBeVisible();
    await dialog.getByLabel('Vault password').fill(PASSWORD);
    await dialog.getByLabel('Vault password').press('Enter');
    await expect(dialog.getByText('Choose at least one account.')).toBeVisible();
    await dialog.getByLabel('Search accounts').fill('0011');
    await expect(dialog.getByRole('checkbox', { name: /^Service 00/ })).toHaveCount(1);
    await dialog.getByLabel('Search accounts').press('Escape');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Select all' }).check();
    await expect(dialog.getByText('12 of 12 chosen')).toBeVisible();

    await dialog.getByLabel('Vault password').press('Enter');
    await expect(dialog.getByText('1 of 2', { exact: true })).toBeVisible();
    await expect(dialog.getByText(/Transfer accounts › Import accounts/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Next' })).toBeFocused();
    const first = await scan(dialog.getByRole('img', { name: 'Google Authenticator code 1 of 2' }));
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByText('2 of 2', { exact: true })).toBeVisible();
    const second = await scan(
      dialog.getByRole('img', { name: 'Google Authenticator code 2 of 2' }),
    );
    await page.keyboard.press('ArrowRight'); // already at the last code
    await expect(dialog.getByText('2 of 2', { exact: true })).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(dialog.getByText('1 of 2', { exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Previous' }).click();
    await expect(dialog.getByText('1 of 2', { exact: true })).toBeVisible();

    const decoded = [...first, ...second].map(decodeMigrationUri);
    expect(decoded.map((d) => [d.batch?.index, d.batch?.size])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const back = decoded.flatMap((d) => d.accounts);
    const vault = app.services.vault.list();
    expect(back.map((a) => [a.issuer, a.label, a.secret]).sort()).toEqual(
      vault.map((a) => [a.issuer, a.label, a.secret]).sort(),
    );

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    for (const account of vault) await expectNoSecretIn(page, account);
  });
});

test.describe('export to Google Authenticator with accounts it cannot take', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
  });

  test('Steam is marked in the list and named with its reason beside the code; lock hides it', async ({
    page,
    app,
  }) => {
    void app; // the fixture starts the harness
    await unlock(page);
    await openTransferMenu(page, 'Export to Google Authenticator…');
    const dialog = page.getByRole('dialog', { name: 'Export to Google Authenticator' });
    await expect(
      dialog.getByText('Google Authenticator cannot show Steam Guard codes.'),
    ).toBeVisible();
    await dialog.getByLabel('Vault password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    const qr = dialog.getByRole('img', { name: 'Google Authenticator code 1 of 1' });
    const [link] = await scan(qr);
    expect(decodeMigrationUri(link!).accounts).toHaveLength(SAMPLE_ACCOUNTS.length - 1);
    await expect(dialog.getByText('Left out (1)')).toBeVisible();
    await expect(dialog.getByText('Steam (alice_gamer)')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();

    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).press('Control+L');
    await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
    expect(await page.content()).not.toContain('otpauth-migration');
    await expect(page.locator('[data-qr]')).toHaveCount(0);
  });
});

test.describe('export as text', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
  });

  test('warns first, needs the box ticked and the password, then writes one link per account', async ({
    page,
    app,
  }) => {
    const file = path.join(app.dir, 'exported.txt');
    app.dialogs.savePath = file;
    await unlock(page);
    await openTransferMenu(page, 'Export as text…');
    const warning = page.getByRole('alertdialog', { name: 'Export as text' });
    await expect(warning.getByText('This file is not encrypted')).toBeVisible();
    await expect(
      warning.getByText(/Anyone who reads the file can make your sign-in codes/),
    ).toBeVisible();
    await expect(warning.getByText(/use an encrypted backup instead/)).toBeVisible();
    const consent = warning.getByRole('checkbox', { name: /I understand/ });
    await expect(consent).toBeFocused();

    await warning.getByRole('button', { name: 'Continue' }).click();
    await expect(
      warning.getByText('Tick the box to confirm that you understand the risk.'),
    ).toBeVisible();
    await consent.check();
    await warning.getByRole('button', { name: 'Continue' }).click();

    const ask = page.getByRole('dialog', { name: 'Export as text' });
    await expect(ask.getByText(/write 10 accounts to a text file/)).toBeVisible();
    await expect(ask.getByLabel('Vault password')).toBeFocused();
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await expect(ask.getByText('Wrong password. Try again.')).toBeVisible();
    expect(app.dialogs.saves).toHaveLength(0);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page.getByText(`Exported 10 accounts to ${file}`)).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(app.dialogs.saves).toEqual([
      { kind: 'otpauth-list', defaultName: expect.stringMatching(/\.txt$/) },
    ]);
    const links = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    const accounts = app.services.vault.list();
    expect(links.sort()).toEqual(accounts.map(formatOtpauthUri).sort());
  });

  test('only the chosen accounts are written; closing the save dialog writes nothing and says nothing', async ({
    page,
    app,
  }) => {
    app.dialogs.savePath = null;
    await unlock(page);
    const before = await readdir(app.dir);
    await openTransferMenu(page, 'Export as text…');
    const warning = page.getByRole('alertdialog', { name: 'Export as text' });
    await warning.getByRole('checkbox', { name: /I understand/ }).check();
    await warning.getByRole('checkbox', { name: 'Select all' }).uncheck();
    await warning.getByRole('checkbox', { name: /^GitHub/ }).check();
    await warning.getByRole('checkbox', { name: /^Slack/ }).check();
    await expect(warning.getByText('2 of 10 chosen')).toBeVisible();
    await warning.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText(/write 2 accounts to a text file/)).toBeVisible();
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(app.dialogs.saves).toHaveLength(1);
    expect(await readdir(app.dir)).toEqual(before);
    await expect(page.locator('.toast')).toHaveCount(0);

    // The same choice, saved this time: only those two accounts are in the file.
    const file = path.join(app.dir, 'two.txt');
    app.dialogs.savePath = file;
    await openTransferMenu(page, 'Export as text…');
    await warning.getByRole('checkbox', { name: /I understand/ }).check();
    await warning.getByRole('checkbox', { name: 'Select all' }).uncheck();
    await warning.getByRole('checkbox', { name: /^GitHub/ }).check();
    await warning.getByRole('checkbox', { name: /^Slack/ }).check();
    await warning.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Exported 2 accounts to ${file}`)).toBeVisible();
    const text = await readFile(file, 'utf8');
    const links = text.split('\n').filter((line) => line.startsWith('otpauth://'));
    expect(links.sort()).toEqual(
      [byLabel(app, 'alice'), byLabel(app, 'alice@acme')].map(formatOtpauthUri).sort(),
    );
  });
});

test.describe('export to Aegis', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
  });
  const EXPORT_PASSWORD = 'aegis export password';
  /** What Aegis carries of an account (not its id, timestamps or AWS device ARN). */
  const carried = ({ id, createdAt, updatedAt, awsSerial, ...rest }: Account) => {
    void [id, createdAt, updatedAt, awsSerial];
    return rest;
  };

  test('encrypted: vault password, export password twice, then a file Aegis (and Authdesk) reads back', async ({
    page,
    app,
  }) => {
    const file = path.join(app.dir, 'aegis.json');
    app.dialogs.savePath = file;
    await unlock(page);
    await openTransferMenu(page, 'Export to Aegis (encrypted)…');
    const dialog = page.getByRole('dialog', { name: 'Export to Aegis (encrypted)' });
    await expect(dialog.getByText(/Import from file, choose Aegis/)).toBeVisible();
    await expect(dialog.getByText('10 of 10 chosen')).toBeVisible();
    await expect(dialog.getByLabel('Vault password')).toBeFocused();
    await dialog.getByLabel('Vault password').fill(PASSWORD);
    await dialog.getByLabel('Export password', { exact: true }).fill(EXPORT_PASSWORD);
    await dialog.getByLabel('Type the export password again').fill('something else entirely');
    await page.keyboard.press('Enter');
    expect(app.dialogs.saves).toHaveLength(0);
    await dialog.getByLabel('Type the export password again').fill(EXPORT_PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page.getByText(`Exported 10 accounts to ${file}`)).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(app.dialogs.saves).toEqual([
      { kind: 'aegis', defaultName: expect.stringMatching(/^authdesk-aegis-.*\.json$/) },
    ]);
    const bytes = await readFile(file);
    const accounts = app.services.vault.list();
    for (const a of accounts) expect(bytes.toString('utf8')).not.toContain(a.secret);
    const found = await readImportFile(bytes, 'aegis.json', EXPORT_PASSWORD);
    expect(found.accounts.map((a) => a.input)).toEqual(accounts.map(carried));
  });

  test('plain: the text export’s warning and consent first, then a plain Aegis file of the chosen accounts', async ({
    page,
    app,
  }) => {
    const file = path.join(app.dir, 'aegis-plain.json');
    app.dialogs.savePath = file;
    await unlock(page);
    await openTransferMenu(page, 'Export to Aegis (plain)…');
    const warning = page.getByRole('alertdialog', { name: 'Export to Aegis (plain)' });
    await expect(warning.getByText('This file is not encrypted')).toBeVisible();
    await expect(warning.getByText(/use Export to Aegis \(encrypted\) instead/)).toBeVisible();
    await warning.getByRole('button', { name: 'Continue' }).click();
    await expect(
      warning.getByText('Tick the box to confirm that you understand the risk.'),
    ).toBeVisible();
    await warning.getByRole('checkbox', { name: /I understand/ }).check();
    await warning.getByRole('checkbox', { name: 'Select all' }).uncheck();
    await warning.getByRole('checkbox', { name: /^GitHub/ }).check();
    await warning.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByText(/write 1 account to an Aegis file that is not encrypted/),
    ).toBeVisible();
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page.getByText(`Exported 1 account to ${file}`)).toBeVisible();
    const plain = JSON.parse(await readFile(file, 'utf8'));
    expect(plain.header).toEqual({ slots: null, params: null });
    const github = byLabel(app, 'alice');
    expect(plain.db.entries).toHaveLength(1);
    expect(plain.db.entries[0]).toMatchObject({
      issuer: github.issuer,
      name: github.label,
      info: { secret: github.secret },
    });
  });
});

for (const combo of SHOT_LOOKS) {
  const tag = `${combo.lang}-${combo.theme}-${combo.width}x${combo.height}`;
  test.describe(`screenshots ${tag}`, () => {
    test.use({
      viewport: { width: combo.width, height: combo.height },
      harness: {
        now: CALM_START,
        settings: { language: combo.lang, theme: combo.theme },
        vault: { password: PASSWORD, accounts: [...SAMPLE_ACCOUNTS, ...manyAccounts(12)] },
      },
    });

    test('reveal, Google pager and text warning', async ({ page, app }) => {
      const snap = (name: string) =>
        page.screenshot({ path: shot(`export/${tag}/${name}`), animations: 'disabled' });
      await unlock(page);
      const aws = byLabel(app, 'root@123456789012');
      await page.locator(`[data-row-id="${aws.id}"] .row-menu`).click();
      // copy next, AWS helper, edit, pin, show QR code
      await page.getByRole('menuitem').nth(4).click();
      await page.locator('input[name="vault-password"]').fill('wrong');
      await page.keyboard.press('Enter');
      await expect(page.locator('.field-message-error')).toBeVisible();
      await snap('01-reveal-password');
      await page.locator('input[name="vault-password"]').fill(PASSWORD);
      await page.keyboard.press('Enter');
      const qr = page.locator('[data-qr]');
      expect(await scan(qr)).toEqual([formatOtpauthUri(aws)]);
      await snap('02-reveal');
      await page.keyboard.press('Escape');

      await page.locator('.transfer-menu').click();
      await page.getByRole('menuitem').nth(2).click();
      await snap('03-google-choose');
      await page.locator('input[name="vault-password"]').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await expect(qr).toBeVisible();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('.pager-status')).toContainText('2');
      expect(await scan(qr)).toHaveLength(1);
      await snap('04-google-pager');
      await page.locator('.dialog-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await snap('05-google-pager-end');
      await page.keyboard.press('Escape');

      await page.locator('.transfer-menu').click();
      await page.getByRole('menuitem').nth(3).click();
      await page.locator('.dialog-footer .button-primary').click();
      await snap('06-text-warning');
      await page.locator('input[name="understood"]').check();
      await page.locator('.dialog-footer .button-primary').click();
      await snap('07-text-password');
    });

    test('Aegis menu, encrypted and plain', async ({ page, app }) => {
      void app; // the fixture serves the app
      const snap = (name: string) =>
        page.screenshot({ path: shot(`export/${tag}/${name}`), animations: 'disabled' });
      await unlock(page);
      await page.locator('.transfer-menu').click();
      await snap('08-menu');
      // backup, restore, Google, text, Aegis encrypted, Aegis plain
      await page.getByRole('menuitem').nth(4).click();
      await page.locator('input[name="current-password"]').fill(PASSWORD);
      await page.locator('input[name="new-password"]').fill('short');
      await page.keyboard.press('Enter');
      await snap('09-aegis');
      await page.keyboard.press('Escape');
      await page.locator('.transfer-menu').click();
      await page.getByRole('menuitem').nth(5).click();
      await snap('10-aegis-plain-warning');
    });
  });
}
