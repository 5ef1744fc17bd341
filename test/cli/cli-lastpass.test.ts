// LastPass Authenticator's transfer QR code (lpaauth-migration://) through the built CLI, as a user
// meets it: `authdesk scan` names its accounts, `scan --add` and `add '<link>'` add them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../harness/cli';

const PASSWORD = 'lastpass test password';
const packed = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');

/** A one-code LastPass transfer, as its published decoders describe it. */
const LINK = `lpaauth-migration://offline?data=${encodeURIComponent(
  packed({
    batchId: 'B1F2C3D4-0000-0000-0000-000000000000',
    batchSize: 1,
    version: 3,
    batchIndex: 0,
    content: packed({
      dS: '',
      dId: '',
      a: [
        { s: 'JBSWY3DPEHPK3PXP', a: 'SHA1', d: 6, tS: 30, iN: 'GitHub', uN: 'alice', iF: false },
        { s: 'MFRGGZDFMZTWQ2LK', a: 'SHA256', d: 8, tS: 60, iN: 'Bank', uN: 'carol', iF: true },
      ],
      f: [
        { iO: true, i: 1, n: 'Favorites' },
        { iO: true, i: 0, n: 'Other Accounts' },
      ],
    }),
  }),
)}`;

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-lastpass-'));
  await writeFile(file('lastpass.png'), await QRCode.toBuffer(LINK, { scale: 4 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function newVault(name: string): Promise<string> {
  const vault = file(name);
  const init = await runCli(['--vault', vault, '--password-stdin', 'init'], {
    stdin: `${PASSWORD}\n`,
  });
  expect(init.status, init.stderr).toBe(0);
  return vault;
}

async function listed(vault: string): Promise<Record<string, unknown>[]> {
  const list = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], {
    stdin: `${PASSWORD}\n`,
  });
  return JSON.parse(list.stdout) as Record<string, unknown>[];
}

describe('LastPass transfer codes in the terminal', () => {
  it('authdesk scan names the accounts of the code (it said "not a two-step code")', async () => {
    const result = await runCli(['scan', file('lastpass.png')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('GitHub (alice)');
    expect(result.stdout).toContain('Bank (carol)');
    expect(result.stdout).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('scan --add --yes adds them, the favourite pinned', async () => {
    const vault = await newVault('scan.json');
    const added = await runCli(
      ['--vault', vault, '--password-stdin', 'scan', '--add', '--yes', file('lastpass.png')],
      { stdin: `${PASSWORD}\n` },
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added 2 account(s).');
    const accounts = await listed(vault);
    expect(accounts.map((a) => [a.issuer, a.label, a.digits, a.period, a.pinned ?? false])).toEqual(
      [
        ['GitHub', 'alice', 6, 30, false],
        ['Bank', 'carol', 8, 60, true],
      ],
    );
  });

  it("add '<link>' adds them too", async () => {
    const vault = await newVault('add.json');
    const added = await runCli(['--vault', vault, '--password-stdin', 'add', LINK], {
      stdin: `${PASSWORD}\n`,
    });
    expect(added.status, added.stderr).toBe(0);
    expect((await listed(vault)).map((a) => a.label)).toEqual(['alice', 'carol']);
  });

  it('add --help names the LastPass link among those add takes', async () => {
    const help = await runCli(['add', '--help']);
    expect(help.stdout).toContain('lpaauth-migration://');
  });
});
