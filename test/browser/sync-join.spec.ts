// The pairing and join screens between two apps (two vaults, one sync folder), through the real IPC
// handlers, sync service and folder: the code as text, QR and countdown, copy, the join screen's
// errors (empty, malformed, wrong, expired code; wrong and missing sync password; nothing to join),
// joining, and both computers listing each other.
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { PAIRING_CODE_TTL_MS } from '../../shared/sync';
import { PASSWORD, SAMPLE_ACCOUNTS, unlock } from './support';
import { newSyncFolder, openSyncSettings, secondApp, startSyncInWindow } from './sync-support';

test.use({ harness: { vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 3) } } });

const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

async function seriousAxe(page: Parameters<typeof checkAxe>[0]) {
  const { violations } = await checkAxe(page);
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a second computer joins with the pairing code the first shows; both list each other', async ({
  page,
  app,
  browser,
  rendererUrl,
  decoder,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await unlock(page);
  const folder = await newSyncFolder();
  const section = await startSyncInWindow(page, app, folder, 'Desktop');

  await section.getByRole('button', { name: 'Add a computer…' }).click();
  const pairing = page.getByRole('dialog', { name: 'Add a computer' });
  const codeText = pairing.locator('.sync-code');
  await expect(codeText).toBeVisible();
  const code = (await codeText.getAttribute('data-code'))!;
  expect(code).toMatch(CODE_SHAPE);
  // Shown in its five groups, and as a QR code.
  await expect(codeText.locator('.sync-code-group')).toHaveText(
    // Each group but the last carries a dash that only screen readers get.
    code.split('-').map((group, i) => (i < 4 ? `${group}-` : group)),
  );
  await expect(codeText.locator('.sync-code-group').first()).toHaveCSS('white-space', 'nowrap');
  await expect(pairing.getByRole('img', { name: 'The pairing code as a QR code' })).toBeVisible();
  await expect(pairing.getByText(/^Valid for (10:00|9:[0-5]\d)$/)).toBeVisible();
  expect((await app.services.sync.status()).pairing).not.toBeNull();
  // Copy has the keyboard; it copies the code as shown.
  await expect(pairing.getByRole('button', { name: 'Copy code' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Pairing code copied.')).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code);
  expect(await seriousAxe(page)).toEqual([]);

  const laptop = await secondApp(browser, rendererUrl, decoder, {
    vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(3, 5) },
  });
  try {
    const other = await openSyncSettings(laptop.page);
    laptop.app.dialogs.folder = folder;
    await other.getByRole('button', { name: 'Join sync…' }).click();
    const join = laptop.page.getByRole('dialog', { name: 'Join sync' });
    await expect(join.getByText(folder)).toBeVisible();
    const codeField = join.getByRole('textbox', { name: 'Pairing code' });
    await expect(codeField).toBeFocused();

    // Empty, then not a code: said at the field, nothing sent.
    await laptop.page.keyboard.press('Enter');
    await expect(join.getByText('Enter the pairing code.')).toBeVisible();
    await codeField.fill('7KQ2-M9XD');
    await laptop.page.keyboard.press('Enter');
    await expect(join.getByText('A pairing code has 20 letters and digits')).toBeVisible();
    expect(laptop.app.sent.some((s) => s.name === 'joinSync')).toBe(false);

    // A well-formed code that no offer in the folder opens.
    const wrong = code[0] === 'A' ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    await codeField.fill(wrong);
    await join.getByLabel("This computer's name").fill('Laptop');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await codeField.press('Enter');
    await expect(join.getByText('No device in this folder shows that pairing code.')).toBeVisible();
    await expect(codeField).toBeFocused();
    expect((await laptop.app.services.sync.status()).phase).toBe('off');
    expect(await seriousAxe(laptop.page)).toEqual([]);

    // The right code typed as people do: lower case, spaces for dashes. A wrong vault password first.
    await codeField.fill(code.toLowerCase().replaceAll('-', ' '));
    await join.getByLabel('Vault password').fill('not it');
    await codeField.press('Enter');
    await expect(join.getByText('Wrong password', { exact: false })).toBeVisible();
    await join.getByLabel('Vault password').fill(PASSWORD);
    await join.getByLabel('Vault password').press('Enter');
    await expect(laptop.page.getByText('This computer joined the sync.')).toBeVisible();
    await expect(join).toBeHidden();

    const laptopDevices = other.getByRole('list', { name: 'Computers in this sync' });
    await expect(laptopDevices.getByRole('listitem')).toHaveCount(2);
    await expect(laptopDevices.getByRole('listitem').first()).toContainText('Laptop');
    await expect(laptopDevices.getByRole('listitem').first()).toContainText('this computer');
    await expect(laptopDevices).toContainText('Desktop');

    // The first computer sees the new one join while it still shows the code.
    await expect(pairing.getByText('Laptop joined the sync.')).toBeVisible({ timeout: 15_000 });
    await pairing.getByRole('button', { name: 'Done' }).click();
    const devices = section.getByRole('list', { name: 'Computers in this sync' });
    await expect(devices.getByRole('listitem')).toHaveCount(2);
    await expect(devices).toContainText('Laptop');
  } finally {
    await laptop.close();
  }
});

test('joining says what is wrong: nothing to join, an expired code, no or a wrong sync password', async ({
  page,
  app,
  browser,
  rendererUrl,
  decoder,
}) => {
  await unlock(page);
  const empty = await newSyncFolder();
  const folder = await newSyncFolder();

  const laptop = await secondApp(browser, rendererUrl, decoder, {
    vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(3, 5) },
  });
  try {
    // The joiner's side first: an empty folder holds nothing to join.
    const other = await openSyncSettings(laptop.page);
    laptop.app.dialogs.folder = empty;
    await other.getByRole('button', { name: 'Join sync…' }).click();
    const join = laptop.page.getByRole('dialog', { name: 'Join sync' });
    await join.getByRole('textbox', { name: 'Pairing code' }).fill('7KQ2-M9XD-4HNP-V3TB-8WRC');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(join.getByText('This folder holds no sync to join.')).toBeVisible();

    // The first computer starts without a sync password and shows a code.
    const section = await startSyncInWindow(page, app, folder, 'Desktop');
    await section.getByRole('button', { name: 'Add a computer…' }).click();
    const pairing = page.getByRole('dialog', { name: 'Add a computer' });
    const code = (await pairing.locator('.sync-code').getAttribute('data-code'))!;
    expect(code).toMatch(CODE_SHAPE);

    // The folder changed in the join screen (main's dialog again).
    laptop.app.dialogs.folder = folder;
    await join.getByRole('button', { name: 'Change…' }).click();
    await expect(join.getByText(folder)).toBeVisible();

    // The sync password: none was set.
    await join.getByRole('radio', { name: 'Sync password' }).check();
    await join.locator('input[name="sync-password"]').fill('a long sync password');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(
      join.getByText(
        'No device in this folder set a sync password. Join with a pairing code instead.',
      ),
    ).toBeVisible();

    // The code, 11 minutes later on the joiner's clock: expired.
    await join.getByRole('radio', { name: 'Pairing code' }).check();
    laptop.app.setTime(laptop.app.clock.now() + PAIRING_CODE_TTL_MS + 60_000);
    // The folder chosen earlier has expired by then too: said, and chosen again.
    await join.getByRole('textbox', { name: 'Pairing code' }).fill(code);
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(
      join.getByText('Choose the folder again: the earlier choice has expired.'),
    ).toBeVisible();
    await join.getByRole('button', { name: 'Change…' }).click();
    await expect(join.getByText('Choose the folder again')).toHaveCount(0);
    await join.getByRole('textbox', { name: 'Pairing code' }).fill(code);
    await join.getByLabel('Vault password').fill(PASSWORD);
    await join.getByRole('textbox', { name: 'Pairing code' }).press('Enter');
    await expect(join.getByText('That pairing code is older than 10 minutes.')).toBeVisible();
    expect((await laptop.app.services.sync.status()).phase).toBe('off');

    // With a sync password set on the first computer: a wrong one, then the right one.
    await pairing.getByRole('button', { name: 'Done' }).click();
    await section.getByRole('button', { name: 'Set a sync password…' }).click();
    await section.getByLabel('Sync password', { exact: true }).fill('the sync password 1');
    await section.getByLabel('Type the sync password again').fill('the sync password 1');
    await section.getByLabel('Vault password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Set sync password' }).click();
    await expect(page.getByText('The sync password is set.')).toBeVisible();

    await join.getByRole('radio', { name: 'Sync password' }).check();
    await join.locator('input[name="sync-password"]').fill('the sync password 2');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(join.getByText('The sync password is not right.')).toBeVisible();
    await expect(join.locator('input[name="sync-password"]')).toBeFocused();
    await join.locator('input[name="sync-password"]').fill('the sync password 1');
    await join.getByLabel("This computer's name").fill('Laptop');
    await join.getByLabel('Vault password').fill(PASSWORD);
    await laptop.page.keyboard.press('Enter');
    await expect(laptop.page.getByText('This computer joined the sync.')).toBeVisible();
    await expect(other.getByRole('list', { name: 'Computers in this sync' })).toContainText(
      'Desktop',
    );
  } finally {
    await laptop.close();
  }
});

