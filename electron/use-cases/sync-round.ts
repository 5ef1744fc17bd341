// One sync round. Outside the vault's lock: list the folder, read the key rotations and the other
// devices' new files. Under the lock (Vault.syncChange, on the newest file): the engine turns what
// the vault holds into this device's change, merges the others', and the vault takes the result; the
// change waits in the vault's outbox. After the write: the outbox is published as journal files,
// and the device's snapshot is written when due (every SNAPSHOT_EVERY changes, on a new key, once a
// day, or when the folder lost some of its files), after which the journals it covers are removed.
import { AuthdeskError } from '../../shared/errors';
import type { SyncMergeReport, SyncProblem } from '../../shared/sync';
import type { Clock } from '../ports';
import { syncRound, type RoundResult } from '../sync/engine/round';
import {
  compactOwn,
  provenOwnAbove,
  writeChange,
  writeSnapshot,
} from '../sync/folder/device-files';
import { SyncFolder, type FolderListing } from '../sync/folder/sync-folder';
import {
  newSyncKey,
  readRotations,
  removePasswordJoin,
  withdrawPairing,
  writeRotation,
  type DeviceIdentity,
} from '../sync/keys/sync-keys';
import {
  currentKey,
  readStoredSync,
  storedForWrite,
  withKeys,
  type StoredSync,
} from '../sync/stored-sync';
import type { DeviceId, DeviceInfo, SyncKey } from '../sync/types';
import type { Vault } from '../vault/vault';
import { readPeers, toProblem, type PeerRead, type SnapshotPeeks } from './sync-peers';

/** A device writes its snapshot (and removes the journals it covers) after this many changes. */
export const SNAPSHOT_EVERY = 64;
/** …and at least this often, so that the others see it is still there ("last seen"). */
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60_000;

export interface RoundDeps {
  /** The vault's sync data now (read only; SyncService keeps it by vault revision). */
  current: () => StoredSync | null;
  vault: Vault;
  clock: Clock;
  peeks: SnapshotPeeks;
  /** The problems of the previous round, whose `since` lasting problems keep. */
  previous: SyncProblem[];
  /**
   * The vault revision a previous round left settled (it merged nothing and nothing waited), or
   * null. While the vault is still at that revision and nothing new is in the folder, the round has
   * nothing to do under the vault's lock, and skips it (see `settledRound`).
   */
  settled: number | null;
}

export interface RoundReport {
  stored: StoredSync;
  /** Set when other devices' changes changed accounts here. */
  merge: SyncMergeReport | null;
  problems: SyncProblem[];
  /** The vault revision this round left settled (for the next round's `settled`), or null. */
  settled: number | null;
}

export function syncOff(): AuthdeskError {
  return new AuthdeskError('SYNC_OFF', 'Sync is not set up on this computer.');
}

export function shortName(id: DeviceId): string {
  return id.slice(0, 8);
}

export function identityOf(stored: StoredSync): DeviceIdentity {
  const { id, publicKey, privateKey } = stored.device;
  return { id, publicKey, privateKey };
}

export function infoOf(stored: StoredSync): DeviceInfo {
  const { id, name, publicKey } = stored.device;
  return { id, name, publicKey };
}

/** The device's sync data from the newest vault file under the lock; SYNC_OFF when it was stopped (or replaced) meanwhile. */
export function storedIn(raw: unknown, me: DeviceId): StoredSync {
  const stored = readStoredSync(raw);
  if (!stored || stored.device.id !== me) throw syncOff();
  return stored;
}

/** The other devices a new key is wrapped to: every known one that told its public key. */
export function rotationMembers(stored: StoredSync): DeviceInfo[] {
  return Object.entries(stored.peers)
    .filter(([id, peer]) => peer.publicKey !== '' && !stored.removed.includes(id))
    .map(([id, peer]) => ({ id, name: peer.name, publicKey: peer.publicKey }));
}

