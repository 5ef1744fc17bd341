// ISSUE16-PENDING (helper B replaces the bodies; the signatures are the contract the use case codes against).
// A device's journal and snapshot: writing this device's own, and reading another's in order with
// the checks that keep a rolled-back, replayed, cut or not-yet-whole file from being merged.
import type { AuthdeskError } from '../../../shared/errors';
import type { Change, DeviceId, Snapshot, SyncKey } from '../types';
import type { DeviceFiles, SyncFolder } from './sync-folder';

/** The file names this device writes (folder/names.ts parses them back). */
export function journalName(device: DeviceId, seq: number): string {
  void device;
  void seq;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}

export function snapshotName(device: DeviceId): string {
  void device;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}

/** Seals `change` under the current key and writes it as `<device>.<seq>.journal`. */
export async function writeChange(folder: SyncFolder, key: SyncKey, change: Change): Promise<void> {
  void folder;
  void key;
  void change;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}

/** Seals and writes this device's snapshot (replacing the previous one). */
export async function writeSnapshot(
  folder: SyncFolder,
  key: SyncKey,
  snapshot: Snapshot,
): Promise<void> {
  void folder;
  void key;
  void snapshot;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}

/** Removes this device's journal files up to `seq` (a snapshot holds them now). */
export async function compactOwn(
  folder: SyncFolder,
  device: DeviceId,
  files: DeviceFiles,
  seq: number,
): Promise<void> {
  void folder;
  void device;
  void files;
  void seq;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}

export interface DeviceReadInput {
  device: DeviceId;
  files: DeviceFiles;
  /** The keys this device holds (every epoch it knows). */
  keys: SyncKey[];
  /** The highest change of `device` already merged here (state.vv[device] ?? 0). */
  merged: number;
  /** The highest change number of `device` ever seen in the folder (kept in the vault). */
  highest: number;
  /** epoch ms now: a file that fails its check is reported as damaged only once it is older than a download takes. */
  nowMs: number;
}

export interface DeviceRead {
  /** The snapshot, when it is newer than `merged`. */
  snapshot?: Snapshot;
  /** Journal changes after `merged` (or after the snapshot), contiguous, in order. */
  changes: Change[];
  /** The highest change number the folder now shows for the device. */
  highest: number;
  /**
   * Why not everything could be read: SYNC_ROLLBACK (the folder's newest is older than `highest`:
   * nothing of the device is returned), SYNC_WAITING (a gap or a file not yet whole: what comes
   * before it is returned), SYNC_FILE_DAMAGED, SYNC_TOO_NEW.
   */
  problem?: AuthdeskError;
}

/** Reads what there is to merge from one other device. Never throws for the device's files. */
export async function readDevice(folder: SyncFolder, input: DeviceReadInput): Promise<DeviceRead> {
  void folder;
  void input;
  throw new Error('ISSUE16-PENDING: folder/device-files.ts');
}
