// Automatic backups: after changes settle, an encrypted backup in the chosen folder; the newest N kept.
import * as realFs from 'node:fs/promises';
import { join } from 'node:path';
import type { Account } from '../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { BackupStatus } from '../../shared/transfer';
import type { Clock, Timers } from '../ports';
import type { DurableFs } from '../vault/durable-write';
import { errnoCode, toIoError } from '../vault/io-error';
import type { BackupKey } from '../transfer/backup-file';
import type { IconStore } from '../vault/icon-store';
import { writeBackup } from './backup';
import { checkLocalFolder } from './backup-folder';

/** A burst of changes (an import, a reorder by drag) settles into one file after this quiet time. */
export const BACKUP_QUIET_MS = 1_000;

/** `authdesk-backup-2026-11-29T21-30-05-123Z.authdesk`: sorts by time as text. */
const BACKUP_NAME = /^authdesk-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.authdesk$/;

export function backupFileName(epochMs: number): string {
  const stamp = new Date(epochMs).toISOString().replace(/:/g, '-').replace('.', '-');
  return `authdesk-backup-${stamp}.authdesk`;
}

export function isAutoBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

export interface AutoBackupSource {
  accounts: Account[];
  groups: string[];
  revision: number;
  /** The vault's icon pictures (Vault.contents). */
  icons?: IconStore;
  /** A fresh copy (Vault.backupKey()): AutoBackup zeroes it once it has used it. */
  key: BackupKey | null;
}

export interface AutoBackupDeps {
  clock: Clock;
  timers: Timers;
  /** From settings. */
  folder(): string | null;
  keep(): number;
  /** undefined while the vault is locked */
  source(): AutoBackupSource | undefined;
  appVersion: string;
  /** process.platform unless given: which paths are local folders. */
  platform?: string;
  onStatus(status: BackupStatus): void;
  /** Tests inject ENOSPC/EACCES; `readdir` and `stat` are used for pruning and the folder check. */
  fs?: DurableFs & Partial<Pick<typeof realFs, 'readdir' | 'stat'>>;
}

export class AutoBackup {
  readonly #deps: AutoBackupDeps;
  #timer: unknown = undefined;
  /** Writes run one at a time; this settles when the last queued one has. */
  #queue: Promise<unknown> = Promise.resolve();
  #last: BackupStatus['last'] = null;
  #error: BackupStatus['error'] = null;
  /** What the newest backup of this session holds, so an unchanged vault makes no new file. */
  #written: { revision: number; folder: string; path: string } | null = null;
  #lastStampMs = 0;

  constructor(deps: AutoBackupDeps) {
    this.#deps = deps;
  }

  /** `enabled` needs the vault's key, which is known only while unlocked; locked, a folder is enough. */
  status(): BackupStatus {
    const folder = this.#deps.folder();
    const source = this.#deps.source();
    source?.key?.masterKey.fill(0);
    return {
      enabled: folder !== null && (source === undefined || source.key !== null),
      folder,
      keep: this.#keep(),
      last: this.#last && { ...this.#last },
      error: this.#error && { ...this.#error },
    };
  }

