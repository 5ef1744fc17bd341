// The authdesk command at a real terminal: passwords are asked without echo, removal asks first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO } from '../harness/cli';
import { hasScript, runOnPty } from '../harness/pty';

const BIN = path.join(REPO, 'bin', 'authdesk.js');
const PASSWORD = 'typed at the terminal 1';
let dir: string;
let vault: string;
const authdesk = (...args: string[]) => [process.execPath, BIN, '--vault', vault, ...args];

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-pty-'));
  vault = path.join(dir, 'vault.json');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!hasScript)('authdesk at a terminal (util-linux script provides the pty)', () => {
  it('asks for the new password twice without echoing it', async () => {
    const { status, screen } = await runOnPty(authdesk('init'), [
      { expect: 'New vault password: ', type: `${PASSWORD}\r` },
      { expect: 'New vault password (again): ', type: `${PASSWORD}\r` },
    ]);
    expect(status).toBe(0);
    expect(screen).toContain('Created an encrypted vault');
    expect(screen).not.toContain(PASSWORD);
  });

  it('refuses two different new passwords and changes nothing', async () => {
    const other = path.join(dir, 'other.json');
    const { status, screen } = await runOnPty(
      [process.execPath, BIN, '--vault', other, 'init'],
      [
        { expect: 'New vault password: ', type: 'first password 123\r' },
        { expect: '(again): ', type: 'second password 456\r' },
      ],
    );
    expect(status).toBe(3);
    expect(screen).toContain('do not match');
  });

  it('prompts for the vault password, hides it, and prints the code', async () => {
    const add = await runOnPty(
      authdesk('add', '--secret', 'JBSWY3DPEHPK3PXP', '--issuer', 'AWS', '--label', 'root'),
      [{ expect: 'Vault password: ', type: `${PASSWORD}\r` }],
    );
    expect(add.status).toBe(0);
    const code = await runOnPty(authdesk('code', 'aws'), [
      { expect: 'Vault password: ', type: `${PASSWORD}\r` },
    ]);
    expect(code.status).toBe(0);
    expect(code.screen).toMatch(/\r?\n\d{6}\r?\n/);
    expect(code.screen).not.toContain(PASSWORD);
  });

  it('asks before removing and keeps the account when the answer is no', async () => {
    const kept = await runOnPty(authdesk('remove', 'aws'), [
      { expect: 'Vault password: ', type: `${PASSWORD}\r` },
      { expect: '[y/N] ', type: 'n\r' },
    ]);
    expect(kept.status).toBe(0);
    expect(kept.screen).toContain('Nothing was removed.');
    const removed = await runOnPty(authdesk('remove', 'aws'), [
      { expect: 'Vault password: ', type: `${PASSWORD}\r` },
      { expect: '[y/N] ', type: 'y\r' },
    ]);
    expect(removed.screen).toContain('Removed "AWS (root)"');
  });

  it('stops cleanly on Ctrl+C at the password prompt', async () => {
    const { status, screen } = await runOnPty(authdesk('list'), [
      { expect: 'Vault password: ', type: '\u0003' },
    ]);
    expect(status).toBe(130);
    expect(screen).toContain('Cancelled');
  });
});
