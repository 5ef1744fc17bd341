// Electron end to end: start the real app, unlock, see a code, copy it. Runs only where the
// Electron binary is installed; elsewhere every test is skipped and the reason is printed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { codesAt } from '../../shared/otp';
import { Vault } from '../../electron/vault/vault';
import { findElectron, thisMachine, whyMissing } from '../../scripts/electron-binary';
import { runCli } from '../harness/cli';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'electron end to end';
const ACCOUNT = {
  issuer: 'Amazon Web Services',
  label: 'root@123456789012',
  type: 'totp' as const,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};

// The binary the electron package would run (ELECTRON_OVERRIDE_DIST_PATH honoured), as `npm start` finds it.
const electronBinary = findElectron(thisMachine(path.join(REPO, 'node_modules', 'electron')));
const binary = electronBinary.present ? electronBinary.path : undefined;
const SKIP_REASON =
  `${whyMissing(electronBinary, process.env)}. To run these tests, set ELECTRON_OVERRIDE_DIST_PATH ` +
  'to an Electron 45 build, or run `npm start` once where Electron can be downloaded';
if (!binary) console.log(`Electron end-to-end tests skipped: ${SKIP_REASON}`);

test.describe('the Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  let dir: string;
  let app: ElectronApplication;

  test.beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authdesk-electron-'));
    const vault = await Vault.create(path.join(dir, 'vault.json'), PASSWORD, {
      kdf: { N: 2 ** 14 },
    });
    await vault.add(ACCOUNT);
    vault.lock();
    app = await electron.launch({
      executablePath: binary,
      args: [REPO, '--no-sandbox', '--vault', path.join(dir, 'vault.json')],
      // Settings go to a throwaway folder, not the developer's own.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: dir,
        AUTHDESK_VAULT: path.join(dir, 'vault.json'),
        // The command-line channel in the test's folder, not the user's runtime folder.
        AUTHDESK_AGENT_SOCKET: path.join(dir, 'agent.sock'),
      },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('starts hardened, unlocks, shows the right code and copies it', async () => {
    const window = await app.firstWindow();
    // No Node in the page, and only the contract on window.authdesk.
    const page = await window.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.keys((g.authdesk as object) ?? {}).sort(),
      };
    });
    expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
    // Served from app://authdesk/ (electron/system/app-protocol.ts), not file://: the page reaches no
    // file of the machine, and the handler refuses a path out of the renderer folder.
    expect(window.url()).toBe('app://authdesk/index.html');
    const reach = await window.evaluate(async () => {
      const attempt = async (url: string) => {
        try {
          return (await fetch(url)).status;
        } catch {
          return 'refused';
        }
      };
      return {
        file: await attempt('file:///etc/hostname'),
        outside: await attempt('app://authdesk/..%2f..%2fpackage.json'),
        own: await attempt('app://authdesk/index.html'),
      };
    });
    expect(reach).toEqual({ file: 'refused', outside: 404, own: 200 });

    await window.locator('input[name="password"]').fill(PASSWORD);
    await window.keyboard.press('Enter');
    const row = window.locator('.row-main').first();
    await expect(row).toContainText('Amazon Web Services');
    const digits = async () =>
      ((await row.locator('.code-current').textContent()) ?? '').replace(/\D/g, '');
    const now = Date.now();
    expect([codesAt(ACCOUNT, now).current, codesAt(ACCOUNT, now + 1000).current]).toContain(
      await digits(),
    );

    await row.click();
    const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(copied).toMatch(/^\d{6}$/);
    expect([
      codesAt(ACCOUNT, Date.now()).current,
      codesAt(ACCOUNT, Date.now() - 2000).current,
    ]).toContain(copied);
  });

  test('answers the authdesk command once unlocked, after the native question (answered Once)', async () => {
    const window = await app.firstWindow();
    await window.locator('input[name="password"]').fill(PASSWORD);
    await window.keyboard.press('Enter');
    await expect(window.locator('.row-main').first()).toContainText('Amazon Web Services');
    // The native message box cannot be clicked from here: answer it as the user would, with the
    // first button (Once), and keep what it showed.
    await app.evaluate(({ dialog }) => {
      const g = globalThis as { agentQuestions?: unknown[] };
      g.agentQuestions = [];
      dialog.showMessageBox = (async (...args: unknown[]) => {
        g.agentQuestions!.push(args.at(-1));
        return { response: 0, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
    });
    const result = await runCli(['code', 'Amazon'], {
      env: {
        AUTHDESK_VAULT: path.join(dir, 'vault.json'),
        AUTHDESK_AGENT_SOCKET: path.join(dir, 'agent.sock'),
      },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const now = Date.now();
    expect([codesAt(ACCOUNT, now).current, codesAt(ACCOUNT, now - 2000).current]).toContain(
      result.stdout.trim(),
    );
    const questions = await app.evaluate(
      () => (globalThis as { agentQuestions?: { buttons: string[] }[] }).agentQuestions ?? [],
    );
    expect(questions).toHaveLength(1);
    expect(questions[0]!.buttons[0]).toBe('Once');
  });
});