test.describe('with the clock standing still', () => {
  test.use({
    harness: {
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS.slice(0, 3) },
      frozenTime: true,
    },
  });

  test('the pairing screen counts down, says when the code expired and shows a new one', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const folder = await newSyncFolder();
    const section = await startSyncInWindow(page, app, folder, 'Desktop');
    await section.getByRole('button', { name: 'Add a computer…' }).click();
    const pairing = page.getByRole('dialog', { name: 'Add a computer' });
    const first = (await pairing.locator('.sync-code').getAttribute('data-code'))!;
    await expect(pairing.getByText('Valid for 10:00')).toBeVisible();
    await app.advance(61_000);
    await expect(pairing.getByText('Valid for 8:59')).toBeVisible();

    await app.advance(PAIRING_CODE_TTL_MS);
    await expect(pairing.getByRole('alert')).toHaveText('This code has expired.');
    await expect(pairing.getByRole('img', { name: 'The pairing code as a QR code' })).toHaveCount(
      0,
    );
    await expect(pairing.getByRole('button', { name: 'Withdraw the code' })).toHaveCount(0);
    // Copy went with the code: the keyboard is on Show a new code.
    const again = pairing.getByRole('button', { name: 'Show a new code' });
    await expect(again).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(pairing.getByRole('button', { name: 'Copy code' })).toBeFocused();
    const second = (await pairing.locator('.sync-code').getAttribute('data-code'))!;
    expect(second).toMatch(CODE_SHAPE);
    expect(second).not.toBe(first);
    await expect(pairing.getByText('Valid for 10:00')).toBeVisible();

    // Withdraw ends it at once; Settings no longer shows a code as valid.
    await expect(section.getByText(/^A pairing code is valid until/)).toHaveCount(1);
    await pairing.getByRole('button', { name: 'Withdraw the code' }).click();
    await expect(pairing).toBeHidden();
    await expect(page.getByText('The pairing code was withdrawn.')).toBeVisible();
    await expect(section.getByText(/^A pairing code is valid until/)).toHaveCount(0);
    expect((await app.services.sync.status()).pairing).toBeNull();
  });
});
