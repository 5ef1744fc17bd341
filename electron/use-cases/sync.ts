// Sync through a folder, as one service over the vault: start (a new sync key), join (pairing code or
// sync password), one round (publish this device's changes, merge the others': sync-round.ts),
// pairing offers, the sync password, removing a device (the key rotates), stopping. The window
// (through SyncRunner) and the command line call these; nothing here watches or waits:
// use-cases/sync-runner.ts does. Calls run one at a time.
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import {
  formatPairingCode,
  normalisePairingCode,
  type PairingOffer,
  type SyncProblem,
  type SyncStatus,
} from '../../shared/sync';
import type { Clock } from '../ports';
import { SyncFolder } from '../sync/folder/sync-folder';
import {
  newDeviceIdentity,
  newSyncKey,
  offerPairing,
  openPairing,
  openPasswordJoin,
  pairingQrSvg,
  removePasswordJoin,
  withdrawPairing,
  writePasswordJoin,
} from '../sync/keys/sync-keys';
import { currentKey, readStoredSync, withKeys, type StoredSync } from '../sync/stored-sync';
import type { SyncKey } from '../sync/types';
import type { Vault } from '../vault/vault';
import { SnapshotPeeks } from './sync-peers';
import { infoOf, runRound, storedIn, syncOff } from './sync-round';
import {
  alreadyOn,
  checkFolder,
  checkSyncPassword,
  deviceNameOf,
  newStoredSync,
  removeOwnFiles,
} from './sync-setup';
import { freshMemory, statusOf, type RoundMemory } from './sync-status';

export interface SyncServiceDeps {
  vault: Vault;
  clock: Clock;
  /** The computer's name, the default device name. */
  hostname: () => string;
  /** Scrypt cost of a sync password file; tests only lower it. */
  passwordCost?: { N: number };
  /** After every change of the status (a round, a problem, a setting), e.g. to push it to the window. */
  onStatus?: (status: SyncStatus) => void;
  /** Whether the runner watches the folder by polling (shown in the status); false without a runner. */
  polling?: () => boolean;
}

/** The first key of a new sync. */
const FIRST_EPOCH = 1;

export class SyncService {
  readonly #deps: SyncServiceDeps;
  #memory: RoundMemory = freshMemory();
  /** The vault's sync data as last read, by vault revision: a copy of the merged state is costly. */
  #read: { revision: number; stored: StoredSync | null } | undefined;
  /** The vault revision the last round left settled (sync-round.ts RoundDeps.settled). */
  #settled: number | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #peeks = new SnapshotPeeks();

  constructor(deps: SyncServiceDeps) {
    this.#deps = deps;
  }

  /** The status as the vault and the last round know it; { phase: 'off' } when not set up. VAULT_LOCKED. */
  status(): SyncStatus {
    const stored = this.#stored();
    return statusOf(stored, this.#memory, this.#deps.polling?.() ?? false, this.#deps.clock.now());
  }

  /** A new sync in an empty folder (SYNC_FOLDER_IN_USE otherwise), then a first round. */
  async start(options: {
    folder: string;
    deviceName?: string;
    syncPassword?: string;
  }): Promise<SyncStatus> {
    return this.#serial(async () => {
      this.#refuseIfOn();
      const path = checkFolder(options.folder);
      if (options.syncPassword !== undefined) checkSyncPassword(options.syncPassword);
      const folder = new SyncFolder(path);
      const listing = await folder.list();
      if (listing.devices.size > 0) {
        throw new AuthdeskError(
          'SYNC_FOLDER_IN_USE',
          `${path} already holds the sync of ${listing.devices.size} device(s): join it instead, or choose an empty folder.`,
        );
      }
      const stored = newStoredSync(
        path,
        deviceNameOf(options.deviceName, this.#deps.hostname),
        newDeviceIdentity(),
        [newSyncKey(FIRST_EPOCH)],
      );
      await this.#setUp(stored);
      if (options.syncPassword !== undefined) await this.#setPassword(options.syncPassword);
      await this.#firstRound();
      return this.status();
    });
  }

