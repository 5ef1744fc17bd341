// Files to import, from the open dialog or dropped on the window: Authdesk backups and other apps'
// exports. An encrypted one is held here (bytes only, nothing decrypted) until its password comes.
import { randomUUID } from 'node:crypto';
import type { Account, AccountInput } from '../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { IMPORT_TTL_MS } from '../../shared/import';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import type { ImportFormatId } from '../../shared/transfer';
import { readFileWithin } from './read-file';
import type { Found } from './found';
import type { Clock, Timers } from '../ports';
import { decodeBackup } from '../transfer/backup-file';
import { detectImportFile, readImportFile } from './formats';
import { picturesOf } from '../vault/icon-store';
import { withIconPictures } from './import-icons';

/** A file opened: what it held, or (encrypted) the handle to give its password to. */
export type OpenedFile =
  | { status: 'found'; found: Found }
  | { status: 'password'; fileId: string; name: string; format: ImportFormatId };

interface Held {
  name: string;
  bytes: Uint8Array;
  format: ImportFormatId;
  expiresAt: number;
  timer: unknown;
  /** While its password is being tried: cancelling aborts it (cancel()). */
  unlocking?: AbortController;
}

/** Few files wait for a password at once; the oldest makes way. */
const MAX_HELD = 4;

export function tooLargeFile(size: number): AuthdeskError {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return new AuthdeskError(
    'FILE_TOO_LARGE',
    `This file is ${mb} MB; backups and exports are under ${IMPORT_FILE_MAX_BYTES / (1024 * 1024)} MB.`,
  );
}

/** What a backup held, as import inputs: everything but the id and the timestamps. */
function inputOf(account: Account): AccountInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, createdAt, updatedAt, ...input } = account;
  return input;
}

/** Reads one file with its password (undefined for a plain one) into what it holds; a backup's accounts become inputs (new ids on import). */
export async function readFoundFile(
  name: string,
  bytes: Uint8Array,
  format: ImportFormatId,
  password: string | undefined,
  signal?: AbortSignal,
): Promise<Found> {
  if (format !== 'authdesk-backup') {
    // Icon pictures the file holds are made into kept ones here (a worker thread), before the preview.
    return withIconPictures(await readImportFile(bytes, name, password, signal));
  }
  const contents = await decodeBackup(bytes, password ?? '', signal);
  return {
    accounts: contents.accounts.map((a) => ({ input: inputOf(a), source: name, batch: null })),
    problems: [],
    batches: [],
    backup: { info: contents.info, groups: contents.groups },
    ...(contents.icons && { pictures: picturesOf(contents.icons) }),
  };
}

/**
 * A damaged, truncated or too new backup is refused before anyone types its password: reading it
 * without one checks everything but the password and stops at PASSWORD_REQUIRED (no KDF runs).
 */
export async function checkBackupShape(bytes: Uint8Array): Promise<void> {
  try {
    await decodeBackup(bytes, '');
  } catch (error) {
    if (isAuthdeskError(error) && error.code === 'PASSWORD_REQUIRED') return;
    throw error;
  }
}

/**
 * What a file is, from its content, before any password: FILE_TOO_LARGE, FILE_UNRECOGNIZED for a
 * file no importer knows, and a damaged backup refused before anyone types its password. The
 * window (FileImports) and `authdesk import` (use-cases/import-file.ts) both ask here.
 */
export async function recogniseImportFile(
  name: string,
  bytes: Uint8Array,
): Promise<{ format: ImportFormatId; needsPassword: boolean }> {
  if (bytes.byteLength > IMPORT_FILE_MAX_BYTES) throw tooLargeFile(bytes.byteLength);
  const { format, encrypted } = detectImportFile(bytes, name);
  const needsPassword = encrypted || format === 'authdesk-backup';
  if (format === 'authdesk-backup') await checkBackupShape(bytes);
  return { format, needsPassword };
}

export class FileImports {
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: { clock: Clock; timers: Timers }) {}

  /** Reads a file from disk (IO_ERROR, FILE_TOO_LARGE), then as open(). */
  async openPath(path: string, name: string): Promise<OpenedFile> {
    const bytes = await readFileWithin(path, IMPORT_FILE_MAX_BYTES, {
      unreadable: (message, cause) => new AuthdeskError('IO_ERROR', message, { cause }),
      tooLarge: tooLargeFile,
    });
    return this.open(name, bytes);
  }

  /** FILE_UNRECOGNIZED for a file no importer knows; an encrypted one waits for its password. */
  async open(name: string, bytes: Uint8Array): Promise<OpenedFile> {
    const { format, needsPassword } = await recogniseImportFile(name, bytes);
    if (!needsPassword)
      return { status: 'found', found: await readFoundFile(name, bytes, format, undefined) };
    while (this.held.size >= MAX_HELD) this.drop(this.held.keys().next().value!);
    const fileId = randomUUID();
    const timer = this.deps.timers.setTimeout(() => this.drop(fileId), IMPORT_TTL_MS);
    this.held.set(fileId, {
      name,
      bytes,
      format,
      expiresAt: this.deps.clock.now() + IMPORT_TTL_MS,
      timer,
    });
    return { status: 'password', fileId, name, format };
  }

  /**
   * WRONG_PASSWORD keeps the file for another try; success lets it go. CANCELLED when cancel()
   * came first: no further key is derived, and what a derivation in flight yields is discarded.
   */
  async unlock(fileId: string, password: string): Promise<Found> {
    const held = this.held.get(fileId);
    if (!held || this.deps.clock.now() >= held.expiresAt) {
      this.drop(fileId);
      throw new AuthdeskError(
        'IMPORT_EXPIRED',
        'This file is no longer open (10 minutes passed, or the vault locked). Open it again.',
      );
    }
    held.unlocking?.abort();
    const unlocking = new AbortController();
    held.unlocking = unlocking;
    try {
      const found = await readFoundFile(
        held.name,
        held.bytes,
        held.format,
        password,
        unlocking.signal,
      );
      this.drop(fileId);
      return found;
    } finally {
      if (held.unlocking === unlocking) delete held.unlocking;
    }
  }

  /**
   * The user gave up on this file: a password being tried stops before its next key derivation
   * (scrypt and PBKDF2 cannot be interrupted once started) and the file is forgotten. Unknown or
   * already finished files are ignored.
   */
  cancel(fileId: string): void {
    this.drop(fileId);
  }

  /** The vault locked: forget every file. */
  dropAll(): void {
    for (const id of [...this.held.keys()]) this.drop(id);
  }

  get size(): number {
    return this.held.size;
  }

  private drop(fileId: string): void {
    const held = this.held.get(fileId);
    if (!held) return;
    held.unlocking?.abort();
    this.deps.timers.clearTimeout(held.timer);
    held.bytes.fill(0);
    this.held.delete(fileId);
  }
}