/** What this device's own files in the folder show, before the round. */
interface OwnFiles {
  journals: Set<number>;
  snapshot: { seq: number; epoch: number; mtimeMs: number } | null;
  highest: number;
  /** Whether its pairing offer and sync password files are there (withdrawn when no longer meant). */
  pairing: boolean;
  password: boolean;
}

async function ownFiles(
  folder: SyncFolder,
  listing: FolderListing,
  stored: StoredSync,
  keys: SyncKey[],
  peeks: SnapshotPeeks,
): Promise<OwnFiles> {
  const me = stored.device.id;
  const files = listing.devices.get(me);
  const journals = new Set(files?.journals.map((file) => file.seq) ?? []);
  const peek = files?.snapshot ? await peeks.peek(folder, files.snapshot, keys, me) : null;
  const snapshot = peek && { seq: peek.seq, epoch: peek.epoch, mtimeMs: peek.mtimeMs };
  // Numbers above what this vault wrote count only from files that open with a key held and agree
  // with their names: a stray, damaged or half-copied file named like ours is no identity clash.
  const named = Math.max(0, snapshot?.seq ?? 0, ...journals);
  const proven =
    files && named > stored.seq
      ? await provenOwnAbove(folder, { device: me, files, keys, wrote: stored.seq })
      : 0;
  return {
    journals,
    snapshot,
    highest: proven > 0 ? proven : Math.min(named, stored.seq),
    pairing: files?.pairing !== undefined,
    password: files?.password !== undefined,
  };
}

type RoundOutline = Pick<RoundResult, 'changed' | 'touched' | 'flagged' | 'waiting'>;

interface Merged {
  stored: StoredSync;
  /** What the round did, without its state and contents (the vault's copy of a returned value is costly). */
  result: RoundOutline | null;
  /** The folder shows own files this vault never wrote: another computer uses this identity. */
  clash: boolean;
}

