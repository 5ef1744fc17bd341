// Settings › Sync through the real IPC handlers, sync service and folder: off, the start form and
// its checks, on (this computer listed, last sync), the sync password set and removed, stop.
import { readdir } from 'node:fs/promises';
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';
import { newSyncFolder, openSyncSettings } from './sync-support';

test.use({ harness: { vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 3) } } });

async function seriousAxe(page: Parameters<typeof checkAxe>[0]) {
  const { violations } = await checkAxe(page);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('starts sync from Settings: the form checks its fields, then this computer is listed', async ({
  page,
  app,
}) => {
  await unlock(page);
  const folder = await newSyncFolder();
  const section = await openSyncSettings(page);
  await expect(section.getByText(/^Off\. Authdesk can keep your accounts/)).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);

  // The dialog closed without a folder: nothing changes.
  app.dialogs.folder = null;
  await section.getByRole('button', { name: 'Start sync…' }).click();
  await expect(section.getByRole('button', { name: 'Start sync…' })).toBeEnabled();
  await expect(section.getByLabel('Vault password')).toHaveCount(0);

  app.dialogs.folder = folder;
  await section.getByRole('button', { name: 'Start sync…' }).click();
  await expect(section.getByText(folder)).toBeVisible();
  // The name field has the keyboard.
  await expect(section.getByLabel("This computer's name")).toBeFocused();
  await page.keyboard.type('Desktop');

  // A sync password that is too short, then two that differ: said at the fields, nothing sent.
  await section
    .getByRole('switch', { name: 'Also let computers join with a sync password' })
    .check();
  await section.getByLabel('Sync password', { exact: true }).fill('short');
  await section.getByLabel('Vault password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Start sync' }).click();
  await expect(section.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(section.getByLabel('Sync password', { exact: true })).toBeFocused();
  await section.getByLabel('Sync password', { exact: true }).fill('a long sync password');
  await section.getByLabel('Type the sync password again').fill('a long sync passwort');
  await section.getByRole('button', { name: 'Start sync' }).click();
  await expect(section.getByText('The two sync passwords are not the same.')).toBeVisible();
  expect(app.sent.some((s) => s.name === 'startSync')).toBe(false);
  await section.getByLabel('Type the sync password again').fill('a long sync password');

  // A wrong vault password: said at its field; sync stays off and the folder stays empty.
  await section.getByLabel('Vault password').fill('not the password');
  await section.getByRole('button', { name: 'Start sync' }).click();
  await expect(section.getByText('Wrong password', { exact: false })).toBeVisible();
  await expect(section.getByLabel('Vault password')).toBeFocused();
  expect(await readdir(folder)).toEqual([]);
  expect(await seriousAxe(page)).toEqual([]);

  await section.getByLabel('Vault password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Start sync' }).click();
  await expect(
    section.getByText('On: this computer syncs through the folder below.'),
  ).toBeVisible();
  await expect(page.getByText('Sync is on. To add another computer')).toBeVisible();
  const devices = section.getByRole('list', { name: 'Computers in this sync' });
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices.getByRole('listitem')).toContainText('Desktop');
  await expect(devices.getByRole('listitem')).toContainText('this computer');
  await expect(
    section.getByText('Set: other computers may join with the sync password.'),
  ).toBeVisible();
  // This device's files are in the folder: its own name prefix, nothing else readable.
  await expect.poll(async () => (await readdir(folder)).length).toBeGreaterThan(0);
  const status = await app.services.sync.status();
  expect(status.phase).not.toBe('off');
  expect(status.device?.name).toBe('Desktop');
  expect(await seriousAxe(page)).toEqual([]);
});

test('removes and sets the sync password with the vault password, then stops sync after asking', async ({
  page,
  app,
}) => {
  await unlock(page);
  const folder = await newSyncFolder();
  const section = await openSyncSettings(page);
  app.dialogs.folder = folder;
  await section.getByRole('button', { name: 'Start sync…' }).click();
  await section.getByLabel("This computer's name").fill('Desktop');
  await section.getByLabel('Vault password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(
    section.getByText('Not set: other computers join with a pairing code.'),
  ).toBeVisible();

  // Set one: too short first.
  await section.getByRole('button', { name: 'Set a sync password…' }).click();
  await expect(section.getByLabel('Sync password', { exact: true })).toBeFocused();
  await page.keyboard.type('tooshort');
  await section.getByLabel('Vault password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Set sync password' }).click();
  await expect(section.getByText('Use at least 12 characters.')).toBeVisible();
  await section.getByLabel('Sync password', { exact: true }).fill('twelve chars or more');
  await section.getByLabel('Type the sync password again').fill('twelve chars or more');
  await section.getByRole('button', { name: 'Set sync password' }).click();
  await expect(page.getByText('The sync password is set.')).toBeVisible();
  await expect(
    section.getByText('Set: other computers may join with the sync password.'),
  ).toBeVisible();
  expect((await app.services.sync.status()).joinByPassword).toBe(true);

  // Remove it: the vault password again, a wrong one first.
  await section.getByRole('button', { name: 'Remove…' }).click();
  await expect(section.getByLabel('Vault password')).toBeFocused();
  await page.keyboard.type('wrong');
  await page.keyboard.press('Enter');
  await expect(section.getByText('Wrong password', { exact: false })).toBeVisible();
  expect((await app.services.sync.status()).joinByPassword).toBe(true);
  await section.getByLabel('Vault password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByText('The sync password is removed.')).toBeVisible();
  expect((await app.services.sync.status()).joinByPassword).toBe(false);

  // Stop: asked first; Cancel keeps it on.
  await section.getByRole('button', { name: 'Stop sync…' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Stop sync on this computer?' });
  await expect(ask).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  expect((await app.services.sync.status()).phase).not.toBe('off');
  await section.getByRole('button', { name: 'Stop sync…' }).click();
  await ask.getByRole('button', { name: 'Stop sync' }).click();
  await expect(
    page.getByText('Sync is off on this computer. Its accounts stay here.'),
  ).toBeVisible();
  await expect(section.getByRole('button', { name: 'Start sync…' })).toBeVisible();
  expect((await app.services.sync.status()).phase).toBe('off');
  // The accounts stay.
  await page.keyboard.press('Escape');
  await expect(page.locator('.row-main')).toHaveCount(3);
});
