// The authdesk command asks the running, unlocked app instead of the vault password: the real built
// command (bin/authdesk.js, a separate process) against the harness app, which serves the agent
// channel for real on a socket in its temp folder. The app's native question is TestChoices here:
// the test reads it and answers it as the user would.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { assertBuilt } from '../harness/cli';
import { connectAgent } from '../../electron/agent/client';
import type { ClientInfo } from '../../electron/agent/protocol';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot, unlock } from './support';

const BIN = path.resolve(import.meta.dirname, '..', '..', 'bin', 'authdesk.js');

interface Run {
  pid: number;
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

/** `authdesk ARGS` as the user types it, pointed at the harness app's vault and socket. */
function authdesk(app: AppHarness, args: string[], stdin = ''): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      AUTHDESK_VAULT: app.vaultPath,
      AUTHDESK_AGENT_SOCKET: app.agentSocket,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin);
  return {
    pid: child.pid!,
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    }),
  };
}

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
  await section.screenshot({ path: shot('agent/settings-command-line-en-light') });

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

for (const [language, theme] of [
  ['en', 'dark'],
  ['ja', 'light'],
] as const) {
  test.describe(`the row in ${language}, ${theme}`, () => {
    test.use({
      colorScheme: theme,
      harness: { now: CALM_START, vault: { password: PASSWORD }, settings: { language, theme } },
    });

    test('is drawn for the screenshots', async ({ page, app }) => {
      await unlock(page);
      await page.getByRole('button', { name: language === 'ja' ? '設定' : 'Settings' }).click();
      const section = page.locator('section[aria-labelledby="settings-command-line"]');
      await section.scrollIntoViewIfNeeded();
      await expect(section.getByRole('status')).toContainText(app.agentSocket);
      await section.screenshot({ path: shot(`agent/settings-command-line-${language}-${theme}`) });
    });
  });
}

test.describe('the real authdesk command', () => {
  test.beforeAll(() => assertBuilt());

  test('with the window unlocked, `authdesk code` prints the code the window shows, without a password, after Once', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const account = github(app);
    const shown = await shownCode(page, account.id);
    expect(shown).toBe(totpCode(account, app.clock.now()));

    const run = authdesk(app, ['code', 'GitHub']);
    const question = await app.choices.next();
    // Who asks: the command's pid, its parent program (this test's Node process) and its terminal.
    expect(question.message).toContain(`pid ${run.pid}, `);
    expect(question.message).toMatch(/, (from \S+|parent pid \d+), (terminal \S+|no terminal)\)/);
    expect(question.message).toContain('`authdesk code`');
    expect(question.buttons).toEqual(['Once', 'For 10 minutes', 'Until locked', 'Deny']);
    expect(question.buttons[question.cancelId]).toBe('Deny');
    app.choices.answer('Once');
    const result = await run.done;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(shown);

    // Once means once: the next command is asked again.
    const again = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    app.choices.answer('Deny');
    expect((await again.done).status).toBe(12);
    expect(app.choices.asked).toHaveLength(2);
  });

  test('For 10 minutes: the next command from the same shell is not asked again; locking the window ends it', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const account = github(app);
    const first = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    app.choices.answer('For 10 minutes');
    expect((await first.done).status).toBe(0);

    const second = await authdesk(app, ['code', 'GitHub']).done;
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe(totpCode(account, app.clock.now()));
    expect(app.choices.asked).toHaveLength(1);

    // Locked: the command asks for the password (here on standard input), and the app asks nothing.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.locator('input[name="password"]')).toBeVisible();
    const before = Date.now();
    const locked = await authdesk(app, ['code', 'GitHub', '--password-stdin'], `${PASSWORD}\n`)
      .done;
    const after = Date.now();
    expect(locked.status).toBe(0);
    // Computed by the command itself, on this computer's (real) clock.
    expect([totpCode(account, before), totpCode(account, after)]).toContain(locked.stdout.trim());
    expect(app.choices.asked).toHaveLength(1);

    // Unlocked again: the approval ended with the lock, so the app asks again.
    await unlock(page);
    const unlocked = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    expect(app.choices.asked).toHaveLength(2);
    app.choices.answer('Once');
    expect((await unlocked.done).status).toBe(0);
  });

  test('locking the window while the question is open closes it; the command gets no code', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const run = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => app.choices.pending()).toBeNull();
    const result = await run.done;
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
  });

  test('Deny: the command exits 12 with the app’s refusal and prints no code', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const run = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    app.choices.answer('Deny');
    const result = await run.done;
    expect(result.status).toBe(12);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/denied/i);
  });

  test('Settings › Command line: turned off, the app stops answering and the command asks the password; on again, it answers', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const access = settings.getByRole('switch', {
      name: 'Let the authdesk command use the unlocked app',
    });
    const status = settings.locator(
      'section[aria-labelledby="settings-command-line"] [role="status"]',
    );
    await expect(access).toBeChecked();
    await expect(status).toHaveText(`Listening at ${app.agentSocket}`);

    await access.click();
    await expect(access).not.toBeChecked();
    await expect(status).toHaveText('Off: the command asks for the vault password.');
    expect(app.services.settings.get().commandLineAccess).toBe(false);
    // No password on standard input: the password path fails; the app was never asked.
    const off = await authdesk(app, ['code', 'GitHub', '--password-stdin']).done;
    expect(off.status).not.toBe(0);
    expect(app.choices.asked).toHaveLength(0);
    // With it, the command computes the code itself, on this computer's (real) clock.
    const before = Date.now();
    const withPassword = await authdesk(
      app,
      ['code', 'GitHub', '--password-stdin'],
      `${PASSWORD}\n`,
    ).done;
    const after = Date.now();
    expect(withPassword.status).toBe(0);
    expect([totpCode(github(app), before), totpCode(github(app), after)]).toContain(
      withPassword.stdout.trim(),
    );

    await access.click();
    await expect(status).toHaveText(`Listening at ${app.agentSocket}`);
    const on = authdesk(app, ['code', 'GitHub']);
    await app.choices.next();
    app.choices.answer('Once');
    expect((await on.done).status).toBe(0);
  });
});
