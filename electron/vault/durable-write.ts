// Atomic, durable replacement of a file that keeps the previous generation as <file>.bak.
import * as realFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoCode, toIoError } from './io-error';

/** The calls a durable write makes. Tests wrap the real ones to inject failures such as ENOSPC. */
export type DurableFs = Pick<typeof realFs, 'open' | 'rename' | 'link' | 'unlink' | 'copyFile'>;

export interface DurableWriteOptions {
  /** Keep the file being replaced as `<path>.bak`. */
  keepPrevious?: boolean;
  fs?: DurableFs;
  /** The noun for error messages: "vault", "backup". */
  what?: string;
}

export const backupPathOf = (path: string): string => `${path}.bak`;
// Fixed names, not random ones: callers hold the file's lock, and a writer killed mid-way then
// leaves one stray file that the next write replaces, instead of a new one every time.
export const tempPathOf = (path: string): string => `${path}.tmp`;
const backupTempPathOf = (path: string): string => `${backupPathOf(path)}.tmp`;

// link() fails like this where the file system has no hard links (FAT, some network shares) or
// the kernel forbids linking (protected_hardlinks); a copy does the same job there.
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);
// fsync on a folder is not supported everywhere; there the rename is as durable as it gets.
const FOLDER_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EISDIR', 'EBADF']);

/**
 * Replaces `path` with `contents` so that after a crash at any moment the file is either the old
 * or the new one, complete: write a temp file (0600) beside it, fsync, rename over, fsync the
 * folder. The old generation becomes `.bak` durably *before* the rename, so `.bak` is never newer
 * than the main file. On failure the temp files are removed, the old file is untouched, and the
 * error is an IO_ERROR. (One exception: if only the last folder fsync fails, the new file is in
 * place but may not survive a power cut; that is still reported.) Never writes in place. The
 * caller must hold the lock for `path`.
 */
export async function writeFileDurably(
  path: string,
  contents: string | Buffer,
  options: DurableWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? realFs;
  const temp = tempPathOf(path);
  try {
    await removeIfPresent(fs, temp);
    await writeSynced(fs, temp, contents);
    if (options.keepPrevious) await keepPreviousGeneration(fs, path);
    await fs.rename(temp, path);
    await syncFolder(fs, dirname(path));
  } catch (error) {
    // Cleanup is best effort: its own failure must not hide the error that matters.
    await removeIfPresent(fs, temp).catch(() => undefined);
    await removeIfPresent(fs, backupTempPathOf(path)).catch(() => undefined);
    throw toIoError(error, 'save', path, options.what ?? 'file');
  }
}

/**
 * Creates `path` with `contents` (mode 0600) and makes it durable (fsync of the file and its
 * folder), never replacing anything: false when something is already there. On failure the
 * partly written file is removed and the error is an IO_ERROR. Not atomic, which is fine for a
 * new name: a crash can leave a partial file beside the others but never changes an existing one.
 */
export async function createFileDurably(
  path: string,
  contents: string | Buffer,
  options: Omit<DurableWriteOptions, 'keepPrevious'> = {},
): Promise<boolean> {
  const fs = options.fs ?? realFs;
  let created = false;
  try {
    const handle = await fs.open(path, 'wx', 0o600);
    created = true;
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncFolder(fs, dirname(path));
    return true;
  } catch (error) {
    if (!created && errnoCode(error) === 'EEXIST') return false;
    if (created) await removeIfPresent(fs, path).catch(() => undefined);
    throw toIoError(error, 'save', path, options.what ?? 'file');
  }
}

async function keepPreviousGeneration(fs: DurableFs, path: string): Promise<void> {
  const staging = backupTempPathOf(path);
  await removeIfPresent(fs, staging);
  try {
    await fs.link(path, staging);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return; // first save: there is no previous generation
    if (!code || !LINK_UNSUPPORTED.has(code)) throw error;
    await fs.copyFile(path, staging);
    await syncFile(fs, staging);
  }
  await fs.rename(staging, backupPathOf(path));
  // rename() does nothing when both names already link one file, as after a writer was killed
  // between this rename and the main one (.bak is then the main file): the staging name stays.
  await removeIfPresent(fs, staging);
  await syncFolder(fs, dirname(path));
}

async function writeSynced(fs: DurableFs, path: string, contents: string | Buffer): Promise<void> {
  const handle = await fs.open(path, 'wx', 0o600);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(fs: DurableFs, path: string): Promise<void> {
  const handle = await fs.open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (a rename into it) where the system allows; a no-op on Windows. */
export async function syncFolder(fs: DurableFs, folder: string): Promise<void> {
  // Windows cannot open a folder as a file; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (!code || !FOLDER_SYNC_UNSUPPORTED.has(code)) throw error;
  } finally {
    await handle.close();
  }
}

async function removeIfPresent(fs: DurableFs, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
  }
}
