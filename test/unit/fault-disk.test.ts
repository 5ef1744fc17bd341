// Full disks and read-only folders: a vault save, an automatic backup and a backup export fail with
// IO_ERROR, leave the old files whole and the unlocked vault working, and succeed once space returns.
// On a real 256 KiB tmpfs where the machine lets us mount one; and always, with ENOSPC and EACCES
// injected at every single file call a save makes.
import { execFileSync } from 'node:child_process';
import * as realFs from 'node:fs/promises';
import { mkdir, mkdtemp, open, readFile, readdir, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account';
import { codesAt } from '../../shared/otp';
import type { BackupStatus } from '../../shared/transfer';
import { AutoBackup, isAutoBackupName } from '../../electron/use-cases/auto-backup';
import {
  decodeBackup,
  encodeBackup,
  newBackupKey,
  writeBackupFile,
  type BackupKey,
} from '../../electron/transfer/backup-file';
import type { DurableFs } from '../../electron/vault/durable-write';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import {
  PASSWORD,
  TINY_KDF,
  makeTempDir,
  openUnlocked,
  removeTempDir,
  sampleInput,
} from '../harness/vault-fixtures';

const BACKUP_PASSWORD = 'backup password';
const TMPFS_SIZE = '256k';
const PAGE = 4096;

// ---------------------------------------------------------------------------------------------
// The real file system: a tmpfs of 256 KiB, mounted for this file and unmounted whatever happens.

async function mountTmpfs(): Promise<{ dir: string } | { skip: string }> {
  if (process.platform !== 'linux') return { skip: 'tmpfs is a Linux file system' };
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
    return { dir };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    return { skip: `mount -t tmpfs was refused (${stderr || String(error)})` };
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' }); // something still open: detach it
  }
}

const tmpfs = await mountTmpfs();
const mounted = 'dir' in tmpfs ? tmpfs.dir : null;
if (!mounted)
  console.log(`fault-disk: the real tmpfs variant is skipped: ${'skip' in tmpfs && tmpfs.skip}`);
// afterAll runs even when tests fail; the exit hook covers a worker that is torn down instead.
const unmountOnExit = () => mounted && unmount(mounted);
if (mounted) process.once('exit', unmountOnExit);
afterAll(async () => {
  if (!mounted) return;
  process.off('exit', unmountOnExit);
  unmount(mounted);
  await rm(mounted, { recursive: true, force: true });
});

function remount(mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, mounted!], { stdio: 'pipe' });
}

/** Fills the tmpfs to the last page, then frees `pagesLeft` pages again. */
async function fillDisk(pagesLeft = 0): Promise<void> {
  const filler = path.join(mounted!, 'filler');
  const handle = await open(filler, 'a');
  try {
    for (;;) await handle.write(Buffer.alloc(PAGE, 0x55));
  } catch (error) {
    expect((error as { code?: string }).code).toBe('ENOSPC');
  } finally {
    await handle.close();
  }
  const { size } = await realFs.stat(filler);
  if (pagesLeft > 0) await realFs.truncate(filler, Math.max(0, size - pagesLeft * PAGE));
}

const freeDisk = () => rm(path.join(mounted!, 'filler'), { force: true });

// ---------------------------------------------------------------------------------------------
// What every failed save must leave as it was.

const TEMP = /\.tmp$/;
const readOrNull = (file: string) => readFile(file).catch(() => null);

/** The app keeps working while the disk is full: accounts read, codes compute. */
function expectWorking(vault: Vault, accounts: Account[]): void {
  expect(vault.isUnlocked).toBe(true);
  expect(vault.list()).toEqual(accounts);
  const now = Date.now();
  for (const account of accounts) {
    expect(vault.get(account.id)).toEqual(account);
    expect(codesAt(vault.get(account.id), now).current).toMatch(/^[0-9A-Z]{5,8}$/);
  }
}