  /** A change happened: a backup follows after BACKUP_QUIET_MS without another. Nothing when off. */
  changed(): void {
    if (this.#deps.folder() === null) return;
    this.#cancel();
    this.#timer = this.#deps.timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#enqueue(false);
    }, BACKUP_QUIET_MS);
  }

  /**
   * Writes one now (when on), unless the newest file of this session already holds this revision
   * and is still there. A failure is recorded in status().error, reported through onStatus and
   * returned, never thrown; a success clears it.
   */
  runNow(): Promise<BackupStatus> {
    this.#cancel();
    return this.#enqueue(true);
  }

  /** Cancels a pending write (the vault locked). A write already running finishes. */
  stop(): void {
    this.#cancel();
  }

  /** Resolves when no write is running or queued: for tests, and before the app quits. */
  async settled(): Promise<void> {
    for (let queue = this.#queue; ; queue = this.#queue) {
      await queue;
      if (queue === this.#queue) return;
    }
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #keep(): number {
    const keep = this.#deps.keep();
    return Number.isInteger(keep) && keep >= 1 ? keep : 1;
  }

  #enqueue(manual: boolean): Promise<BackupStatus> {
    const run = this.#queue.then(() => this.#attempt(manual));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #attempt(manual: boolean): Promise<BackupStatus> {
    const source = this.#deps.source();
    try {
      return await this.#attemptWith(manual, source);
    } finally {
      source?.key?.masterKey.fill(0);
    }
  }

  async #attemptWith(manual: boolean, source: AutoBackupSource | undefined): Promise<BackupStatus> {
    const folder = this.#deps.folder();
    if (folder === null || !source?.key) return this.status();
    if (await this.#alreadyWritten(source.revision, folder, manual)) {
      // Nothing new to write; by hand (e.g. after `keep` was lowered), the count still applies.
      if (manual && !(await this.#pruneRecorded(folder, this.#written!.path))) {
        this.#deps.onStatus(this.status());
      }
      return this.status();
    }
    try {
      const path = await this.#write(folder, source, source.key);
      this.#written = { revision: source.revision, folder, path };
      const at = new Date(this.#deps.clock.now()).toISOString();
      this.#last = { at, path };
      this.#error = null;
      await this.#pruneRecorded(folder, path);
    } catch (error) {
      const { code, message } = asIoError(error, folder).toInfo();
      this.#error = { code, message, at: new Date(this.#deps.clock.now()).toISOString() };
    }
    const status = this.status();
    this.#deps.onStatus(status);
    return status;
  }

  /** An automatic run skips a revision already backed up; a manual one also needs the file to still be there. */
  async #alreadyWritten(revision: number, folder: string, manual: boolean): Promise<boolean> {
    const written = this.#written;
    if (!written || written.revision !== revision || written.folder !== folder) return false;
    if (!manual) return true;
    try {
      await (this.#deps.fs?.stat ?? realFs.stat)(written.path);
      return true;
    } catch {
      return false;
    }
  }

  async #write(folder: string, source: AutoBackupSource, key: BackupKey): Promise<string> {
    await this.#checkFolder(folder);
    const path = await this.#freshPath(folder);
    await writeBackup(path, key, {
      contents: { accounts: source.accounts, groups: source.groups, icons: source.icons },
      appVersion: this.#deps.appVersion,
      now: new Date(this.#deps.clock.now()),
      ...(this.#deps.fs && { fs: this.#deps.fs }),
    });
    return path;
  }

  /** Not created when missing: it may be a drive that is not plugged in, and the user chose it. */
  async #checkFolder(folder: string): Promise<void> {
    // A settings file edited by hand must not send backups (and Windows' sign-in) to a network host.
    checkLocalFolder(folder, this.#deps.platform ?? process.platform);
    let isFolder: boolean;
    try {
      isFolder = (await (this.#deps.fs?.stat ?? realFs.stat)(folder)).isDirectory();
    } catch (error) {
      const code = errnoCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw asIoError(error, folder);
      isFolder = false;
    }
    if (!isFolder) {
      throw new AuthdeskError(
        'IO_ERROR',
        `The backup folder ${folder} does not exist or is not reachable. Connect its drive or choose another folder.`,
      );
    }
  }

  /** Millisecond stamps, made strictly increasing, and never the name of a file already there. */
  async #freshPath(folder: string): Promise<string> {
    let ms = Math.max(this.#deps.clock.now(), this.#lastStampMs + 1);
    for (;;) {
      const path = join(folder, backupFileName(ms));
      try {
        await (this.#deps.fs?.stat ?? realFs.stat)(path);
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw asIoError(error, folder);
        this.#lastStampMs = ms;
        return path;
      }
      ms += 1;
    }
  }

  /** A failure to delete old backups is recorded as the error (false), but the backup was made. */
  async #pruneRecorded(folder: string, justWritten: string): Promise<boolean> {
    try {
      await this.#prune(folder, justWritten);
      return true;
    } catch (error) {
      this.#error = {
        code: 'IO_ERROR',
        message: `The backup was saved, but older backups in ${folder} could not be deleted (${messageOf(error)}).`,
        at: new Date(this.#deps.clock.now()).toISOString(),
      };
      return false;
    }
  }

  /**
   * Keeps the newest `keep` files named like ours (the one just written always among them, even
   * if the clock went back); nothing else in the folder is ever touched.
   */
  async #prune(folder: string, justWritten: string): Promise<void> {
    const entries = await (this.#deps.fs?.readdir ?? realFs.readdir)(folder, {
      withFileTypes: true,
    });
    const ours = entries
      .filter((entry) => entry.isFile() && isAutoBackupName(entry.name))
      .map((entry) => join(folder, entry.name))
      .filter((path) => path !== justWritten)
      .sort()
      .reverse();
    const fs = this.#deps.fs ?? realFs;
    for (const path of ours.slice(this.#keep() - 1)) {
      try {
        await fs.unlink(path);
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw error;
      }
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors of a backup attempt as the status shows them; file-system ones name the folder. */
function asIoError(error: unknown, folder: string): AuthdeskError {
  if (isAuthdeskError(error)) return error;
  if (errnoCode(error)) return toIoError(error, 'save', join(folder, 'authdesk-backup'), 'backup');
  return new AuthdeskError('INTERNAL_ERROR', `The backup could not be made (${messageOf(error)}).`);
}
