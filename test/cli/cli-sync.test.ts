// `authdesk sync …` spawned as a user runs it: two vaults (two computers) and one real sync folder.
// start, pair, join with the code or the sync password, now (what came from where), status (text and
// JSON), the sync password, remove and stop; each failure with its message and exit code, and nothing lost.
import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAIRING_CODE_TTL_MS, SYNC_PASSWORD_MIN_LENGTH, type SyncStatus } from '../../shared/sync';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import {
  makeTempDir,
  openUnlocked,
  removeTempDir,
  sampleInput,
  TINY_KDF,
} from '../harness/vault-fixtures';

const PASSWORD = 'vault password for sync tests';
const SYNC_PASSWORD = 'a sync password of some length';
let dir: string;
let count = 0;
let folder: string;

async function makeVault(tag: string): Promise<string> {
  const file = path.join(dir, `vault-${count++}.json`);
  const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  await vault.addMany([sampleInput(tag)]);
  vault.lock();
  return file;
}

/** One command on `vault`; standard input: the vault password, then `more` lines. */
const cli = (vault: string, args: string[], more: string[] = []) =>
  runCli(['--vault', vault, '--password-stdin', '--no-agent', ...args], {
    stdin: [PASSWORD, ...more].map((line) => `${line}\n`).join(''),
  });

async function issuers(vault: string): Promise<string[]> {
  const opened = await openUnlocked(vault, PASSWORD);
  const list = opened.list().map((a) => a.issuer);
  opened.lock();
  return list.sort();
}

