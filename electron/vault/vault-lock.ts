// The cross-process lock on a vault file (proper-lockfile), which a dead holder does not keep for long.
import { randomUUID } from 'node:crypto';
import {
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AuthdeskError } from '../../shared/errors';
import { errnoCode, toIoError } from './io-error';

export interface LockOptions {
  /** How long to keep trying while another process holds the lock. */
  waitMs?: number;
  /** A lock whose holder stopped refreshing it for this long is abandoned. */
  staleMs?: number;
}

export interface HeldLock {
  /**
   * Throws VAULT_BUSY if the lock was lost (the machine slept past the stale time, or another
   * process took it over): checked right before a write is committed.
   */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

export const DEFAULT_LOCK_WAIT_MS = 5_000;
export const DEFAULT_LOCK_STALE_MS = 10_000;
/**
 * A holder writes owner.json right after creating the lock folder; a folder still without one
 * after this long belongs to a process killed in between.
 */
const OWNERLESS_GRACE_MS = 2_000;

export const lockPathOf = (path: string): string => `${path}.lock`;
// Who holds the lock, so that a killed holder's lock can be taken over at once instead of after
// the stale time: the app killed by the OS must not make the next `authdesk` command wait 10 s.
const ownerPathOf = (lockPath: string): string => join(lockPath, 'owner.json');

interface Owner {
  pid: number;
  host: string;
  /** Unique per acquisition, so a holder can tell its lock from one made after a takeover. */
  token?: string;
}

/** Takes the lock for `path` (creating its folder), retrying up to waitMs; else VAULT_BUSY. */
export async function lockVault(path: string, options: LockOptions = {}): Promise<HeldLock> {
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const lockPath = lockPathOf(path);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw toIoError(error, 'lock', path, 'vault');
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    let lost: Error | undefined;
    try {
      const release = await lockfile.lock(path, {
        lockfilePath: lockPath,
        realpath: false, // the vault file does not exist yet when it is created
        stale: staleMs,
        retries: 0,
        onCompromised: (error) => {
          lost = error;
        },
      });
      const token = randomUUID();
      const owned = await writeOwner(lockPath, token);
      await sweepAbandoned(lockPath);
      return {
        async assertHeld() {
          const owner = await readOwner(lockPath);
          if (lost || (owned && owner?.token !== token)) {
            throw new AuthdeskError(
              'VAULT_BUSY',
              'The lock on the vault was lost while saving; nothing was saved. Try again.',
              { cause: lost },
            );
          }
        },
        async release() {
          await unlink(ownerPathOf(lockPath)).catch(() => undefined);
          // A lock already lost cannot be released; the next writer treats it as abandoned.
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      const code = errnoCode(error);
      // ENOTEMPTY: proper-lockfile found a stale lock but could not rmdir it (owner.json inside).
      if (code !== 'ELOCKED' && code !== 'ENOTEMPTY') throw toIoError(error, 'lock', path, 'vault');
      if (await breakAbandonedLock(lockPath, staleMs)) continue;
      if (Date.now() >= deadline) {
        throw new AuthdeskError(
          'VAULT_BUSY',
          `Another Authdesk window or command is using the vault (${path}); try again in a moment.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
    }
  }
}

/** A writer killed between moving a dead lock aside and deleting it leaves it behind; the next holder tidies up. */
async function sweepAbandoned(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`;
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.abandoned')) {
      await rm(join(dirname(lockPath), name), { recursive: true, force: true }).catch(
        () => undefined,
      );
    }
  }
}

/** Returns false if owner.json could not be written (the lock still works, by mtime staleness). */
async function writeOwner(lockPath: string, token: string): Promise<boolean> {
  const owner: Owner = { pid: process.pid, host: hostname(), token };
  try {
    // Adding a file changes the folder's mtime, which proper-lockfile watches to detect a lost
    // lock; put back the mtime it recorded.
    const { mtime } = await stat(lockPath);
    await writeFile(ownerPathOf(lockPath), JSON.stringify(owner));
    await utimes(lockPath, mtime, mtime);
    return true;
  } catch {
    // Only a shortcut for recovery: without it, staleness by mtime still frees the lock.
    return false;
  }
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(ownerPathOf(lockPath), 'utf8')) as Partial<Owner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return { pid: owner.pid, host: owner.host, token: owner.token };
    }
  } catch {
    // Missing or half-written: the holder may be between mkdir and writing it.
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM'; // exists, but belongs to someone else
  }
}

/**
 * Removes the lock if its holder is dead (same host, pid gone) or stopped refreshing it. Returns
 * true when the caller should retry at once. The lock folder is renamed away first so that only one
 * process can win it; if what we renamed turns out to be a fresh lock another process made in the
 * meantime (different inode), it is put back.
 */
async function breakAbandonedLock(lockPath: string, staleMs: number): Promise<boolean> {
  let before;
  try {
    before = await stat(lockPath, { bigint: true });
  } catch (error) {
    return errnoCode(error) === 'ENOENT';
  }
  const owner = await readOwner(lockPath);
  const holderDead = owner !== undefined && owner.host === hostname() && !isRunning(owner.pid);
  // proper-lockfile's first lock in a process sets the folder's mtime up to 1 s ahead (its
  // precision probe); ctime is always the real time of the last change, so take the earlier.
  const age = Date.now() - Math.min(Number(before.mtimeMs), Number(before.ctimeMs));
  const ownerless = owner === undefined && age > OWNERLESS_GRACE_MS;
  const stale = age > staleMs;
  if (!holderDead && !ownerless && !stale) return false;
  const trash = `${lockPath}.${randomUUID()}.abandoned`;
  try {
    await rename(lockPath, trash);
  } catch (error) {
    return errnoCode(error) === 'ENOENT';
  }
  const moved = await stat(trash, { bigint: true });
  if (moved.ino !== before.ino || moved.dev !== before.dev) {
    await rename(trash, lockPath).catch(() => undefined);
    return false;
  }
  await rm(trash, { recursive: true, force: true });
  return true;
}
