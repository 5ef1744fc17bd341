// ISSUE16-PENDING (helper B replaces the bodies; the signatures are the contract the use case codes against).
// The sync folder as this device sees it: which devices wrote which files (leftovers of the sync
// service ignored), reading them whole, and writing and removing only this device's own files,
// atomically where the folder allows.
import type * as FsPromises from 'node:fs/promises';
import type { DeviceId } from '../types';
import type { SyncFileKind } from './sealed-file';

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

export class SyncFolder {
  readonly path: string;

  constructor(path: string, options: SyncFolderOptions = {}) {
    this.path = path;
    void options;
  }

  /** SYNC_FOLDER_UNREACHABLE when the folder is missing or cannot be listed. */
  async list(): Promise<FolderListing> {
    throw new Error('ISSUE16-PENDING: folder/sync-folder.ts');
  }

  /** The whole file; SYNC_FILE_DAMAGED past SYNC_FILE_MAX_BYTES, SYNC_FOLDER_UNREACHABLE when it cannot be read. */
  async read(file: ListedFile): Promise<Buffer> {
    void file;
    throw new Error('ISSUE16-PENDING: folder/sync-folder.ts');
  }

  /** Writes one of this device's files whole (temporary name, flush, rename). IO errors as SYNC_FOLDER_UNREACHABLE or IO_ERROR. */
  async writeOwn(name: string, bytes: Buffer): Promise<void> {
    void name;
    void bytes;
    throw new Error('ISSUE16-PENDING: folder/sync-folder.ts');
  }

  /** Removes one of this device's files; a file already gone is fine. */
  async removeOwn(name: string): Promise<void> {
    void name;
    throw new Error('ISSUE16-PENDING: folder/sync-folder.ts');
  }
}