async function status(vault: string): Promise<SyncStatus> {
  const result = await cli(vault, ['sync', 'status', '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SyncStatus;
}

/** Desktop started in the folder, Laptop joined with Desktop's pairing code. */
async function pairUp(): Promise<[desktop: string, laptop: string]> {
  const desktop = await makeVault('Desktop');
  const laptop = await makeVault('Laptop');
  const started = await cli(desktop, ['sync', 'start', folder, '--device-name', 'Desktop']);
  expect(started.status, started.stderr).toBe(0);
  const pair = await cli(desktop, ['sync', 'pair']);
  expect(pair.status, pair.stderr).toBe(0);
  const code = pair.stdout.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  expect(pair.stderr).toContain(`authdesk sync join FOLDER --code ${code}`);
  const joined = await cli(laptop, [
    'sync',
    'join',
    folder,
    '--code',
    code.toLowerCase(),
    '--device-name',
    'Laptop',
  ]);
  expect(joined.status, joined.stderr).toBe(0);
  expect(joined.stdout).toContain(`Joined the sync in ${folder} as "Laptop".`);
  return [desktop, laptop];
}

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(() => removeTempDir(dir));
beforeEach(async () => {
  folder = path.join(dir, `Sync-${count++}`);
  await mkdir(folder);
});

describe('authdesk sync status and sync now', () => {
  it('says sync is off, as text and as JSON; sync now then fails with exit 23', async () => {
    const vault = await makeVault('Alone');
    const text = await cli(vault, ['sync']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Sync is off on this device.');
    expect((await status(vault)).phase).toBe('off');
    const now = await cli(vault, ['sync', 'now']);
    expect(now.status).toBe(23);
    expect(now.stderr).toMatch(/^authdesk: .*not set up/m);
  });

  it('carries accounts both ways and says how many came from which device', async () => {
    const [desktop, laptop] = await pairUp();
    // Laptop's first round (the join) took Desktop's account in and published its own.
    expect(await issuers(laptop)).toEqual(['IssuerDesktop', 'IssuerLaptop']);
    const back = await cli(desktop, ['sync', 'now']);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toBe('Synced with 1 other device: 1 account updated from Laptop.\n');
    expect(await issuers(desktop)).toEqual(['IssuerDesktop', 'IssuerLaptop']);
    const again = await cli(desktop, ['sync', 'now']);
    expect(again.stdout).toBe('Synced with 1 other device: nothing new.\n');

    // An account added by another command between rounds travels with the next one.
    const added = await cli(laptop, [
      'add',
      '--secret',
      'JBSWY3DPEHPK3PXP',
      '--issuer',
      'GitHub',
      '--label',
      'ann',
    ]);
    expect(added.status, added.stderr).toBe(0);
    expect((await cli(laptop, ['sync', 'now'])).status).toBe(0);
    const taken = await cli(desktop, ['sync', 'now']);
    expect(taken.stdout).toContain('1 account updated from Laptop');
    expect(await issuers(desktop)).toEqual(['GitHub', 'IssuerDesktop', 'IssuerLaptop']);

    const shown = await status(desktop);
    expect(shown).toMatchObject({ phase: 'idle', folder, device: { name: 'Desktop' } });
    expect(shown.devices.map((d) => [d.name, d.thisDevice])).toEqual([
      ['Desktop', true],
      ['Laptop', false],
    ]);
    const text = await cli(desktop, ['sync', 'status']);
    expect(text.stdout).toContain(`Folder: ${folder}`);
    expect(text.stdout).toMatch(
      /^Desktop \(this device\) +[0-9a-f]{32} +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m,
    );
    expect(text.stdout).toMatch(/^Laptop +[0-9a-f]{32} +\d{4}-/m);
  });

  it('says the folder cannot be reached (exit 24), keeps the change, and sends it once it is back', async () => {
    const [desktop, laptop] = await pairUp();
    await rename(folder, `${folder}-away`);
    const added = await cli(desktop, [
      'add',
      '--secret',
      'JBSWY3DPEHPK3PXP',
      '--issuer',
      'Offline',
      '--label',
      'x',
    ]);
    expect(added.status).toBe(0);
    const away = await cli(desktop, ['sync', 'now']);
    expect(away.status).toBe(24);
    expect(away.stderr).toMatch(/^authdesk: /);
    expect(away.stderr).toContain(folder);
    await rename(`${folder}-away`, folder);
    expect((await cli(desktop, ['sync', 'now'])).status).toBe(0);
    expect((await cli(laptop, ['sync', 'now'])).stdout).toContain('updated from Desktop');
    expect(await issuers(laptop)).toContain('Offline');
  });
});

describe('authdesk sync start, join, remove and stop', () => {
  it('refuses a wrong pairing code (exit 25) and a folder that holds a sync to start in', async () => {
    const desktop = await makeVault('Desktop');
    const laptop = await makeVault('Laptop');
    expect((await cli(desktop, ['sync', 'start', folder])).status).toBe(0);
    expect((await cli(desktop, ['sync', 'pair'])).status).toBe(0);
    const wrong = await cli(laptop, ['sync', 'join', folder, '--code', '0000-0000-0000-0000-0000']);
    expect(wrong.status).toBe(25);
    expect(wrong.stderr).toMatch(/^authdesk: /);
    expect((await status(laptop)).phase).toBe('off');
    expect(await issuers(laptop)).toEqual(['IssuerLaptop']);
    const taken = await cli(laptop, ['sync', 'start', folder]);
    expect(taken.status).toBe(25);
    expect((await status(laptop)).phase).toBe('off');
    // Neither or both ways of joining is a usage error, before any password is asked.
    const neither = await cli(laptop, ['sync', 'join', folder]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('--code CODE');
  });

  it('joins with the sync password (a wrong one is exit 3)', async () => {
    const desktop = await makeVault('Desktop');
    const laptop = await makeVault('Laptop');
    const started = await cli(
      desktop,
      ['sync', 'start', folder, '--sync-password'],
      [SYNC_PASSWORD],
    );
    expect(started.status, started.stderr).toBe(0);
    expect(started.stdout).toContain('or with the sync password');
    expect((await status(desktop)).joinByPassword).toBe(true);
    const wrong = await cli(
      laptop,
      ['sync', 'join', folder, '--sync-password'],
      ['not the sync password'],
    );
    expect(wrong.status).toBe(3);
    const joined = await cli(laptop, ['sync', 'join', folder, '--sync-password'], [SYNC_PASSWORD]);
    expect(joined.status, joined.stderr).toBe(0);
    expect(await issuers(laptop)).toEqual(['IssuerDesktop', 'IssuerLaptop']);

    // Removed: a third computer can no longer join with it. A short one is refused before.
    expect((await cli(desktop, ['sync', 'password'], ['short'])).status).toBe(3);
    expect((await status(desktop)).joinByPassword).toBe(true);
    const removed = await cli(desktop, ['sync', 'password', '--remove']);
    expect(removed.status, removed.stderr).toBe(0);
    expect((await status(desktop)).joinByPassword).toBe(false);
    const third = await makeVault('Third');
    const refused = await cli(third, ['sync', 'join', folder, '--sync-password'], [SYNC_PASSWORD]);
    expect(refused.status).toBe(25);
    expect((await status(third)).phase).toBe('off');
  });

  it('removes a device by name (an unknown one is exit 4), and stops with --yes only', async () => {
    const [desktop] = await pairUp();
    // Desktop learns of Laptop in its next round.
    expect((await cli(desktop, ['sync', 'now'])).status).toBe(0);
    const unknown = await cli(desktop, ['sync', 'remove', 'Toaster', '--yes']);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toContain('Laptop (');
    const asked = await cli(desktop, ['sync', 'remove', 'laptop']);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain('--yes');
    const removed = await cli(desktop, ['sync', 'remove', 'laptop', '--yes']);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('Removed "Laptop"');
    expect((await status(desktop)).devices.map((d) => d.name)).toEqual(['Desktop']);

    const id = (await status(desktop)).device!.id;
    expect((await readdir(folder)).some((name) => name.startsWith(`${id}.`))).toBe(true);
    expect((await cli(desktop, ['sync', 'stop'])).status).toBe(2);
    const stopped = await cli(desktop, ['sync', 'stop', '--yes']);
    expect(stopped.status, stopped.stderr).toBe(0);
    expect((await status(desktop)).phase).toBe('off');
    expect(await issuers(desktop)).toContain('IssuerLaptop');
    // Its files left the folder, but for the key rotation the removed device's successors may need.
    const left = (await readdir(folder)).filter((name) => name.startsWith(`${id}.`));
    expect(left.filter((name) => !name.endsWith('.keys'))).toEqual([]);
  });

  it('documents the subcommands and their exit codes in --help', async () => {
    const help = await runCli(['sync', '--help']);
    expect(help.status).toBe(0);
    for (const sub of ['status', 'now', 'start', 'join', 'pair', 'remove', 'password', 'stop'])
      expect(help.stdout).toMatch(new RegExp(`^  ${sub} `, 'm'));
    const now = await runCli(['sync', 'now', '--help']);
    for (const code of ['23', '24', '26'])
      expect(now.stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
    // The limits as shared/sync.ts has them.
    const start = await runCli(['sync', 'start', '--help']);
    expect(start.stdout).toContain(`at least ${SYNC_PASSWORD_MIN_LENGTH} characters`);
    const join = await runCli(['sync', 'join', '--help']);
    expect(join.stdout.replace(/\s+/g, ' ')).toContain(
      `valid ${PAIRING_CODE_TTL_MS / 60_000} minutes`,
    );
    expect(join.stdout).toMatch(/^ {2}--code CODE /m);
    expect(join.stdout).toMatch(/^ {2}--sync-password /m);
    expect(join.stdout).toMatch(/^ {2}25 /m);
  });
});
