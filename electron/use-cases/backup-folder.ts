// Where automatic backups may go: only a folder the user picked in main's own dialog (the window
// holds an opaque handle to it, never a path it could make up), and only a local one: a network
// (UNC) path would make Windows sign in to that host with the user's credentials.
import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import { AuthdeskError } from '../../shared/errors';
import type { Clock } from '../ports';

/** A folder chosen in the dialog can be turned into automatic backups for this long. */
export const FOLDER_CHOICE_MS = 10 * 60_000;
/** Choices kept at once; choosing more drops the oldest. */
const MAX_CHOICES = 8;

/**
 * Refuses, with a message that says why, any path that is not a local folder: UNC paths
 * (`\\host\share`, `//host/share`), Windows device and long-path forms (`\\?\…`, `\\.\…`,
 * `\\?\UNC\…`), anything with a NUL, and anything relative (on Windows: not `X:\…`).
 */
export function checkLocalFolder(folder: string, platform: string): void {
  // Two separators first, whatever the platform: on Windows this is every UNC and device path,
  // and elsewhere `//host/share` means nothing local either.
  if (/^[\\/]{2}/.test(folder)) {
    throw new AuthdeskError(
      'FOLDER_NOT_LOCAL',
      `${folder} is a network or device path. Automatic backups go only to a folder on this computer (a network drive mapped to a letter works).`,
    );
  }
  if (folder.includes('\0')) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The backup folder name is not valid.');
  }
  const absolute = platform === 'win32' ? /^[a-zA-Z]:[\\/]/.test(folder) : posix.isAbsolute(folder);
  if (!absolute) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The backup folder must be a full path.');
  }
}

/** The folders main's dialog returned, each behind a random handle, for FOLDER_CHOICE_MS. */
export class FolderChoices {
  readonly #chosen = new Map<string, { folder: string; at: number }>();

  constructor(private readonly clock: Clock) {}

  /** Remembers a folder the dialog returned; the window gets the handle and the path to show. */
  add(folder: string): { handle: string; folder: string } {
    const handle = randomUUID();
    this.#chosen.set(handle, { folder, at: this.clock.now() });
    for (const oldest of this.#chosen.keys()) {
      if (this.#chosen.size <= MAX_CHOICES) break;
      this.#chosen.delete(oldest);
    }
    return { handle, folder };
  }

  /** The folder behind a handle; FOLDER_CHOICE_EXPIRED when it is unknown or too old. */
  folder(handle: string): string {
    const choice = this.#chosen.get(handle);
    const age = choice && this.clock.now() - choice.at;
    if (!choice || age === undefined || age < 0 || age > FOLDER_CHOICE_MS) {
      this.#chosen.delete(handle);
      throw new AuthdeskError(
        'FOLDER_CHOICE_EXPIRED',
        'Choose the backup folder again: the earlier choice is not known or has expired.',
      );
    }
    return choice.folder;
  }

  /** Once used, a handle is gone. */
  drop(handle: string): void {
    this.#chosen.delete(handle);
  }
}
