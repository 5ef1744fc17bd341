// Ctrl+C (SIGINT) while `authdesk import` derives an encrypted file's key: the command ends at once
// with the signal, prints no stack, and writes nothing (no vault change, no temporary file, no lock).
// When to interrupt is judged by the process's CPU time, not the clock: the first slot's scrypt
// costs seconds of CPU, far beyond what starting up and unlocking the vault cost.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, REPO } from '../harness/cli';
import { aegisDb, aegisEncryptedFile, SAMPLE_ACCOUNTS } from '../harness/import-samples';
import { makeTempDir, removeTempDir, TINY_KDF } from '../harness/vault-fixtures';

const BIN = path.join(REPO, 'bin', 'authdesk.js');
const VAULT_PASSWORD = 'vault password for interrupt tests';
const FILE_PASSWORD = 'aegis password';

let dir: string;

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(() => removeTempDir(dir));

/** CPU time (user + system) the process has used so far, in ms; null once it is gone. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (CLK_TCK 100)
  } catch {
    return null;
  }
}

/**
 * Runs `authdesk import file --yes`, sends SIGINT once it has used `interruptAtCpuMs` of CPU (never,
 * when null), and reports how it ended and the most CPU it was seen to use.
 */
function runImport(vault: string, file: string, interruptAtCpuMs: number | null) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string; cpu: number }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [BIN, '--vault', vault, '--password-stdin', 'import', file, '--yes'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stderr = '';
      let cpu = 0;
      let sent = false;
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout.resume();
      const poll = setInterval(() => {
        cpu = Math.max(cpu, cpuMs(child.pid!) ?? 0);
        if (!sent && interruptAtCpuMs !== null && cpu >= interruptAtCpuMs) {
          sent = true;
          child.kill('SIGINT');
        }
      }, 5);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearInterval(poll);
        resolve({ code, signal, stderr, cpu });
      });
      child.stdin.end(`${VAULT_PASSWORD}\n${FILE_PASSWORD}\n`);
    },
  );
}

/** An Aegis export whose second slot the password opens; the first costs `first` to try. */
async function aegisFile(name: string, first: { n: number; r: number; p: number } | null) {
  const bytes = aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS.slice(0, 2)), 'phone password', {
    morePasswords: [FILE_PASSWORD],
  });
  const json = JSON.parse(Buffer.from(bytes).toString()) as { header: { slots: object[] } };
  if (first) Object.assign(json.header.slots[0]!, first);
  await writeFile(path.join(dir, name), JSON.stringify(json));
  return path.join(dir, name);
}

it('SIGINT during the key derivation of an encrypted import exits at once and writes nothing', async () => {
  const vaultPath = path.join(dir, 'vault.json');
  (await Vault.create(vaultPath, VAULT_PASSWORD, { kdf: TINY_KDF })).lock();

  // What starting, unlocking and a cheap import cost in CPU: the reference to interrupt after.
  const referenceVault = path.join(dir, 'reference-vault.json');
  (await Vault.create(referenceVault, VAULT_PASSWORD, { kdf: TINY_KDF })).lock();
  const cheap = await runImport(referenceVault, await aegisFile('cheap.json', null), null);
  expect(cheap.code, cheap.stderr).toBe(0);
  const reference = cheap.cpu;

  // The first slot at N=2^16, r=8, p=16 (allowed for Aegis; sum within twice the costliest):
  // seconds of CPU, during which the interrupt comes.
  const slow = await aegisFile('slow.json', { n: 2 ** 16, r: 8, p: 16 });
  const before = { bytes: await readFile(vaultPath), files: (await readdir(dir)).sort() };
  const result = await runImport(vaultPath, slow, reference + 500);
  expect(result.signal ?? result.code).toSatisfy(
    (end: string | number | null) => end === 'SIGINT' || end === 130,
  );
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(await readFile(vaultPath)).toEqual(before.bytes);
  expect((await readdir(dir)).sort()).toEqual(before.files);

  // Uninterrupted, the same import does write: the interrupt is what kept the vault as it was.
  const done = await runImport(vaultPath, slow, null);
  expect(done.code, done.stderr).toBe(0);
  expect(await readFile(vaultPath)).not.toEqual(before.bytes);
});
