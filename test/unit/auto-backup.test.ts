// Automatic backups in a real folder: one file per burst of changes, the newest N kept, failures shown and recovered.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../shared/transfer';
import {
  AutoBackup,
  BACKUP_QUIET_MS,
  backupFileName,
  isAutoBackupName,
  type AutoBackupDeps,
} from '../../electron/use-cases/auto-backup';
import { decodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import type { DurableFs } from '../../electron/vault/durable-write';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import {
  PASSWORD,
  TINY_KDF,
  failingWrites,
  makeTempDir,
  removeTempDir,
  sampleInput,
} from '../harness/vault-fixtures';

const BACKUP_PASSWORD = 'backup password';
const START = Date.parse('2026-11-29T21:30:05.123Z');

let dir: string;
let folder: string | null;
let keep: number;
let time: ManualTime;
let vault: Vault;
let statuses: BackupStatus[];
let backups: AutoBackup;

function makeBackups(extra: Partial<AutoBackupDeps> = {}): AutoBackup {
  return new AutoBackup({
    clock: time,
    timers: time,
    folder: () => folder,
    keep: () => keep,
    source: () => (vault.isUnlocked ? { ...vault.contents(), key: vault.backupKey() } : undefined),
    appVersion: '9.8.7',
    onStatus: (status) => statuses.push(status),
    ...extra,
  });
}

beforeEach(async () => {
  dir = await makeTempDir();
  folder = path.join(dir, 'backups');
  await fs.mkdir(folder);
  keep = 10;
  time = new ManualTime(START);
  statuses = [];
  vault = await Vault.create(path.join(dir, 'vault.json'), PASSWORD, { kdf: TINY_KDF });
  await vault.add(sampleInput(1));
  await vault.setBackupKey(await newBackupKey(BACKUP_PASSWORD, TINY_KDF));
  backups = makeBackups();
});
afterEach(async () => {
  await backups.settled();
  await fs.chmod(folder ?? dir, 0o700).catch(() => undefined);
  await removeTempDir(dir);
});

const listFolder = async () => (await fs.readdir(folder!)).sort();
/** Our backup files (not folders) in the backup folder, oldest first. */
const ours = async () =>
  (await fs.readdir(folder!, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isAutoBackupName(entry.name))
    .map((entry) => entry.name)
    .sort();

/** Fires whatever is due after `ms` and waits for the write it started. */
async function pass(ms: number): Promise<void> {
  time.advance(ms);
  await backups.settled();
}

describe('file names', () => {
  it('are authdesk-backup-<UTC stamp with ms>.authdesk, and only those count as ours', () => {
    expect(backupFileName(START)).toBe('authdesk-backup-2026-11-29T21-30-05-123Z.authdesk');
    expect(isAutoBackupName('authdesk-backup-2026-11-29T21-30-05-123Z.authdesk')).toBe(true);
    for (const other of [
      'authdesk-backup-2026-11-29T21-30-05Z.authdesk',
      'authdesk-backup-2026-11-29T21-30-05-123Z.authdesk.tmp',
      'my-authdesk-backup-2026-11-29T21-30-05-123Z.authdesk',
      'authdesk-backup-manual.authdesk',
      'vault.json',
    ]) {
      expect(isAutoBackupName(other), other).toBe(false);
    }
  });
});

describe('after changes', () => {
  it('writes one backup once a burst of changes has been quiet for 1 s; it opens with the backup password', async () => {
    backups.changed();
    await pass(500);
    await vault.add(sampleInput(2));
    backups.changed();
    await pass(900);
    backups.changed();
    await pass(BACKUP_QUIET_MS - 1);
    expect(await listFolder()).toEqual([]);
    await pass(1);
    const files = await ours();
    expect(files).toEqual([backupFileName(START + 2400)]);
    const file = path.join(folder!, files[0]!);
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);

    const contents = await decodeBackup(await fs.readFile(file), BACKUP_PASSWORD);
    expect(contents.accounts).toEqual(vault.list());
    expect(contents.info).toEqual({
      createdAt: '2026-11-29T21:30:07.523Z',
      appVersion: '9.8.7',
      count: 2,
    });
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toEqual({
      enabled: true,
      folder,
      keep: 10,
      last: { at: '2026-11-29T21:30:07.523Z', path: file },
      error: null,
    });
    expect(backups.status()).toEqual(statuses[0]);
  });

  it('writes nothing new for a revision already backed up in this session', async () => {
    backups.changed();
    await pass(BACKUP_QUIET_MS);
    backups.changed();
    await pass(BACKUP_QUIET_MS);
    expect(await ours()).toHaveLength(1);
    // Asked by hand, too, while that file is still there …
    await backups.runNow();
    expect(await ours()).toHaveLength(1);
    expect(statuses).toHaveLength(1);
    // … but a real change makes a new one.
    await vault.add(sampleInput(2));
    backups.changed();
    await pass(BACKUP_QUIET_MS);
    expect(await ours()).toHaveLength(2);
  });

  it('by hand, writes again when the file of that revision was deleted', async () => {
    await backups.runNow();
    const [first] = await ours();
    await fs.unlink(path.join(folder!, first!));
    time.advance(5);
    const status = await backups.runNow();
    expect(await ours()).toEqual([backupFileName(START + 5)]);
    expect(status.last?.path).toBe(path.join(folder!, backupFileName(START + 5)));
  });

  it('gives two backups in the same millisecond different names, in order', async () => {
    await backups.runNow();
    await vault.add(sampleInput(2));
    await backups.runNow();
    expect(await ours()).toEqual([backupFileName(START), backupFileName(START + 1)]);
  });
});

describe('pruning', () => {
  it('keeps the newest N of its own files and never touches anything else in the folder', async () => {
    keep = 3;
    const others = [
      'notes.txt',
      'authdesk-backup-manual.authdesk',
      'authdesk-backup-2020-01-01T00-00-00-000Z.authdesk.old',
      'my-export.authdesk',
    ];
    for (const name of others) await fs.writeFile(path.join(folder!, name), name);
    // A folder named like a backup is not a backup.
    await fs.mkdir(path.join(folder!, 'authdesk-backup-2019-01-01T00-00-00-000Z.authdesk'));
    // An old automatic backup from an earlier session is one of ours.
    await fs.writeFile(path.join(folder!, 'authdesk-backup-2020-01-01T00-00-00-000Z.authdesk'), '');

    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      await vault.add(sampleInput(100 + i));
      time.advance(60_000);
      const status = await backups.runNow();
      written.push(path.basename(status.last!.path));
      expect(status.error).toBeNull();
    }
    expect(await ours()).toEqual(written.slice(-3));
    for (const name of others) {
      expect(await fs.readFile(path.join(folder!, name), 'utf8')).toBe(name);
    }
    expect(
      (
        await fs.stat(path.join(folder!, 'authdesk-backup-2019-01-01T00-00-00-000Z.authdesk'))
      ).isDirectory(),
    ).toBe(true);
  });

  it('applies a lowered count when asked by hand, without writing a new file', async () => {
    for (let i = 0; i < 4; i++) {
      await vault.add(sampleInput(200 + i));
      time.advance(1_000);
      await backups.runNow();
    }
    const all = await ours();
    expect(all).toHaveLength(4);
    keep = 2;
    const status = await backups.runNow();
    expect(await ours()).toEqual(all.slice(-2));
    expect(status.last?.path).toBe(path.join(folder!, all[3]!));
    expect(statuses).toHaveLength(4);
  });

  it('when old backups cannot be deleted, the new one is kept and the error says so', async () => {
    keep = 1;
    const old = 'authdesk-backup-2020-01-01T00-00-00-000Z.authdesk';
    await fs.writeFile(path.join(folder!, old), 'old');
    const real = failingWrites('EACCES', () => false);
    backups = makeBackups({
      fs: {
        ...real,
        unlink: (async (file: string) => {
          if (!String(file).endsWith(old)) return real.unlink(file);
          throw Object.assign(new Error(`EACCES: permission denied, unlink '${file}'`), {
            code: 'EACCES',
          });
        }) as DurableFs['unlink'],
      },
    });
    const status = await backups.runNow();
    expect(status.last?.path).toBe(path.join(folder!, backupFileName(START)));
    expect(status.error).toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(
        new RegExp(`^The backup was saved, but older backups in ${folder} could not be deleted`),
      ),
    });
    expect(await ours()).toEqual([old, backupFileName(START)]);
    expect(statuses).toEqual([status]);
  });

  it('never deletes the file just written, even when the clock went back', async () => {
    keep = 1;
    const future = 'authdesk-backup-2099-01-01T00-00-00-000Z.authdesk';
    await fs.writeFile(path.join(folder!, future), 'from a clock set ahead');
    const status = await backups.runNow();
    expect(await ours()).toEqual([path.basename(status.last!.path)]);
  });
});

