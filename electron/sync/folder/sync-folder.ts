// The sync folder as this device sees it: which devices wrote which files (leftovers of the sync
// service ignored), reading them whole, and writing and removing only this device's own files,
// atomically where the folder allows.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as realFs from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import { syncFolder } from '../../vault/durable-write';
import { errnoCode, toIoError } from '../../vault/io-error';
import type { DeviceId } from '../types';
import { leftoverOf, parseSyncFileName, tempNameFor } from './names';
import { SYNC_FILE_MAX_BYTES, type SyncFileKind } from './sealed-file';

/** One file of a device, as listed (not yet read). */
export interface ListedFile {
  name: string;
  kind: SyncFileKind;
  device: DeviceId;
  /** journal: its change number; other kinds: 0. */
  seq: number;
  size: number;
  /** epoch ms */
  mtimeMs: number;
}

export interface DeviceFiles {
  /** Journal files by change number, ascending. */
  journals: ListedFile[];
  snapshot?: ListedFile;
  keys?: ListedFile;
  pairing?: ListedFile;
  password?: ListedFile;
}

export interface FolderListing {
  devices: Map<DeviceId, DeviceFiles>;
  /** Names left out: another program's, or a sync service's leftovers (partial, conflicted, placeholders). */
  ignored: string[];
}

export interface SyncFolderOptions {
  /** Tests only: the file calls, to inject failures (ENOSPC, EACCES). */
  fs?: typeof FsPromises;
}

// Errors that mean the folder itself is away (unmounted, a share that dropped), not one file.
const FOLDER_AWAY = new Set([
  'ENOENT',
  'ENOTDIR',
  'EIO',
  'ENODEV',
  'ENXIO',
  'ENOMEDIUM',
  'ESTALE',
  'ENOTCONN',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNABORTED',
  'ESHUTDOWN',
  'EREMOTEIO',
]);
// fsync on a folder is not supported everywhere; there the rename is as durable as it gets.
// Windows refuses a rename over a file another program holds open for a moment (the sync client
// uploading it, an indexer, an antivirus): retried a few times before it counts.
const RENAME_BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_TRIES = 5;
// Our files are opened without following a link put in their place.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const HEADER_PEEK_BYTES = 4096;

export class SyncFolder {
  readonly path: string;
  readonly #fs: typeof FsPromises;

  constructor(path: string, options: SyncFolderOptions = {}) {
    this.path = path;
    this.#fs = options.fs ?? realFs;
  }

  /** SYNC_FOLDER_UNREACHABLE when the folder is missing or cannot be listed. */
  async list(): Promise<FolderListing> {
    let entries;
    try {
      entries = await this.#fs.readdir(this.path, { withFileTypes: true });
    } catch (error) {
      throw this.#unreachable(error);
    }
    const devices = new Map<DeviceId, DeviceFiles>();
    const ignored: string[] = [];
    const found = await Promise.all(
      entries.map(async (entry): Promise<ListedFile | string | undefined> => {
        const parsed = parseSyncFileName(entry.name);
        // Links and folders are never ours, whatever their name.
        if (!parsed || !entry.isFile()) return entry.name;
        try {
          const stat = await this.#fs.lstat(join(this.path, entry.name));
          if (!stat.isFile()) return entry.name;
          return { name: entry.name, ...parsed, size: stat.size, mtimeMs: stat.mtimeMs };
        } catch (error) {
          // Gone since the folder was read (its device replaced or compacted it): not there.
          if (errnoCode(error) === 'ENOENT') return undefined;
          throw this.#unreachable(error);
        }
      }),
    );
    for (const file of found) {
      if (file === undefined) continue;
      if (typeof file === 'string') {
        ignored.push(file);
        continue;
      }
      let files = devices.get(file.device);
      if (!files) devices.set(file.device, (files = { journals: [] }));
      if (file.kind === 'journal') files.journals.push(file);
      else files[file.kind] = file;
    }
    for (const files of devices.values()) files.journals.sort((a, b) => a.seq - b.seq);
    ignored.sort();
    return { devices, ignored };
  }

  /**
   * The whole file; SYNC_FILE_DAMAGED past SYNC_FILE_MAX_BYTES, SYNC_FOLDER_UNREACHABLE when the
   * folder cannot be read, SYNC_WAITING when the file went away since it was listed (its device
   * replaced or compacted it: list again), IO_ERROR when only this file cannot be read.
   */
  async read(file: ListedFile): Promise<Buffer> {
    return this.#readFile(file, SYNC_FILE_MAX_BYTES, true);
  }

  /**
   * The first bytes of a file, enough for its header line (sealed-file.ts readSyncHeader), without
   * reading the rest. Errors as read().
   */
  async readHead(file: ListedFile, bytes = HEADER_PEEK_BYTES): Promise<Buffer> {
    return this.#readFile(file, bytes, false);
  }