/** Runs one round; SYNC_OFF, SYNC_FOLDER_UNREACHABLE (nothing was changed then), or what a write raised. */
export async function runRound(deps: RoundDeps): Promise<RoundReport> {
  const { vault, clock, peeks } = deps;
  const before = deps.current();
  if (!before) throw syncOff();
  if (before.removedBy) {
    return { stored: before, merge: null, problems: [removedProblem(before)], settled: null };
  }
  const me = before.device.id;
  const folder = new SyncFolder(before.folder);
  // A rotation this device made goes to the folder before anything is read or sealed under its key.
  if (before.rotationPending) await writePendingRotation(folder, vault, before);
  const listing = await folder.list();
  // A folder with no file of any device, once this one has written there, is a mount point whose
  // share is not mounted (or a folder emptied by hand): writing there would hide the device's files
  // under the share when it comes back, so sync pauses until the files are back (or it is set up again).
  if (listing.devices.size === 0 && (before.seq > 0 || Object.keys(before.peers).length > 0)) {
    throw new AuthdeskError(
      'SYNC_FOLDER_UNREACHABLE',
      `The sync folder ${before.folder} is empty: a network share or drive that is not connected? Sync is paused until its files are back; to start over in an empty folder, stop sync and start it again.`,
    );
  }
  const nowMs = clock.now();
  const nowIso = new Date(nowMs).toISOString();

  const rotations = await readRotations(folder, listing, identityOf(before), before.keys);
  if (rotations.removedBy !== undefined) {
    const by = rotations.removedBy;
    const stored = await vault.syncChange((draft) => {
      const fresh = storedIn(draft.sync, me);
      fresh.removedBy = { id: by, name: fresh.peers[by]?.name ?? shortName(by), at: nowIso };
      fresh.pairing = null;
      fresh.password = false;
      draft.sync = fresh;
      return { value: fresh, write: true };
    });
    return { stored, merge: null, problems: [removedProblem(stored)], settled: null };
  }
  const keys = withKeys(before.keys, rotations.adopted);
  // Two rotations at once may have wrapped the newest key to a removed device: rotate once more.
  const rotateAgain = 'rotateAgain' in rotations && rotations.rotateAgain === true;
  const removed = new Set([...before.removed, ...rotations.removed]);
  removed.delete(me);

  const peers = await readPeers(folder, listing, {
    me,
    keys,
    stored: before,
    removed,
    nowMs,
    peeks,
  });
  const own = await ownFiles(folder, listing, before, keys, peeks);
  const incoming = peers.flatMap((peer) => peer.incoming);

  // Another process (the command line) may have written the vault file since this copy was read:
  // its revision then tells (refresh reads the file, and decrypts only when it changed).
  if (deps.settled !== null) await vault.refresh();
  if (
    settledRound(deps, before, { incoming, own, peers, listing, removed, nowMs }) &&
    rotations.adopted.length === 0 &&
    !rotateAgain
  ) {
    const problems = roundProblems(before, peers, null, false, nowIso, deps.previous);
    await publish(folder, vault, before, own, nowMs);
    return { stored: before, merge: null, problems, settled: deps.settled };
  }

  const merged = await vault.syncChange((draft): { value: Merged; write: boolean } => {
    const stored = storedIn(draft.sync, me);
    if (stored.removedBy) {
      return { value: { stored, result: null, clash: false }, write: false };
    }
    const previous = storedForWrite(stored);
    const clash = own.highest > stored.seq;
    stored.keys = withKeys(stored.keys, keys);
    if (rotateAgain && !stored.rotationPending) {
      stored.keys = withKeys(stored.keys, [newSyncKey(currentKey(stored).epoch + 1)]);
      stored.rotationPending = true;
    }
    const newlyRemoved = [...removed].filter((id) => !stored.removed.includes(id));
    stored.removed.push(...newlyRemoved);
    if (newlyRemoved.length > 0) {
      // Another device removed one: it knew the sync password, and an offer holds the old keys.
      stored.password = false;
      stored.pairing = null;
    }
    const appeared = notePeers(stored, listing, peers, removed);

    const names: Record<DeviceId, string> = { [me]: stored.device.name };
    for (const [id, peer] of Object.entries(stored.peers)) names[id] = peer.name;
    const result = syncRound({
      state: stored.state,
      device: me,
      hlc: stored.hlc,
      wallMs: nowMs,
      local: { accounts: draft.accounts, groups: draft.groups, icons: draft.icons ?? {} },
      incoming,
      names,
      joining: stored.joining,
    });
    stored.state = result.state;
    stored.hlc = result.hlc;
    stored.joining = false;
    // Entries the folder already shows are published; with a clash the files are not this vault's.
    if (!clash) {
      stored.outbox = stored.outbox.filter(
        (change) => !own.journals.has(change.seq) && change.seq > (own.snapshot?.seq ?? 0),
      );
    }
    if (result.change) {
      stored.seq = result.change.seq;
      stored.outbox.push(result.change);
    }
    // The offer ends when it expires or a new device has come in (publish removes the file).
    if (stored.pairing && (Date.parse(stored.pairing.expiresAt) <= nowMs || appeared)) {
      stored.pairing = null;
    }
    if (result.changed) {
      draft.accounts = result.contents.accounts;
      draft.groups = result.contents.groups;
      draft.icons = result.contents.icons;
    }
    const write = result.changed || storedForWrite(stored) !== previous;
    if (write) stored.lastSync = nowIso;
    draft.sync = stored;
    const { changed, touched, flagged, waiting } = result;
    return { value: { stored, result: { changed, touched, flagged, waiting }, clash }, write };
  });

  const { stored, result } = merged;
  const problems = roundProblems(stored, peers, result, merged.clash, nowIso, deps.previous);
  if (!merged.clash && !stored.removedBy) {
    await publish(folder, vault, stored, own, nowMs);
  }
  // Nothing came in and nothing waits: the vault now holds the merged state's projection, and a
  // round finds nothing more to do until the vault or the folder changes.
  const settled =
    result && incoming.length === 0 && result.waiting.length === 0 && !merged.clash
      ? vault.revision
      : null;
  return { stored, merge: result && mergeReport(stored, result, nowIso), problems, settled };
}