describe('failures', () => {
  it('a missing folder is IO_ERROR naming it, reported and returned; once it exists the next backup clears the error', async () => {
    folder = path.join(dir, 'unplugged-drive');
    const failed = await backups.runNow();
    expect(failed.error).toEqual({
      code: 'IO_ERROR',
      message: `The backup folder ${folder} does not exist or is not reachable. Connect its drive or choose another folder.`,
      at: new Date(START).toISOString(),
    });
    expect(failed.last).toBeNull();
    expect(statuses).toEqual([failed]);
    expect(backups.status().error).toEqual(failed.error);
    await expect(fs.stat(folder)).rejects.toMatchObject({ code: 'ENOENT' }); // not created

    await fs.mkdir(folder);
    const recovered = await backups.runNow();
    expect(recovered.error).toBeNull();
    expect(recovered.last?.path).toBe(path.join(folder, backupFileName(START)));
    expect(statuses).toHaveLength(2);
  });

  it('a full disk is IO_ERROR about disk space, leaves no temp file, and the next try after a change succeeds', async () => {
    let full = true;
    const seam = failingWrites('ENOSPC', (name) => full && name.endsWith('.tmp'));
    backups = makeBackups({ fs: seam });
    backups.changed();
    await pass(BACKUP_QUIET_MS);
    expect(backups.status().error).toMatchObject({
      code: 'IO_ERROR',
      message: `Not enough disk space to save the backup in ${folder}.`,
    });
    expect(await listFolder()).toEqual([]);

    full = false;
    backups.changed(); // a failed revision is not "already written": it is tried again
    await pass(BACKUP_QUIET_MS);
    expect(backups.status().error).toBeNull();
    expect(await ours()).toHaveLength(1);
    expect(statuses.map((s) => s.error?.code ?? 'ok')).toEqual(['IO_ERROR', 'ok']);
  });

  it('no permission to write in the folder is IO_ERROR naming the folder', async () => {
    const denied: DurableFs = {
      ...failingWrites('EACCES', () => false),
      open: (async (file: string) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), {
          code: 'EACCES',
          path: file,
        });
      }) as unknown as DurableFs['open'],
    };
    backups = makeBackups({ fs: denied });
    const status = await backups.runNow();
    expect(status.error).toMatchObject({
      code: 'IO_ERROR',
      message: `No permission to write in ${folder}, so the backup cannot be saved.`,
    });
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'a read-only folder on disk is IO_ERROR too',
    async () => {
      await fs.chmod(folder!, 0o500);
      const status = await backups.runNow();
      expect(status.error).toMatchObject({
        code: 'IO_ERROR',
        message: expect.stringContaining(folder!),
      });
    },
  );
});