async function expectSaveFailsCleanly(
  vault: Vault,
  save: () => Promise<unknown>,
  message: RegExp,
): Promise<void> {
  const file = vault.path;
  const before = {
    file: await readFile(file),
    bak: await readOrNull(`${file}.bak`),
    accounts: vault.list(),
    revision: vault.revision,
  };
  await expect(save()).rejects.toMatchObject({ code: 'IO_ERROR', message });
  expect(await readFile(file)).toEqual(before.file);
  // .bak is the previous generation, or already the current file if the failure came after it moved.
  expect([before.bak, before.file]).toContainEqual(await readOrNull(`${file}.bak`));
  // No temp file and no lock left behind: the next save (or another process) is not held up.
  const left = await readdir(path.dirname(file));
  expect(left.filter((n) => TEMP.test(n) || n.includes('.lock'))).toEqual([]);
  expect(vault.revision).toBe(before.revision);
  expectWorking(vault, before.accounts);
  // The next start sees the old vault, whole.
  const reopened = await openUnlocked(file);
  expect(reopened.list()).toEqual(before.accounts);
  reopened.lock();
}

async function backupNames(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

function autoBackupOf(
  vault: Vault,
  folder: string,
  time: ManualTime,
  statuses: BackupStatus[],
  fs?: DurableFs,
): AutoBackup {
  return new AutoBackup({
    clock: time,
    timers: time,
    folder: () => folder,
    keep: () => 10,
    source: () => (vault.isUnlocked ? { ...vault.contents(), key: vault.backupKey() } : undefined),
    appVersion: '0.0.0-fault',
    onStatus: (status) => statuses.push(status),
    ...(fs && { fs: { ...fs, stat: realFs.stat, readdir: realFs.readdir } }),
  });
}

async function issuersIn(backupFile: string): Promise<string[]> {
  const contents = await decodeBackup(await readFile(backupFile), BACKUP_PASSWORD);
  return contents.accounts.map((a) => a.issuer).sort();
}

const meta = () => ({ appVersion: '0.0.0-fault', now: new Date() });

// A vault off the tmpfs, for the backup scenarios (its own saves are not what is tested there).
let home: string;
let homeVault: Vault;
let backupKey: BackupKey;
beforeEach(async () => {
  home = await makeTempDir();
  homeVault = await Vault.create(path.join(home, 'vault.json'), PASSWORD, { kdf: TINY_KDF });
  await homeVault.addMany([1, 2, 3].map((n) => sampleInput(n)));
  backupKey = await newBackupKey(BACKUP_PASSWORD, TINY_KDF);
  await homeVault.setBackupKey(backupKey);
});
afterEach(() => removeTempDir(home));

// ---------------------------------------------------------------------------------------------

describe.runIf(mounted !== null)(`on a real ${TMPFS_SIZE} tmpfs`, () => {
  let root: string;
  beforeEach(async () => {
    root = path.join(mounted!, 'case');
    await mkdir(root);
  });
  afterEach(async () => {
    remount('rw');
    await freeDisk();
    await rm(root, { recursive: true, force: true });
  });

  /** A vault on the tmpfs with `count` accounts (about 300 bytes each), saved twice so it has a .bak. */
  async function vaultOnTmpfs(count: number): Promise<Vault> {
    const vault = await Vault.create(path.join(root, 'vault.json'), PASSWORD, {
      kdf: TINY_KDF,
    });
    await vault.addMany(Array.from({ length: count }, (_, n) => sampleInput(`tmpfs-${n}`)));
    await vault.add(sampleInput('tmpfs-last'));
    return vault;
  }

  it.each([
    ['completely full', 0],
    ['full but for one page (the new file starts, then runs out)', 1],
  ])(
    'vault save on a %s disk: IO_ERROR about disk space, old file and .bak intact, app works; saves again once space is freed',
    async (_name, pagesLeft) => {
      const vault = await vaultOnTmpfs(20);
      expect((await realFs.stat(vault.path)).size).toBeGreaterThan(pagesLeft * PAGE);
      await fillDisk(pagesLeft);
      await expectSaveFailsCleanly(
        vault,
        () => vault.add(sampleInput('no room')),
        /^Not enough disk space to save the vault in /,
      );
      await freeDisk();
      await vault.add(sampleInput('room again'));
      const reopened = await openUnlocked(vault.path);
      expect(reopened.list().map((a) => a.issuer)).toContain('Issuerroom again');
    },
  );

  it('vault save in a read-only mount: IO_ERROR naming the read-only disk, nothing changed, app works; saves again once writable', async () => {
    const vault = await vaultOnTmpfs(3);
    remount('ro');
    await expectSaveFailsCleanly(vault, () => vault.add(sampleInput('ro')), /read-only disk/);
    remount('rw');
    await vault.add(sampleInput('rw'));
    expect((await openUnlocked(vault.path)).revision).toBe(vault.revision);
  });

  it.each([
    ['full', /^Not enough disk space to save the backup in /],
    ['read-only', /read-only disk/],
  ])(
    'automatic backup into a %s folder: status.error IO_ERROR, older backups intact; the next run after recovery succeeds and clears it',
    async (kind, message) => {
      const time = new ManualTime(Date.parse('2026-11-29T09:00:00.000Z'));
      const statuses: BackupStatus[] = [];
      const backups = autoBackupOf(homeVault, root, time, statuses);
      expect((await backups.runNow()).error).toBeNull();
      const [old] = await backupNames(root);
      const oldBytes = await readFile(path.join(root, old!));

      if (kind === 'full') await fillDisk();
      else remount('ro');
      await homeVault.add(sampleInput('after the first backup'));
      time.advance(1_000);
      const failed = await backups.runNow();
      expect(failed.error).toMatchObject({ code: 'IO_ERROR', message });
      expect(failed.last?.path).toBe(path.join(root, old!));
      expect(statuses.at(-1)).toEqual(failed);
      expect(await backupNames(root)).toEqual([old]);
      expect(await readFile(path.join(root, old!))).toEqual(oldBytes);
      expectWorking(homeVault, homeVault.list());

      if (kind === 'full') await freeDisk();
      else remount('rw');
      time.advance(1_000);
      const recovered = await backups.runNow();
      expect(recovered.error).toBeNull();
      const names = await backupNames(root);
      expect(names.filter(isAutoBackupName)).toHaveLength(2);
      expect(names.filter((n) => TEMP.test(n))).toEqual([]);
      expect(await issuersIn(recovered.last!.path)).toContain('Issuerafter the first backup');
      await backups.settled();
    },
  );

  it.each([
    ['full', /^Not enough disk space to save the backup in /],
    ['read-only', /read-only disk/],
  ])(
    'backup export over an older one on a %s disk: IO_ERROR, the older file stays whole and opens; written once space returns',
    async (kind, message) => {
      const target = path.join(root, 'export.authdesk');
      await writeBackupFile(target, encodeBackup(homeVault.contents(), backupKey, meta()));
      const oldBytes = await readFile(target);
      await homeVault.add(sampleInput('exported later'));
      const text = encodeBackup(homeVault.contents(), backupKey, meta());

      if (kind === 'full') await fillDisk();
      else remount('ro');
      await expect(writeBackupFile(target, text)).rejects.toMatchObject({
        code: 'IO_ERROR',
        message,
      });
      expect(await readFile(target)).toEqual(oldBytes);
      expect(await issuersIn(target)).not.toContain('Issuerexported later');
      expect((await readdir(root)).filter((n) => TEMP.test(n))).toEqual([]);

      if (kind === 'full') await freeDisk();
      else remount('rw');
      await writeBackupFile(target, text);
      expect(await issuersIn(target)).toContain('Issuerexported later');
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Injected: the k-th file call of a save fails, for every k, with ENOSPC and with EACCES.

const MESSAGES: Record<string, (what: string) => RegExp> = {
  ENOSPC: (what) => new RegExp(`^Not enough disk space to save the ${what} in `),
  EACCES: (what) => new RegExp(`^No permission to write in .*, so the ${what} cannot be saved\\.$`),
};
const CODES = Object.keys(MESSAGES);

/**
 * The real file calls, counted (fs calls and the calls on the handles they open); while armed, the
 * `failAt`-th call throws `code` instead of running. A failed close still closes the file.
 */
function countingFs() {
  const calls: string[] = [];
  let failAt = 0;
  let code = '';
  let failed: string | null = null;
  const step = (call: string) => {
    calls.push(call);
    if (calls.length === failAt) {
      failed = call;
      throw Object.assign(new Error(`${code}: injected, ${call}`), { code });
    }
  };
  const name = (p: unknown) => path.basename(String(p));
  const wrapHandle = (handle: FileHandle, p: string): FileHandle =>
    Object.assign(Object.create(handle) as FileHandle, {
      writeFile: async (...args: Parameters<FileHandle['writeFile']>) => {
        step(`writeFile ${name(p)}`);
        return handle.writeFile(...args);
      },
      sync: async () => {
        step(`sync ${name(p)}`);
        return handle.sync();
      },
      close: async () => {
        try {
          step(`close ${name(p)}`);
        } finally {
          await handle.close();
        }
      },
    });
  const fs: DurableFs = {
    open: (async (p: string, flags?: string, mode?: number) => {
      step(`open ${name(p)}`);
      return wrapHandle(await realFs.open(p, flags, mode), p);
    }) as DurableFs['open'],
    rename: async (a, b) => {
      step(`rename ${name(a)} ${name(b)}`);
      return realFs.rename(a, b);
    },
    link: async (a, b) => {
      step(`link ${name(a)} ${name(b)}`);
      return realFs.link(a, b);
    },
    unlink: async (p) => {
      step(`unlink ${name(p)}`);
      return realFs.unlink(p);
    },
    copyFile: (async (a: string, b: string, mode?: number) => {
      step(`copyFile ${name(a)} ${name(b)}`);
      return realFs.copyFile(a, b, mode);
    }) as DurableFs['copyFile'],
  };
  return {
    fs,
    /** Counts from zero again; the next save's `at`-th call fails with `errno` (0: none fails). */
    arm(at: number, errno = '') {
      calls.length = 0;
      failAt = at;
      code = errno;
      failed = null;
    },
    calls,
    failed: () => failed,
  };
}

/** The calls of one save as they happen; the index of the rename that puts the new file in place. */
function plan(calls: string[], file: string): { count: number; commit: number } {
  const commit = calls.indexOf(`rename ${file}.tmp ${file}`) + 1;
  expect(commit, calls.join('\n')).toBeGreaterThan(0);
  return { count: calls.length, commit };
}

describe('with the failure injected at every file call of a save', () => {
  it(`vault save: each of its calls failing with ${CODES.join(' or ')} is IO_ERROR; before the rename nothing changed, after it the save landed and is reported; the app works and saves again`, async () => {
    const counting = countingFs();
    const file = path.join(home, 'vault.json');
    const vault = await openUnlocked(file, PASSWORD, { fs: counting.fs });
    counting.arm(0);
    await vault.add(sampleInput('dry run'));
    const { count, commit } = plan(counting.calls, 'vault.json');
    let cases = 0;
    for (let at = 1; at <= count; at++) {
      for (const code of CODES) {
        const tag = `${code} at ${at}`;
        counting.arm(at, code);
        const message = MESSAGES[code]!('vault');
        if (at < commit || at === commit) {
          await expectSaveFailsCleanly(vault, () => vault.add(sampleInput(tag)), message);
          expect(counting.failed(), tag).not.toBeNull();
          counting.arm(0);
          await vault.add(sampleInput(tag));
        } else {
          // The documented exception: only the folder sync after the rename failed. The file is
          // new and complete; memory stays as it was until the vault notices the newer file.
          const accounts = vault.list();
          await expect(vault.add(sampleInput(tag)), tag).rejects.toMatchObject({
            code: 'IO_ERROR',
            message,
          });
          expectWorking(vault, accounts);
          expect(counting.failed(), tag).not.toBeNull();
          counting.arm(0);
          expect(await vault.refresh(), tag).toBe(true);
        }
        expect(
          vault.list().map((a) => a.issuer),
          tag,
        ).toContain(`Issuer${tag}`);
        cases++;
      }
    }
    const reopened = await openUnlocked(file);
    expect(reopened.list()).toEqual(vault.list());
    expect((await readdir(home)).filter((n) => TEMP.test(n))).toEqual([]);
    console.log(
      `fault-disk: vault save, ${count} file calls × ${CODES.length} codes = ${cases} failed saves, each clean`,
    );
  });

  it(`automatic backup: each of its calls failing with ${CODES.join(' or ')} is status.error IO_ERROR; no partial file; the next run succeeds`, async () => {
    const counting = countingFs();
    const folder = path.join(home, 'backups');
    await mkdir(folder);
    const time = new ManualTime(Date.parse('2026-11-29T09:00:00.000Z'));
    const statuses: BackupStatus[] = [];
    const backups = autoBackupOf(homeVault, folder, time, statuses, counting.fs);
    counting.arm(0);
    await backups.runNow();
    const name = path.basename((await backupNames(folder))[0]!);
    const { count, commit } = plan(counting.calls, name);
    let cases = 0;
    for (let at = 1; at <= count; at++) {
      for (const code of CODES) {
        const tag = `${code} at ${at}`;
        await homeVault.add(sampleInput(tag));
        time.advance(1_000);
        const before = await backupNames(folder);
        counting.arm(at, code);
        const failed = await backups.runNow();
        expect(failed.error, tag).toMatchObject({
          code: 'IO_ERROR',
          message: MESSAGES[code]!('backup'),
        });
        const after = await backupNames(folder);
        expect(
          after.filter((n) => TEMP.test(n)),
          tag,
        ).toEqual([]);
        // Before the rename no new file; after it, the new file is complete (only its folder sync failed).
        expect(after.length - before.length, tag).toBe(at <= commit ? 0 : 1);
        counting.arm(0);
        time.advance(1_000);
        const recovered = await backups.runNow();
        expect(recovered.error, tag).toBeNull();
        expect(await issuersIn(recovered.last!.path), tag).toContain(`Issuer${tag}`);
        cases++;
      }
    }
    await backups.settled();
    console.log(
      `fault-disk: automatic backup, ${count} file calls × ${CODES.length} codes = ${cases} failed backups, each reported and recovered`,
    );
  });

  it(`backup export: each of its calls failing with ${CODES.join(' or ')} is IO_ERROR and leaves the older export whole`, async () => {
    const counting = countingFs();
    const target = path.join(home, 'export.authdesk');
    counting.arm(0);
    await writeBackupFile(target, encodeBackup(homeVault.contents(), backupKey, meta()), {
      fs: counting.fs,
    });
    const { count, commit } = plan(counting.calls, 'export.authdesk');
    let cases = 0;
    for (let at = 1; at <= count; at++) {
      for (const code of CODES) {
        const tag = `${code} at ${at}`;
        const old = await readFile(target);
        await homeVault.add(sampleInput(tag));
        const text = encodeBackup(homeVault.contents(), backupKey, meta());
        counting.arm(at, code);
        await expect(writeBackupFile(target, text, { fs: counting.fs }), tag).rejects.toMatchObject(
          { code: 'IO_ERROR', message: MESSAGES[code]!('backup') },
        );
        expect(
          (await readdir(home)).filter((n) => TEMP.test(n)),
          tag,
        ).toEqual([]);
        if (at <= commit) expect(await readFile(target), tag).toEqual(old);
        else expect(await readFile(target, 'utf8'), tag).toBe(text);
        await decodeBackup(await readFile(target), BACKUP_PASSWORD); // whole, either way
        counting.arm(0);
        await writeBackupFile(target, text, { fs: counting.fs });
        expect(await issuersIn(target), tag).toContain(`Issuer${tag}`);
        cases++;
      }
    }
    console.log(
      `fault-disk: backup export, ${count} file calls × ${CODES.length} codes = ${cases} failed exports, the older file whole each time`,
    );
  });
});
