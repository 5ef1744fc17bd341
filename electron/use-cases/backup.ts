// Writing a backup, the one way: a key (new from a password, or the automatic-backup key) → the
// file text → a durable write → the new key zeroed. The window, `authdesk export` and automatic
// backups all come through here.
import type { Account } from '../../shared/account';
import type { DurableFs } from '../vault/durable-write';
import type { KdfCost } from '../vault/kdf';
import type { IconStore } from '../vault/icon-store';
import {
  encodeBackup,
  newBackupKey,
  writeBackupFile,
  type BackupKey,
} from '../transfer/backup-file';

export interface BackupWrite {
  /** `icons`: the vault's icon pictures; the backup keeps those its accounts use. */
  contents: { accounts: Account[]; groups: string[]; icons?: IconStore };
  appVersion: string;
  now: Date;
  /** Tests only: wraps the real file calls to inject failures. */
  fs?: DurableFs;
}

/** Writes the backup under an existing key, which stays the caller's (the automatic-backup key). */
export async function writeBackup(path: string, key: BackupKey, write: BackupWrite): Promise<void> {
  const text = encodeBackup(write.contents, key, { appVersion: write.appVersion, now: write.now });
  await writeBackupFile(path, text, write.fs ? { fs: write.fs } : {});
}

/** Runs `use` with a new key wrapped under `password` (scrypt runs once), then zeroes the key. */
export async function withNewBackupKey<T>(
  password: string,
  kdf: Partial<KdfCost> | undefined,
  use: (key: BackupKey) => Promise<T>,
): Promise<T> {
  const key = await newBackupKey(password, kdf);
  try {
    return await use(key);
  } finally {
    key.masterKey.fill(0);
  }
}

/**
 * Writes a backup opened by `password`. `beforeWrite` runs after the slow key derivation and just
 * before the file is written (the CLI checks there, again, that it overwrites nothing).
 */
export async function writeBackupWithPassword(
  path: string,
  password: string,
  write: BackupWrite & { kdf?: Partial<KdfCost>; beforeWrite?: () => Promise<void> },
): Promise<{ path: string; count: number }> {
  await withNewBackupKey(password, write.kdf, async (key) => {
    await write.beforeWrite?.();
    await writeBackup(path, key, write);
  });
  return { path, count: write.contents.accounts.length };
}