  /**
   * Writes one of this device's files whole (temporary name starting with `.`, flush, rename,
   * flush of the folder where the system allows): readers see the old file or the new one, never
   * a part. IO errors as SYNC_FOLDER_UNREACHABLE (the folder is away) or IO_ERROR (full, read-only,
   * no permission), with the previous file untouched and no temporary file left.
   */
  async writeOwn(name: string, bytes: Buffer): Promise<void> {
    ownName(name);
    const target = join(this.path, name);
    const temp = join(this.path, tempNameFor(name, randomBytes(6).toString('hex')));
    try {
      const handle = await this.#fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#rename(temp, target);
      await this.#syncFolder();
    } catch (error) {
      // Best effort: its own failure must not hide the error that matters.
      await this.#fs.unlink(temp).catch(() => undefined);
      throw await this.#writeError(error, target);
    }
  }

  /** Removes one of this device's files; a file already gone is fine (a folder gone is not). */
  async removeOwn(name: string): Promise<void> {
    ownName(name);
    const target = join(this.path, name);
    try {
      await this.#fs.unlink(target);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT' && (await this.#folderThere())) return;
      throw await this.#writeError(error, target);
    }
  }

  /**
   * Removes this device's temporary files last changed before `beforeMs` (epoch ms): writes cut
   * off by a crash, which the sync service would otherwise carry to every device. Returns how many.
   */
  async removeOwnTemps(device: DeviceId, beforeMs: number): Promise<number> {
    let names: string[];
    try {
      names = await this.#fs.readdir(this.path);
    } catch (error) {
      throw this.#unreachable(error);
    }
    let removed = 0;
    for (const name of names) {
      const leftover = leftoverOf(name);
      if (leftover?.source !== 'authdesk' || !leftover.of) continue;
      if (parseSyncFileName(leftover.of)?.device !== device) continue;
      const path = join(this.path, name);
      try {
        const stat = await this.#fs.lstat(path);
        if (!stat.isFile() || stat.mtimeMs >= beforeMs) continue;
        await this.#fs.unlink(path);
        removed += 1;
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') continue;
        throw await this.#writeError(error, path);
      }
    }
    return removed;
  }

  async #readFile(file: ListedFile, limit: number, whole: boolean): Promise<Buffer> {
    const path = join(this.path, ownName(file.name));
    let handle: FileHandle | undefined;
    try {
      handle = await this.#fs.open(path, constants.O_RDONLY | NO_FOLLOW);
      const stat = await handle.stat();
      if (whole && stat.size > limit) throw tooLarge(file, stat.size);
      const chunks: Buffer[] = [];
      let total = 0;
      // Read to the end (the file may have grown since stat), one byte past the bound at most.
      for (;;) {
        const room = whole ? limit + 1 - total : limit - total;
        if (room <= 0) break;
        const chunk = Buffer.alloc(Math.min(room, 1024 * 1024));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
        if (bytesRead === 0) break;
        chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
        total += bytesRead;
      }
      if (whole && total > limit) throw tooLarge(file, total);
      return Buffer.concat(chunks, total);
    } catch (error) {
      if (isAuthdeskError(error)) throw error;
      const code = errnoCode(error);
      if (code === 'ENOENT' && (await this.#folderThere())) {
        throw new AuthdeskError(
          'SYNC_WAITING',
          `The sync file ${file.name} went away while it was read (its device replaced it).`,
          { cause: error },
        );
      }
      if (code && FOLDER_AWAY.has(code)) throw this.#unreachable(error);
      throw toIoError(error, 'read', path, 'sync file');
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  async #rename(from: string, to: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.#fs.rename(from, to);
        return;
      } catch (error) {
        const code = errnoCode(error);
        const busy = process.platform === 'win32' && code !== undefined && RENAME_BUSY.has(code);
        if (!busy || attempt >= RENAME_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
    }
  }

  async #syncFolder(): Promise<void> {
    await syncFolder(this.#fs, this.path);
  }

  async #folderThere(): Promise<boolean> {
    try {
      return (await this.#fs.stat(this.path)).isDirectory();
    } catch {
      return false;
    }
  }

  async #writeError(error: unknown, target: string): Promise<AuthdeskError> {
    if (isAuthdeskError(error)) return error;
    const code = errnoCode(error);
    if (code && FOLDER_AWAY.has(code)) {
      // ENOENT with the folder still there is a file vanishing under us, which a write never does.
      if (code !== 'ENOENT' || !(await this.#folderThere())) return this.#unreachable(error);
    }
    return toIoError(error, 'save', target, 'sync file');
  }

  #unreachable(error: unknown): AuthdeskError {
    if (isAuthdeskError(error)) return error;
    const code = errnoCode(error);
    const why =
      code === 'ENOENT'
        ? 'it is missing (moved, deleted, or on a drive or share that is not connected)'
        : code === 'ENOTDIR'
          ? 'it is not a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'no permission to read it'
            : `it cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
    return new AuthdeskError(
      'SYNC_FOLDER_UNREACHABLE',
      `The sync folder ${this.path} cannot be reached: ${why}.`,
      { cause: error },
    );
  }
}

/** Only names of ours are read, written or removed: never a path, never another program's file. */
function ownName(name: string): string {
  if (!parseSyncFileName(name)) throw new Error(`Not a sync file name: ${JSON.stringify(name)}`);
  return name;
}

function tooLarge(file: ListedFile, size: number): AuthdeskError {
  return new AuthdeskError(
    'SYNC_FILE_DAMAGED',
    `The sync file ${file.name} is ${size} bytes, more than any sync file (${SYNC_FILE_MAX_BYTES}); it is not read.`,
  );
}