  /** Joins the sync in `folder` with a pairing code or the sync password, then a first round. */
  async join(options: {
    folder: string;
    deviceName?: string;
    code?: string;
    syncPassword?: string;
  }): Promise<SyncStatus> {
    return this.#serial(async () => {
      this.#refuseIfOn();
      const path = checkFolder(options.folder);
      if (options.code === undefined && options.syncPassword === undefined) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'Joining needs the pairing code another device shows, or the sync password.',
        );
      }
      const folder = new SyncFolder(path);
      const listing = await folder.list();
      if (listing.devices.size === 0) {
        throw new AuthdeskError(
          'SYNC_NOTHING_TO_JOIN',
          `${path} holds no sync to join: start sync on the first computer, then join from this one.`,
        );
      }
      let keys: SyncKey[];
      if (options.code !== undefined) {
        const plain = normalisePairingCode(options.code);
        if (!plain) {
          throw new AuthdeskError(
            'SYNC_PAIRING_WRONG',
            'That is not a pairing code: it has 20 letters and digits, shown in groups of four.',
          );
        }
        keys = (await openPairing(folder, listing, plain, this.#deps.clock.now())).keys;
      } else {
        keys = (await openPasswordJoin(folder, listing, options.syncPassword!)).keys;
      }
      const stored = newStoredSync(
        path,
        deviceNameOf(options.deviceName, this.#deps.hostname),
        newDeviceIdentity(),
        keys,
      );
      stored.joining = true;
      await this.#setUp(stored);
      await this.#firstRound();
      return this.status();
    });
  }

  /** One round now. SYNC_OFF; SYNC_FOLDER_UNREACHABLE (the status then says paused). */
  async syncNow(): Promise<SyncStatus> {
    return this.#serial(async () => {
      await this.#round();
      return this.status();
    });
  }

  async offerPairing(): Promise<PairingOffer> {
    return this.#serial(async () => {
      const stored = this.#active();
      const folder = new SyncFolder(stored.folder);
      const offer = await offerPairing(folder, infoOf(stored), stored.keys, this.#deps.clock.now());
      const plain = normalisePairingCode(offer.code) ?? offer.code;
      const qrSvg = await pairingQrSvg(plain);
      await this.#update(stored, (fresh) => {
        const write = fresh.pairing?.expiresAt !== offer.expiresAt;
        fresh.pairing = { expiresAt: offer.expiresAt };
        return write;
      });
      this.#emit();
      return { code: formatPairingCode(plain), qrSvg, expiresAt: offer.expiresAt };
    });
  }

  async withdrawPairing(): Promise<SyncStatus> {
    return this.#serial(async () => {
      const stored = this.#active();
      await withdrawPairing(new SyncFolder(stored.folder), stored.device.id);
      await this.#update(stored, (fresh) => {
        const write = fresh.pairing !== null;
        fresh.pairing = null;
        return write;
      });
      this.#emit();
      return this.status();
    });
  }

  /** Sets (or with null removes) the sync password other devices may join with. */
  async setSyncPassword(password: string | null): Promise<SyncStatus> {
    return this.#serial(async () => {
      if (password !== null) checkSyncPassword(password);
      this.#active();
      await this.#setPassword(password);
      this.#emit();
      return this.status();
    });
  }

  /** Removes another device: the key rotates and this device's snapshot is sealed again. SYNC_DEVICE_NOT_FOUND. */
  async removeDevice(id: string): Promise<SyncStatus> {
    return this.#serial(async () => {
      const stored = this.#active();
      if (id === stored.device.id) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'This computer cannot remove itself: stop sync on it instead.',
        );
      }
      const notFound = () =>
        new AuthdeskError('SYNC_DEVICE_NOT_FOUND', `No device ${id} is in this sync.`);
      if (!stored.peers[id]) throw notFound();
      const next = newSyncKey(currentKey(stored).epoch + 1);
      // The new key is kept first; the round then writes its rotation file (rotationPending)
      // before anything sealed under it, and keeps trying until the folder takes it.
      await this.#update(stored, (fresh) => {
        if (!fresh.peers[id]) throw notFound();
        fresh.keys = withKeys(fresh.keys, [next]);
        fresh.removed.push(id);
        delete fresh.peers[id];
        fresh.rotationPending = true;
        // The removed device knew the sync password, and an offer holds the old keys.
        fresh.password = false;
        fresh.pairing = null;
        return true;
      });
      await this.#firstRound();
      return this.status();
    });
  }

  /** This device leaves the sync: its files are removed from the folder; its accounts stay. */
  async stop(): Promise<SyncStatus> {
    return this.#serial(async () => {
      const { vault } = this.#deps;
      let stored: StoredSync | null = null;
      try {
        stored = readStoredSync(vault.syncData());
      } catch (error) {
        // Unreadable sync data: stopping is how it is cleared.
        if (!isAuthdeskError(error) || error.code !== 'VAULT_CORRUPT') throw error;
      }
      if (stored) await removeOwnFiles(stored);
      await vault.syncChange((draft) => {
        const write = draft.sync !== undefined;
        delete draft.sync;
        return { value: undefined, write };
      });
      this.#memory = freshMemory();
      this.#emit();
      return this.status();
    });
  }

  async #round(): Promise<void> {
    // Nothing to run (and no status to push) while sync is off.
    if (!this.#stored()) throw syncOff();
    this.#memory.running = true;
    this.#emit();
    try {
      const report = await runRound({
        current: () => this.#stored(),
        vault: this.#deps.vault,
        clock: this.#deps.clock,
        peeks: this.#peeks,
        previous: this.#memory.problems,
        settled: this.#settled,
      });
      this.#settled = report.settled;
      this.#memory.paused = false;
      this.#memory.problems = report.problems;
      this.#memory.lastSync = new Date(this.#deps.clock.now()).toISOString();
      if (report.merge) this.#memory.lastMerge = report.merge;
    } catch (error) {
      this.#noteFailure(error);
      throw error;
    } finally {
      this.#memory.running = false;
      this.#emit();
    }
  }

  /** The round after setting up or removing a device: its failure shows in the status (paused, a problem), the setup stands. */
  async #firstRound(): Promise<void> {
    try {
      await this.#round();
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
    }
  }

  #noteFailure(error: unknown): void {
    if (!isAuthdeskError(error) || error.code === 'SYNC_OFF' || error.code === 'VAULT_LOCKED') {
      return;
    }
    if (error.code === 'SYNC_FOLDER_UNREACHABLE') {
      this.#memory.paused = true;
      return;
    }
    const since =
      this.#memory.problems.find(
        (problem) => problem.kind === 'error' && problem.error.code === error.code,
      )?.since ?? new Date(this.#deps.clock.now()).toISOString();
    const problem: SyncProblem = { kind: 'error', device: null, error: error.toInfo(), since };
    this.#memory.problems = [
      ...this.#memory.problems.filter((known) => known.device !== null),
      problem,
    ];
  }

  async #setPassword(password: string | null): Promise<void> {
    const stored = this.#active();
    const folder = new SyncFolder(stored.folder);
    if (password === null) await removePasswordJoin(folder, stored.device.id);
    else {
      await writePasswordJoin(
        folder,
        stored.device.id,
        stored.keys,
        password,
        this.#deps.passwordCost,
      );
    }
    await this.#update(stored, (fresh) => {
      const write = fresh.password !== (password !== null);
      fresh.password = password !== null;
      return write;
    });
  }

  async #setUp(stored: StoredSync): Promise<void> {
    await this.#deps.vault.syncChange((draft) => {
      const there = readStoredSync(draft.sync);
      if (there && !there.removedBy) throw alreadyOn();
      draft.sync = stored;
      return { value: undefined, write: true };
    });
    this.#memory = freshMemory();
  }

  /**
   * The vault's sync data, read again only when the vault has a new revision (every change of the
   * sync data is a write). Read-only for callers: changes go through the vault. VAULT_LOCKED.
   */
  #stored(): StoredSync | null {
    const { vault } = this.#deps;
    const revision = vault.revision;
    if (this.#read?.revision !== revision) {
      this.#read = { revision, stored: readStoredSync(vault.syncData()) };
    }
    return this.#read.stored;
  }

  /** Sync data that rounds may run on: SYNC_OFF when off, SYNC_REMOVED after another device removed this one. */
  #active(): StoredSync {
    const stored = this.#stored();
    if (!stored) throw syncOff();
    if (stored.removedBy) {
      throw new AuthdeskError(
        'SYNC_REMOVED',
        `${stored.removedBy.name} removed this computer from the sync: set up sync again to join.`,
      );
    }
    return stored;
  }

  #refuseIfOn(): void {
    const stored = this.#stored();
    if (stored && !stored.removedBy) throw alreadyOn();
  }

  /** Changes the sync data of the newest vault file; `change` says whether it changed anything. */
  async #update(stored: StoredSync, change: (fresh: StoredSync) => boolean): Promise<void> {
    await this.#deps.vault.syncChange((draft) => {
      const fresh = storedIn(draft.sync, stored.device.id);
      const write = change(fresh);
      draft.sync = fresh;
      return { value: undefined, write };
    });
  }

  #emit(): void {
    const { onStatus, vault } = this.#deps;
    if (!onStatus || !vault.isUnlocked) return;
    onStatus(this.status());
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
