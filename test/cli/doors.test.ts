// The bugs the window and the command line drifted into, each proven through both doors: the IPC
// handler table main registers (composeServices) and the spawned `authdesk` command.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/import';
import { createOtpEngine } from '../../shared/otp';
import { composeServices } from '../../electron/composition';
import { dispatch } from '../../electron/ipc/dispatch';
import { QrDecoder } from '../../electron/qr/decoder';
import { resolveVaultPath, vaultFlag } from '../../electron/use-cases/vault-path';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import { ManualTime } from '../harness/manual-timers';
import { qrPng } from '../harness/qr-images';
import { SntpTestServer } from '../harness/sntp-server';
import { testPorts } from '../harness/test-ports';
import { TINY_KDF } from '../harness/vault-fixtures';

const PASSWORD = 'doors test password';
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** QR codes that are not usable setup codes; none of their secrets may be printed or sent. */
const NOT_CODES = {
  notes:
    'Office notes: the guest Wi-Fi password is hunter2-hunter2-hunter2, ask Ann for the rest of it please.',
  wifi: 'WIFI:S:office;T:WPA;P:supersecretwifipassword;;',
  web: 'https://ann:webpassword@example.com/login',
  nineDigits: `otpauth://totp/Example:ann?secret=${KEY}&issuer=Example&digits=9`,
  bareKey: KEY,
};
const NEVER_SHOWN = ['hunter2', 'supersecretwifipassword', 'webpassword', 'secret=', KEY];
/** No base32 run longer than 16 characters (a secret key) may be printed. */
const LONG_BASE32 = /[A-Z2-7]{17,}/;

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-doors-'));
  for (const [name, text] of Object.entries(NOT_CODES)) {
    await writeFile(file(`${name}.png`), await qrPng(text));
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function expectNoSecret(text: string): void {
  for (const secret of NEVER_SHOWN) expect(text).not.toContain(secret);
  expect(text).not.toMatch(LONG_BASE32);
}

describe('a QR code that is not a usable setup code', () => {
  it('the command names its kind and the real parse error, and prints no secret (JSON and text)', async () => {
    const images = Object.keys(NOT_CODES).map((name) => file(`${name}.png`));
    const json = await runCli(['scan', '--json', ...images]);
    expect(json.status).toBe(10);
    expectNoSecret(json.stdout + json.stderr);
    const byFile = json.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { payloads: { error: { message: string }; detail?: string }[] },
      );
    const [notes, wifi, web, nine, bare] = byFile.map((r) => r.payloads[0]!);
    expect(notes!.detail).toBeUndefined();
    expect(wifi!.detail).toBe('WIFI:…');
    expect(web!.detail).toBe('https://example.com/login');
    expect(nine!.error.message).toMatch(/9.*digits/);
    expect(nine!.error.message).not.toMatch(/not a two-step/);
    expect(bare!.detail).toBeUndefined();

    const human = await runCli(['scan', ...images]);
    expect(human.status).toBe(10);
    expectNoSecret(human.stdout + human.stderr);
    expect(human.stdout).toMatch(/9.*digits/);
  });

  it('the command prints the text only with --show-secrets', async () => {
    const shown = await runCli(['scan', '--json', '--show-secrets', file('wifi.png')]);
    expect(shown.stdout).toContain('supersecretwifipassword');
  });

  it('the window gets the same problems, with no secret in the preview', async () => {
    const time = new ManualTime(Date.UTC(2026, 0, 1));
    const decoder = new QrDecoder();
    const services = composeServices(
      testPorts({
        vaultPath: file('window-vault.json'),
        clock: time,
        timers: time,
        decoder,
        kdf: TINY_KDF,
      }),
    );
    try {
      await services.handlers.createVault({ password: PASSWORD });
      const images = await Promise.all(
        Object.entries(NOT_CODES).map(async ([name, text]) => ({
          name: `${name}.png`,
          base64: Buffer.from(await qrPng(text)).toString('base64'),
        })),
      );
      const result = await dispatch(services.handlers, 'importImages', { images });
      expect(result.ok).toBe(true);
      const preview = (result as { value: ImportPreview }).value;
      expectNoSecret(JSON.stringify(preview));
      expect(preview.items).toEqual([]);
      const bySource = new Map(preview.problems.map((p) => [p.source, p]));
      expect(bySource.get('wifi.png')?.detail).toBe('WIFI:…');
      expect(bySource.get('web.png')?.detail).toBe('https://example.com/login');
      expect(bySource.get('nineDigits.png')?.message).toMatch(/9.*digits/);
    } finally {
      services.vault.lock();
      await decoder.close();
    }
  });
});

describe('the vault path', () => {
  const home = '/home/ann';
  const fallback = '/data/Authdesk/vault.json';
  const resolveApp = (argv: string[], env: Record<string, string> = {}) =>
    resolveVaultPath({
      flag: vaultFlag(argv),
      env,
      home,
      cwd: '/work',
      platform: 'linux',
      fallback,
    });

  it("the app's command line takes --vault PATH, --vault=PATH and ~, like the command", () => {
    expect(resolveApp(['.', '--vault', '~/v.json'])).toBe('/home/ann/v.json');
    expect(resolveApp(['.', '--vault=~/w.json'])).toBe('/home/ann/w.json');
    expect(resolveApp(['.', '--vault=rel.json'])).toBe('/work/rel.json');
    expect(resolveApp(['.', '--no-sandbox'], { AUTHDESK_VAULT: '~/env.json' })).toBe(
      '/home/ann/env.json',
    );
  });

  it('an empty AUTHDESK_VAULT means the default, for the app and the command', async () => {
    expect(resolveApp(['.'], { AUTHDESK_VAULT: '' })).toBe(fallback);
    const xdg = file('xdg-empty');
    const result = await runCli(['list'], {
      env: { AUTHDESK_VAULT: '', XDG_CONFIG_HOME: xdg },
    });
    expect(result.status).toBe(6); // no vault at the default path
    expect(result.stderr).toContain(path.join(xdg, 'Authdesk', 'vault.json'));
  });
});

