// The sync status as the window and the command line see it, from the vault's sync data and what
// the service knows of its last round (running, paused, problems, the last merge).
import type { SyncDevice, SyncMergeReport, SyncProblem, SyncStatus } from '../../shared/sync';
import type { StoredSync } from '../sync/stored-sync';

/** What the service remembers between rounds, while the app runs. */
export interface RoundMemory {
  running: boolean;
  /** The last round could not reach the folder. */
  paused: boolean;
  problems: SyncProblem[];
  lastMerge: SyncMergeReport | null;
  /** ISO 8601: the last round that reached the folder (also when it wrote nothing). */
  lastSync: string | null;
}

export function freshMemory(): RoundMemory {
  return { running: false, paused: false, problems: [], lastMerge: null, lastSync: null };
}

export function offStatus(polling: boolean): SyncStatus {
  return {
    phase: 'off',
    folder: null,
    device: null,
    devices: [],
    lastSync: null,
    problems: [],
    lastMerge: null,
    joinByPassword: false,
    pairing: null,
    polling,
  };
}

function newer(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

export function statusOf(
  stored: StoredSync | null,
  memory: RoundMemory,
  polling: boolean,
  nowMs: number,
): SyncStatus {
  if (!stored) return offStatus(polling);
  const lastSync = newer(memory.lastSync, stored.lastSync);
  const me: SyncDevice = {
    id: stored.device.id,
    name: stored.device.name,
    lastSeen: lastSync,
    thisDevice: true,
  };
  const others: SyncDevice[] = Object.entries(stored.peers)
    .filter(([id]) => !stored.removed.includes(id))
    .map(([id, peer]) => ({ id, name: peer.name, lastSeen: peer.lastSeen, thisDevice: false }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const phase = stored.removedBy
    ? 'removed'
    : memory.running
      ? 'syncing'
      : memory.paused
        ? 'paused'
        : 'idle';
  const pairing =
    stored.pairing && Date.parse(stored.pairing.expiresAt) > nowMs
      ? { expiresAt: stored.pairing.expiresAt }
      : null;
  return {
    phase,
    folder: stored.folder,
    device: { id: stored.device.id, name: stored.device.name },
    devices: [me, ...others],
    lastSync,
    problems: memory.problems.map((problem) => structuredClone(problem)),
    lastMerge: memory.lastMerge && structuredClone(memory.lastMerge),
    joinByPassword: stored.password,
    pairing,
    polling,
  };
}
