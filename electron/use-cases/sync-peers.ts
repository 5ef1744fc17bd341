// The other devices' files for one round: each device's new changes and snapshot (read with the
// folder's checks: folder/device-files.ts), who it says it is (name and public key, from its
// snapshot), when it last wrote, and what kept any of it back, as the status's problems.
import type { AuthdeskError } from '../../shared/errors';
import type { SyncProblem } from '../../shared/sync';
import type { Incoming } from '../sync/engine/round';
import { parseHlc } from '../sync/engine/hlc';
import { openSnapshotFile, readDevice } from '../sync/folder/device-files';
import type { FolderListing, ListedFile, SyncFolder } from '../sync/folder/sync-folder';
import type { StoredSync } from '../sync/stored-sync';
import type { DeviceId, DeviceInfo, SyncKey } from '../sync/types';

/** What one other device brought to this round. */
export interface PeerRead {
  id: DeviceId;
  incoming: Incoming[];
  /** Who the device says it is, from its snapshot, when one could be opened. */
  info?: DeviceInfo;
  /** epoch ms of its newest write seen (its snapshot's time, its changes' clocks); null if none. */
  lastSeenMs: number | null;
  /** The highest change number the folder shows for it. */
  highest: number;
  problem?: AuthdeskError;
}

/** What a snapshot file says about its writer, without merging it. */
export interface SnapshotPeek {
  info: DeviceInfo;
  seq: number;
  writtenAt: string;
  epoch: number;
  mtimeMs: number;
}

/**
 * Snapshots opened only to learn who wrote them and up to which change, remembered per file
 * (name, time, size, keys held) so that an unchanged snapshot is not opened again every round.
 */
export class SnapshotPeeks {
  readonly #seen = new Map<string, { stamp: string; peek: SnapshotPeek | null }>();

  /** null when the file cannot be opened (yet): not whole, damaged, or under a key not held. */
  async peek(
    folder: SyncFolder,
    file: ListedFile,
    keys: SyncKey[],
    device: DeviceId,
  ): Promise<SnapshotPeek | null> {
    const stamp = `${file.mtimeMs}:${file.size}:${keys.length}`;
    const known = this.#seen.get(file.name);
    if (known?.stamp === stamp) return known.peek;
    const peek = await openPeek(folder, file, keys, device).catch(() => null);
    this.#seen.set(file.name, { stamp, peek });
    return peek;
  }
}

async function openPeek(
  folder: SyncFolder,
  file: ListedFile,
  keys: SyncKey[],
  device: DeviceId,
): Promise<SnapshotPeek | null> {
  const { snapshot, epoch } = await openSnapshotFile(folder, file, keys);
  if (snapshot.device.id !== device) return null;
  const { id, name, publicKey } = snapshot.device;
  return {
    info: { id, name, publicKey },
    seq: snapshot.seq,
    writtenAt: snapshot.writtenAt,
    epoch,
    mtimeMs: file.mtimeMs,
  };
}

function later(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export interface ReadPeersInput {
  me: DeviceId;
  keys: SyncKey[];
  stored: StoredSync;
  removed: ReadonlySet<DeviceId>;
  nowMs: number;
  peeks: SnapshotPeeks;
}

/** Reads every other device of the listing that is not removed, one after another. */
export async function readPeers(
  folder: SyncFolder,
  listing: FolderListing,
  input: ReadPeersInput,
): Promise<PeerRead[]> {
  const reads: PeerRead[] = [];
  for (const [id, files] of listing.devices) {
    if (id === input.me || input.removed.has(id)) continue;
    const read = await readDevice(folder, {
      device: id,
      files,
      keys: input.keys,
      merged: input.stored.state.vv[id] ?? 0,
      highest: input.stored.highest[id] ?? 0,
      nowMs: input.nowMs,
    });
    const incoming: Incoming[] = [];
    let lastSeenMs: number | null = null;
    let info: DeviceInfo | undefined;
    if (read.snapshot) {
      incoming.push({ kind: 'snapshot', snapshot: read.snapshot });
      if (read.snapshot.device.id === id) info = read.snapshot.device;
      lastSeenMs = later(lastSeenMs, Date.parse(read.snapshot.writtenAt) || null);
    }
    for (const change of read.changes) {
      incoming.push({ kind: 'change', change });
      lastSeenMs = later(lastSeenMs, parseHlc(change.hlc)?.wall ?? null);
    }
    // Its journals may all be merged already while its snapshot (name, key, a newer time) is new.
    if (!info && files.snapshot && read.problem?.code !== 'SYNC_ROLLBACK') {
      const peek = await input.peeks.peek(folder, files.snapshot, input.keys, id);
      if (peek) {
        info = peek.info;
        lastSeenMs = later(lastSeenMs, Date.parse(peek.writtenAt) || null);
      }
    }
    reads.push({ id, incoming, info, lastSeenMs, highest: read.highest, problem: read.problem });
  }
  return reads;
}

const PROBLEM_KINDS: Partial<Record<string, SyncProblem['kind']>> = {
  SYNC_ROLLBACK: 'rollback',
  SYNC_WAITING: 'waiting',
  SYNC_FILE_DAMAGED: 'damaged',
  SYNC_IDENTITY_CLASH: 'identity',
};

/** A problem for the status; `since` is kept from `previous` while the same problem lasts. */
export function toProblem(
  error: AuthdeskError,
  device: { id: string; name: string } | null,
  nowIso: string,
  previous: SyncProblem[],
): SyncProblem {
  const kind = PROBLEM_KINDS[error.code] ?? 'error';
  const same = previous.find(
    (problem) =>
      problem.kind === kind &&
      problem.error.code === error.code &&
      problem.device?.id === device?.id,
  );
  return { kind, device, error: error.toInfo(), since: same?.since ?? nowIso };
}
