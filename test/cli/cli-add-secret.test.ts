// `authdesk add` without the key on the command line: asked at the terminal without echo, or read
// from standard input with --secret-stdin (the vault password then asked on the terminal), and the
// combinations that cannot work refused before anything is read or asked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO, runCli, type CliResult } from '../harness/cli';
import { hasScript, runOnPty } from '../harness/pty';
import { atTestCost } from '../harness/vault-fixtures';

const BIN = path.join(REPO, 'bin', 'authdesk.js');
const PASSWORD = 'typed at the terminal 2';
const KEY = 'JBSW Y3DP EHPK 3PXP';
/** Another account's key, piped in (the same key twice would be refused as a duplicate). */
const PIPED_KEY = 'gezd gnbv gy3t qojq';
let dir: string;
let vault: string;

const listed = async () =>
  JSON.parse(
    (
      await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], {
        stdin: `${PASSWORD}\n`,
      })
    ).stdout,
  ) as { issuer: string; label: string }[];

/** The command with no controlling terminal at all (setsid), as under cron or a CI runner. */
const withoutTerminal = (args: string[], stdin: string): Promise<CliResult> =>
  runCli(args, { stdin, noTerminal: true });

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-add-secret-'));
  vault = path.join(dir, 'vault.json');
  const init = await runCli(['--vault', vault, '--password-stdin', 'init'], {
    stdin: `${PASSWORD}\n`,
  });
  expect(init.status).toBe(0);
  // Most tests list the vault afterwards: each run unlocks it.
  await atTestCost(vault, PASSWORD);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('authdesk add --secret-stdin refuses what cannot work, before reading or asking anything', () => {
  const add = (extra: string[], stdin: string) =>
    runCli(['--vault', vault, 'add', '--issuer', 'Refused', '--label', 'x', ...extra], { stdin });

  it.each([
    ['--secret', ['--secret-stdin', '--secret', 'JBSWY3DPEHPK3PXP'], `${KEY}\n`, '--secret'],
    ['a KEY argument', ['--secret-stdin', 'JBSWY3DPEHPK3PXP'], `${KEY}\n`, 'a URI or KEY argument'],
    [
      '--password-stdin',
      ['--secret-stdin', '--password-stdin'],
      `${KEY}\n${PASSWORD}\n`,
      '--password-stdin',
    ],
  ])('with %s: exit 2, and nothing added', async (_, extra, stdin, named) => {
    const result = await add(extra, stdin);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--secret-stdin cannot be combined with ${named}`);
    expect(await listed()).toEqual([]);
  });

  it('with empty standard input (or only blank lines): exit 2, saying so', async () => {
    for (const stdin of ['', '\n  \n']) {
      const result = await add(['--secret-stdin'], stdin);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        'Standard input is empty: --secret-stdin reads the secret key',
      );
    }
    expect(await listed()).toEqual([]);
  });

  it('with more than one line: exit 2, and nothing added', async () => {
    const result = await add(['--secret-stdin'], `${KEY}\nJBSWY3DPEHPK3PXQ\n`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('holds 2 lines');
    expect(await listed()).toEqual([]);
  });

  it('with no terminal to ask the vault password on: exit 2, saying why', async () => {
    const result = await withoutTerminal(
      ['--vault', vault, 'add', '--secret-stdin', '--issuer', 'Refused', '--label', 'x'],
      `${KEY}\n`,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('There is no terminal to ask for the vault password');
    expect(await listed()).toEqual([]);
  });
});

describe('authdesk add with no key anywhere and no terminal', () => {
  it('exits 2 and points to the prompt and --secret-stdin', async () => {
    const result = await runCli(
      ['--vault', vault, '--password-stdin', 'add', '--issuer', 'X', '--label', 'y'],
      { stdin: `${PASSWORD}\n` },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--secret-stdin');
    expect(result.stderr).toContain('asks for it without showing it');
  });
});

describe.skipIf(!hasScript)(
  'authdesk add at a terminal (util-linux script provides the pty)',
  () => {
    it('asks "Secret key:" without echoing it, then the vault password, and adds the account', async () => {
      const { status, screen } = await runOnPty(
        [process.execPath, BIN, '--vault', vault, 'add', '--issuer', 'GitHub', '--label', 'alice'],
        [
          { expect: 'Secret key: ', type: `${KEY}\r` },
          { expect: 'Vault password: ', type: `${PASSWORD}\r` },
        ],
      );
      expect(status).toBe(0);
      expect(screen).toContain('Added "GitHub (alice)"');
      expect(screen).not.toContain('JBSW');
      expect(screen).not.toContain(PASSWORD);
      expect(await listed()).toContainEqual(
        expect.objectContaining({ issuer: 'GitHub', label: 'alice' }),
      );
    });

    it('--secret-stdin with the terminal as standard input: exit 2, pointing to the prompt (typing there would echo)', async () => {
      const { status, screen } = await runOnPty(
        [
          process.execPath,
          BIN,
          '--vault',
          vault,
          'add',
          '--secret-stdin',
          '--issuer',
          'T',
          '--label',
          't',
        ],
        [],
      );
      expect(status).toBe(2);
      expect(screen).toContain('not from the terminal');
    });

    it('--secret-stdin reads the key from a pipe and asks the vault password on the terminal', async () => {
      const command =
        `printf '%s\\n' '${PIPED_KEY}' | ` +
        [
          process.execPath,
          BIN,
          '--vault',
          vault,
          'add',
          '--secret-stdin',
          '--issuer',
          'AWS',
          '--label',
          'root',
        ]
          .map((word) => `'${word}'`)
          .join(' ');
      const { status, screen } = await runOnPty(
        ['sh', '-c', command],
        [{ expect: 'Vault password: ', type: `${PASSWORD}\r` }],
      );
      expect(status, screen).toBe(0);
      expect(screen).toContain('Added "AWS (root)"');
      expect(screen).toMatch(/MFA code 1: \d{6}/);
      expect(screen).not.toContain(PASSWORD);
      expect(await listed()).toContainEqual(
        expect.objectContaining({ issuer: 'AWS', label: 'root' }),
      );
    });
  },
);
