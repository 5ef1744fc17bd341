// A reader that goes away before the command is done (`authdesk list | head -1`): the command ends
// quietly with exit 0, as `ls` and `git` do, instead of a stack trace about EPIPE. The test closes its
// end of the pipe before the command writes anything, so every write meets a closed pipe.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, REPO } from '../harness/cli';
import {
  FAST_KDF,
  PASSWORD,
  makeTempDir,
  removeTempDir,
  sampleInput,
} from '../harness/vault-fixtures';

const BIN = path.join(REPO, 'bin', 'authdesk.js');
let dir: string;
let vault: string;

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
  vault = path.join(dir, 'vault.json');
  const created = await Vault.create(vault, PASSWORD, { kdf: FAST_KDF });
  await created.addMany(
    Array.from({ length: 40 }, (_, i) =>
      sampleInput(i, { issuer: `Service ${i}`, label: 'alice' }),
    ),
  );
  created.lock();
});

afterAll(() => removeTempDir(dir));

/** Runs the command with its standard output's reader gone, and the password on standard input. */
function withOutputClosed(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, '--vault', vault, '--password-stdin', '--no-agent', ...args],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
    child.stdin.end(`${PASSWORD}\n`);
  });
}

describe('a closed standard output', () => {
  it.each([
    [['list']],
    [['list', '--json']],
    [['code', 'Service 7']],
    [['--help']],
    [['aws', '--help']],
    [['--version']],
  ])('authdesk %j ends quietly with exit 0', async (args) => {
    const result = await withOutputClosed(args);
    expect(result).toEqual({ status: 0, stderr: '' });
  });

  it('keeps the exit code of a command that failed', async () => {
    const result = await withOutputClosed(['code', 'nothing like it']);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('No account matches "nothing like it"');
  });
});