/**
 * Whether the part of the round under the vault's lock would find nothing to do: the vault is at the
 * revision a round left settled (no door changed it since: a change here or another process's write
 * gives a new revision), no other device has anything new, and nothing this device keeps about the
 * others (their names, last seen, highest numbers), its offer or its own files needs writing. The
 * engine is deterministic, so the same state, the same vault and nothing incoming give no change:
 * re-reading, decrypting and copying the whole vault to learn that is what this saves.
 */
function settledRound(
  deps: RoundDeps,
  before: StoredSync,
  round: {
    incoming: readonly unknown[];
    own: OwnFiles;
    peers: PeerRead[];
    listing: FolderListing;
    removed: ReadonlySet<DeviceId>;
    nowMs: number;
  },
): boolean {
  if (deps.settled === null || deps.vault.revision !== deps.settled) return false;
  if (round.incoming.length > 0 || before.joining || before.rotationPending) return false;
  if (round.own.highest > before.seq) return false; // an identity clash is judged under the lock
  if ([...round.removed].some((id) => !before.removed.includes(id))) return false;
  if (before.pairing && Date.parse(before.pairing.expiresAt) <= round.nowMs) return false;
  if (round.peers.some((peer) => peer.problem)) return false;
  const peersAfter = structuredClone({ peers: before.peers, highest: before.highest });
  const probe = { ...before, ...peersAfter };
  const appeared = notePeers(probe, round.listing, round.peers, round.removed);
  return (
    !appeared &&
    JSON.stringify([probe.peers, probe.highest]) === JSON.stringify([before.peers, before.highest])
  );
}

/** Takes in who the other devices are; true when a device not known before introduced itself. */
function notePeers(
  stored: StoredSync,
  listing: FolderListing,
  peers: PeerRead[],
  removed: ReadonlySet<DeviceId>,
): boolean {
  let appeared = false;
  // A device whose snapshot and journals are gone left the sync (it stopped: only a key rotation
  // it made may stay behind); one removed is ignored.
  for (const id of Object.keys(stored.peers)) {
    const files = listing.devices.get(id);
    const there =
      files !== undefined && (files.snapshot !== undefined || files.journals.length > 0);
    if (!there || removed.has(id)) delete stored.peers[id];
  }
  for (const peer of peers) {
    stored.highest[peer.id] = Math.max(stored.highest[peer.id] ?? 0, peer.highest);
    const known = stored.peers[peer.id];
    if (!known && !peer.info && peer.incoming.length === 0) continue;
    if (!known && peer.info) appeared = true;
    const seen = known?.lastSeen ? Date.parse(known.lastSeen) : null;
    const newest = Math.max(seen ?? -Infinity, peer.lastSeenMs ?? -Infinity);
    stored.peers[peer.id] = {
      name: peer.info?.name ?? known?.name ?? shortName(peer.id),
      publicKey: peer.info?.publicKey ?? known?.publicKey ?? '',
      lastSeen: Number.isFinite(newest) ? new Date(newest).toISOString() : null,
    };
  }
  return appeared;
}

function removedProblem(stored: StoredSync): SyncProblem {
  const by = stored.removedBy!;
  return {
    kind: 'error',
    device: { id: by.id, name: by.name },
    error: {
      code: 'SYNC_REMOVED',
      message: `${by.name} removed this computer from the sync. Its accounts stay here; set up sync again to join.`,
    },
    since: by.at,
  };
}

