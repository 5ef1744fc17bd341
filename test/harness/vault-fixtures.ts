// Shared pieces of the vault tests: temp folders, sample accounts, cheap KDF costs, spawned writers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { AccountInput } from '../../shared/account';
import type { DurableFs } from '../../electron/vault/durable-write';
import { Vault, type VaultOptions } from '../../electron/vault/vault';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const WRITER = path.join(REPO, 'test', 'harness', 'vault-writer.ts');
export const PASSWORD = 'correct horse battery staple';

/** scrypt costs far below the default, so tests that unlock often stay fast. */
export const FAST_KDF = { N: 2 ** 14 } as const;
export const TINY_KDF = { N: 2 ** 10 } as const;

/** Opens the vault at `file` and unlocks it, as a second process (or the next start) would. */
export async function openUnlocked(
  file: string,
  password = PASSWORD,
  options: VaultOptions = {},
): Promise<Vault> {
  const vault = await Vault.open(file, options);
  await vault.unlock(password);
  return vault;
}

/**
 * Re-wraps the password slot of the vault at `file` (one `authdesk init` made, at the default scrypt
 * cost) at TINY_KDF, same password, for a test file that then runs the command on it many times:
 * each run unlocks it, and at the default cost that alone is ~0.4 s of CPU. The default cost stays
 * proven where it is the subject (vault-kdf.test.ts) and by command tests that keep it (cli-readme,
 * doors' Steam test).
 */
export async function atTestCost(file: string, password = PASSWORD): Promise<void> {
  const vault = await openUnlocked(file, password);
  await vault.changePassword(password, password, { kdf: TINY_KDF });
  vault.lock();
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'authdesk-vault-'));
}

/** A new temp folder and the path of a vault file in it (not created yet). */
export async function tempVaultFile(): Promise<{ dir: string; file: string }> {
  const dir = await makeTempDir();
  return { dir, file: path.join(dir, 'vault.json') };
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * The real file calls, except that writing a file whose path `when` accepts fails with `code`
 * (ENOSPC, EACCES, …) while `when` says so; the file itself is created, as on a full disk.
 */
export function failingWrites(code: string, when: (path: string) => boolean): DurableFs {
  return {
    ...fs,
    open: (async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (!when(String(args[0]))) return handle;
      return Object.assign(Object.create(handle), {
        writeFile: async () => {
          throw Object.assign(new Error(`${code}: simulated failure, write`), { code });
        },
        close: () => handle.close(),
      });
    }) as DurableFs['open'],
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5)
    out += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** A distinct, recognisable account per tag: secret, issuer and label all derive from it. */
export function sampleInput(
  tag: string | number,
  overrides: Partial<AccountInput> = {},
): AccountInput {
  const secret = base32(createHash('sha256').update(`secret-${tag}`).digest().subarray(0, 20));
  return {
    issuer: `Issuer${tag}`,
    label: `user${tag}@example.com`,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret,
    ...overrides,
  };
}

export interface Spawned {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the exit code (or signal) once the process has ended and been reaped. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when a stdout line matches. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  stderr(): string;
}

let writerBundle: string | undefined;

/**
 * vault-writer.ts bundled once per test process: `node --import tsx` costs ~0.45 s of CPU per
 * spawn (tsx, then transforming every source), the bundle ~0.08 s, and the SIGKILL loops spawn dozens.
 * Its folder is world-readable: writers may run as another user.
 */
function writerScript(): string {
  if (writerBundle) return writerBundle;
  const folder = mkdtempSync(path.join(tmpdir(), 'authdesk-writer-'));
  chmodSync(folder, 0o755);
  const outfile = path.join(folder, 'vault-writer.mjs');
  buildSync({
    entryPoints: [WRITER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    // proper-lockfile is CommonJS and requires node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return (writerBundle = outfile);
}

/** Runs test/harness/vault-writer.ts (bundled) with `args` in a child Node process. */
export function spawnWriter(args: string[], options: { uid?: number; gid?: number } = {}): Spawned {
  const child = spawn(process.execPath, [writerScript(), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  const lines: string[] = [];
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let buffered = '';
  let errors = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => errors,
    waitForLine(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(() =>
          reject(new Error(`writer exited before the expected line; stderr: ${errors}`)),
        );
      });
    },
  };
}