describe('when off or locked', () => {
  it('with no folder: changed() schedules nothing and runNow writes nothing', async () => {
    folder = null;
    backups.changed();
    expect(time.pending).toBe(0);
    const status = await backups.runNow();
    expect(status).toMatchObject({ enabled: false, folder: null, last: null, error: null });
    expect(statuses).toEqual([]);
  });

  it('without a backup key in the vault: nothing is written and the status says off', async () => {
    await vault.setBackupKey(null);
    backups.changed();
    await pass(BACKUP_QUIET_MS);
    expect(await listFolder()).toEqual([]);
    expect((await backups.runNow()).enabled).toBe(false);
    expect(await listFolder()).toEqual([]);
  });

  it('locked: a pending write does nothing, and stop() cancels it', async () => {
    backups.changed();
    vault.lock();
    await pass(BACKUP_QUIET_MS);
    expect(await listFolder()).toEqual([]);
    expect(backups.status().enabled).toBe(true); // a folder is set; the key is not known while locked

    await vault.unlock(PASSWORD);
    backups.changed();
    backups.stop();
    expect(time.pending).toBe(0);
    await pass(BACKUP_QUIET_MS * 5);
    expect(await listFolder()).toEqual([]);
    expect(statuses).toEqual([]);
  });
});

describe('key hygiene', () => {
  /** The source as composition.ts builds it, keeping every copy of the key it hands out. */
  function recordingBackups(handedOut: Buffer[]): AutoBackup {
    return makeBackups({
      source: () => {
        if (!vault.isUnlocked) return undefined;
        const key = vault.backupKey();
        if (key) handedOut.push(key.masterKey);
        return { ...vault.contents(), key };
      },
    });
  }
  const allZero = (key: Buffer) => key.every((byte) => byte === 0);

  it('zeroes every copy of the backup key it was handed: after a write, a skipped write, a status and with no folder', async () => {
    const handedOut: Buffer[] = [];
    backups = recordingBackups(handedOut);
    backups.changed();
    await pass(BACKUP_QUIET_MS); // writes
    await backups.runNow(); // this revision is written: skipped
    backups.status();
    folder = null;
    await backups.runNow(); // off: nothing to do
    expect(handedOut.length).toBeGreaterThanOrEqual(4);
    expect(handedOut.filter((key) => !allZero(key))).toEqual([]);
    // The vault's own key is untouched: the next backup still opens with the backup password.
    folder = path.join(dir, 'backups');
    await vault.add(sampleInput(2));
    await backups.runNow();
    const files = await ours();
    const latest = await fs.readFile(path.join(folder, files.at(-1)!));
    expect((await decodeBackup(latest, BACKUP_PASSWORD)).accounts).toHaveLength(2);
  });

  it('zeroes the key when the write fails', async () => {
    const handedOut: Buffer[] = [];
    backups = recordingBackups(handedOut);
    folder = path.join(dir, 'missing');
    const status = await backups.runNow();
    expect(status.error?.code).toBe('IO_ERROR');
    expect(handedOut.length).toBeGreaterThanOrEqual(1);
    expect(handedOut.filter((key) => !allZero(key))).toEqual([]);
  });
});
