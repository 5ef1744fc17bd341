// The authdesk command asks the running, unlocked app instead of the vault password: the real built
// command (bin/authdesk.js, a separate process) against the harness app, which serves the agent
// channel for real on a socket in its temp folder. The app's native question is TestChoices here:
// the test reads it and answers it as the user would.
import { existsSync } from 'node:fs';
import { symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { connectAgent } from '../../electron/agent/client';
import type { ClientInfo } from '../../electron/agent/protocol';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot, unlock } from './support';

const github = (app: AppHarness) => {
  const account = app.services.vault.list().find((a) => a.issuer === 'GitHub');
  if (!account) throw new Error('no GitHub account');
  return account;
};

/** The code the window shows for `account` now. */
const shownCode = (page: Page, id: string) =>
  page.locator(`[data-row-id="${id}"] .code-current`).getAttribute('data-code');

/** Who the protocol-level tests say they are: this process, as the command would report itself. */
const clientInfo = (app: AppHarness): ClientInfo => ({
  pid: process.pid,
  ppid: process.ppid,
  parent: 'test',
  tty: null,
  command: 'code',
  vault: app.vaultPath,
});

test.use({
  harness: {
    now: CALM_START,
    frozenTime: true,
    vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
  },
});

test('the harness app serves the channel: hello says whether the window is unlocked; a code needs the question answered', async ({
  page,
  app,
}) => {
  const locked = await connectAgent(app.agentSocket, { timeoutMs: 5000 });
  expect(locked).not.toBeNull();
  expect(await locked!.request({ op: 'hello', client: clientInfo(app) })).toMatchObject({
    unlocked: false,
    sameVault: true,
  });
  locked!.close();

  await unlock(page);
  const client = (await connectAgent(app.agentSocket, { timeoutMs: 5000 }))!;
  expect(await client.request({ op: 'hello', client: clientInfo(app) })).toMatchObject({
    unlocked: true,
  });
  const answer = client.request({ op: 'code', query: 'GitHub', which: 'current' });
  expect((await app.choices.next()).message).toContain('from test, no terminal');
  app.choices.answer('Once');
  const account = github(app);
  const shown = await shownCode(page, account.id);
  expect(shown).toBe(totpCode(account, app.clock.now()));
  expect(await answer).toMatchObject({ account: { id: account.id }, code: shown });
  client.close();
});

async function openCommandLineSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.locator('section[aria-labelledby="settings-command-line"]');
  await section.scrollIntoViewIfNeeded();
  return {
    settings,
    section,
    access: settings.getByRole('switch', {
      name: 'Let the authdesk command use the unlocked app',
    }),
    status: section.getByRole('status'),
  };
}

test('Settings › Command line: on by default and listening; off closes the socket; a link planted at its path is refused and shown', async ({
  page,
  app,
}) => {
  await unlock(page);
  const { section, access, status } = await openCommandLineSettings(page);
  await expect(section.getByRole('heading', { name: 'Command line' })).toBeVisible();
  await expect(access).toBeChecked();
  await expect(access).toHaveAccessibleDescription(/ask it instead of the vault password/);
  await expect(status).toHaveText(`Listening at ${app.agentSocket}`);
  await section.screenshot({ path: shot('agent/settings-command-line-en') });

  // Keyboard: Space on the focused switch turns it off.
  await access.focus();
  await page.keyboard.press('Space');
  await expect(access).not.toBeChecked();
  await expect(status).toHaveText('Off: the command asks for the vault password.');
  expect(app.services.settings.get().commandLineAccess).toBe(false);
  expect(await connectAgent(app.agentSocket, { timeoutMs: 5000 })).toBeNull();
  expect(existsSync(app.agentSocket)).toBe(false);

  // Someone plants a link where the socket goes: the app refuses it and says why.
  await symlink(path.join(app.dir, 'elsewhere.sock'), app.agentSocket);
  await access.click();
  await expect(access).toBeChecked();
  await expect(status).toContainText(`Not listening at ${app.agentSocket}`);
  await expect(status).toContainText(
    "The command-line channel's folder or socket belongs to another user or is a link, so Authdesk did not use it. The command asks for the vault password.",
  );
  expect(app.services.agentLifecycle.status()).toMatchObject({
    state: 'failed',
    error: { code: 'AGENT_SOCKET_UNSAFE' },
  });
  await section.screenshot({ path: shot('agent/settings-command-line-failed-en') });

  // Gone again: off and on tries again, and serves.
  await unlink(app.agentSocket);
  await access.click();
  await access.click();
  await expect(status).toHaveText(`Listening at ${app.agentSocket}`);
  expect(await connectAgent(app.agentSocket, { timeoutMs: 5000 })).not.toBeNull();
});

test.describe('in Japanese, dark', () => {
  test.use({
    colorScheme: 'dark',
    harness: {
      now: CALM_START,
      vault: { password: PASSWORD },
      settings: { language: 'ja', theme: 'dark' },
    },
  });

  test('names the row and the status in Japanese', async ({ page, app }) => {
    await unlock(page);
    await page.getByRole('button', { name: '設定' }).click();
    const settings = page.getByRole('dialog', { name: '設定' });
    const section = settings.locator('section[aria-labelledby="settings-command-line"]');
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('heading', { name: 'コマンドライン' })).toBeVisible();
    await expect(
      settings.getByRole('switch', { name: 'authdesk コマンドにロック解除中のアプリを使わせる' }),
    ).toBeChecked();
    await expect(section.getByRole('status')).toHaveText(`待ち受け中: ${app.agentSocket}`);
    await section.screenshot({ path: shot('agent/settings-command-line-ja-dark') });
  });
});