function roundProblems(
  stored: StoredSync,
  peers: PeerRead[],
  result: RoundOutline | null,
  clash: boolean,
  nowIso: string,
  previous: SyncProblem[],
): SyncProblem[] {
  const named = (id: DeviceId) => ({ id, name: stored.peers[id]?.name ?? shortName(id) });
  const problems: SyncProblem[] = [];
  if (clash) {
    const error = new AuthdeskError(
      'SYNC_IDENTITY_CLASH',
      'The sync folder holds files of this device that this vault never wrote: another computer uses a copy of this vault. Nothing more is written to the folder from here; stop sync on one of them and join again.',
    );
    problems.push(toProblem(error, named(stored.device.id), nowIso, previous));
  }
  for (const peer of peers) {
    if (peer.problem) problems.push(toProblem(peer.problem, named(peer.id), nowIso, previous));
  }
  const waiting = new Set(result?.waiting.map((change) => change.device) ?? []);
  for (const id of waiting) {
    if (problems.some((problem) => problem.device?.id === id)) continue;
    const error = new AuthdeskError(
      'SYNC_WAITING',
      `Changes from ${named(id).name} wait for changes of another device that are not in the folder yet.`,
    );
    problems.push(toProblem(error, named(id), nowIso, previous));
  }
  return problems;
}

function mergeReport(stored: StoredSync, result: RoundOutline, at: string): SyncMergeReport | null {
  const from = Object.entries(result.touched)
    .filter(([, accounts]) => accounts > 0)
    .map(([id, accounts]) => ({
      device: { id, name: stored.peers[id]?.name ?? shortName(id) },
      accounts,
    }));
  if (!result.changed || (from.length === 0 && result.flagged === 0)) return null;
  return { at, from, flagged: result.flagged };
}

/**
 * Writes what the folder lacks of this device: a rotation not yet written, the outbox's journals,
 * and the snapshot when it is due (then the journals it covers are removed).
 */
async function publish(
  folder: SyncFolder,
  vault: Vault,
  stored: StoredSync,
  own: OwnFiles,
  nowMs: number,
): Promise<void> {
  const me = stored.device.id;
  if (stored.rotationPending) await writePendingRotation(folder, vault, stored);
  // Withdrawn when the offer expired or was used, and after a removal (the removed device knew them).
  if (own.pairing && stored.pairing === null) await withdrawPairing(folder, me);
  if (own.password && !stored.password) await removePasswordJoin(folder, me);
  const key = currentKey(stored);
  const covered = own.snapshot?.seq ?? 0;
  const present = new Set(own.journals);
  for (const change of stored.outbox) {
    if (present.has(change.seq) || change.seq <= covered) continue;
    await writeChange(folder, key, change);
    present.add(change.seq);
  }
  const seq = stored.state.vv[me] ?? stored.seq;
  let lost = false;
  for (let n = covered + 1; n <= seq && !lost; n++) lost = !present.has(n);
  const due =
    own.snapshot === null ||
    seq - covered >= SNAPSHOT_EVERY ||
    own.snapshot.epoch !== key.epoch ||
    nowMs - own.snapshot.mtimeMs >= SNAPSHOT_MAX_AGE_MS ||
    lost;
  if (!due) return;
  await writeSnapshot(folder, key, {
    device: infoOf(stored),
    seq,
    writtenAt: new Date(nowMs).toISOString(),
    state: stored.state,
    removed: [...stored.removed],
  });
  // Only the journals the previous snapshot covered go: a sync service may bring the removals to
  // another computer before this new snapshot, and the journals since it must still be there then
  // (else that computer would see this device's files older than it merged: a false rollback).
  const mine = (await folder.list()).devices.get(me);
  if (mine && covered > 0) await compactOwn(folder, me, mine, covered);
}

/**
 * Writes the rotation to this device's newest key (made by removeDevice, or to rotate again), then
 * notes in the vault that it is written. Until then every round tries again.
 */
async function writePendingRotation(
  folder: SyncFolder,
  vault: Vault,
  stored: StoredSync,
): Promise<void> {
  const next = currentKey(stored);
  const current = [...stored.keys].reverse().find((key) => key.epoch < next.epoch) ?? next;
  await writeRotation(folder, identityOf(stored), current, next, rotationMembers(stored), [
    ...stored.removed,
  ]);
  await vault.syncChange((draft) => {
    const fresh = storedIn(draft.sync, stored.device.id);
    const write = fresh.rotationPending;
    fresh.rotationPending = false;
    draft.sync = fresh;
    return { value: undefined, write };
  });
}