describe('the clock correction the user turned on in the app', () => {
  let server: SntpTestServer;
  let xdg: string;
  let vault: string;
  const SKEW_MS = 4 * 60_000; // the time server is 4 minutes ahead of this computer (under the 5-minute cap)
  const engine = createOtpEngine();
  const account = {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  } as const;
  /** The codes valid over [from, to]: a run may straddle a step boundary. */
  const codesBetween = (from: number, to: number) =>
    new Set([engine.codesAt(account, from).current, engine.codesAt(account, to).current]);

  beforeEach(async () => {
    server = await SntpTestServer.start({ skewMs: SKEW_MS });
    xdg = await mkdtemp(path.join(dir, 'xdg-'));
    vault = path.join(xdg, 'vault.json');
    // Made here, at the test cost, rather than by `authdesk init` and `add` (cli.test.ts proves
    // those): these tests are about the clock `code` follows, and the default cost's two derivations
    // (plus the one in `code`) cost more than the rest of each test.
    const made = await Vault.create(vault, PASSWORD, { kdf: TINY_KDF });
    await made.add({ ...account, issuer: 'Clock', label: 'ann' });
    made.lock();
  });
  afterEach(() => server.close());

  async function settings(values: Record<string, unknown>): Promise<void> {
    await mkdir(path.join(xdg, 'Authdesk'), { recursive: true });
    await writeFile(
      path.join(xdg, 'Authdesk', 'settings.json'),
      JSON.stringify({ settings: { timeServer: server.server, ...values } }),
    );
  }
  const code = () =>
    runCli(['--vault', vault, '--password-stdin', 'code', 'Clock'], {
      stdin: `${PASSWORD}\n`,
      env: { XDG_CONFIG_HOME: xdg },
    });

  it('`authdesk code` follows the time server when correction is on', async () => {
    await settings({ correctClock: true, clockOffsetAcceptedMs: SKEW_MS });
    const before = Date.now();
    const result = await code();
    const after = Date.now();
    expect(result.status, result.stderr).toBe(0);
    expect(codesBetween(before + SKEW_MS, after + SKEW_MS)).toContain(result.stdout.trim());
    expect(codesBetween(before, after)).not.toContain(result.stdout.trim());
    expect(server.requests.length).toBe(1);
  });

  it("uses this computer's clock, asking no server, when correction is off", async () => {
    await settings({ correctClock: false });
    const before = Date.now();
    const result = await code();
    const after = Date.now();
    expect(codesBetween(before, after)).toContain(result.stdout.trim());
    expect(server.requests.length).toBe(0);
  });

  it("follows no offset over 5 minutes, even an accepted one: says so and uses this computer's clock", async () => {
    server.behaviour = { ...server.behaviour, skewMs: 6 * 60_000 };
    await settings({ correctClock: true, clockOffsetAcceptedMs: 5 * 60_000 });
    const before = Date.now();
    const result = await code();
    const after = Date.now();
    expect(result.status, result.stderr).toBe(0);
    expect(codesBetween(before, after)).toContain(result.stdout.trim());
    expect(result.stderr).toContain('more than the 5 minutes Authdesk corrects');
  });

  it('follows no offset that moved more than 5 s from the one accepted in the app', async () => {
    await settings({ correctClock: true, clockOffsetAcceptedMs: SKEW_MS - 6_000 });
    const before = Date.now();
    const result = await code();
    const after = Date.now();
    expect(result.status, result.stderr).toBe(0);
    expect(codesBetween(before, after)).toContain(result.stdout.trim());
    expect(result.stderr).toContain("Confirm it in Authdesk's settings");
  });

  it("says so, and uses this computer's clock, when the server does not answer", async () => {
    server.behaviour = { reply: () => null };
    await settings({ correctClock: true });
    const before = Date.now();
    const result = await code();
    const after = Date.now();
    expect(result.status, result.stderr).toBe(0);
    expect(codesBetween(before, after)).toContain(result.stdout.trim());
    expect(result.stderr).toContain("follows this computer's clock");
  });
});

describe("Steam's fixed parameters", () => {
  it('`add --type steam` keeps Steam’s algorithm, 5 characters and 30 s whatever the flags say', async () => {
    const vault = file('steam-vault.json');
    await runCli(['--vault', vault, '--password-stdin', 'init'], { stdin: `${PASSWORD}\n` });
    const add = await runCli(
      [
        ...['--vault', vault, '--password-stdin', 'add', '--secret', KEY, '--type', 'steam'],
        ...['--period', '60', '--digits', '8', '--algorithm', 'SHA512', '--issuer', 'Steam'],
        ...['--label', 'ann'],
      ],
      { stdin: `${PASSWORD}\n` },
    );
    expect(add.status, add.stderr).toBe(0);
    const list = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30 }),
    ]);
  });
});
