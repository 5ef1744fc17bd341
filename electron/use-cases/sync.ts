// ISSUE16-PENDING (helper C1 replaces the bodies; the signatures are the contract the doors code against).
// Sync through a folder, as one service over the vault: start (a new sync key), join (pairing code or
// sync password), one round (publish this device's changes, merge the others'), pairing offers, the
// sync password, removing a device (the key rotates), stopping. The window (through SyncRunner) and
// the command line call these; nothing here watches or waits: use-cases/sync-runner.ts does.
import type { PairingOffer, SyncStatus } from '../../shared/sync';
import type { Clock } from '../ports';
import type { Vault } from '../vault/vault';

export interface SyncServiceDeps {
  vault: Vault;
  clock: Clock;
  /** The computer's name, the default device name. */
  hostname: () => string;
  /** Scrypt cost of a sync password file; tests only lower it. */
  passwordCost?: { N: number };
  /** After every change of the status (a round, a problem, a setting), e.g. to push it to the window. */
  onStatus?: (status: SyncStatus) => void;
}

export class SyncService {
  constructor(deps: SyncServiceDeps) {
    void deps;
  }

  /** The status as the vault and the last round know it; { phase: 'off' } when not set up. VAULT_LOCKED. */
  status(): SyncStatus {
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** A new sync in an empty folder (SYNC_FOLDER_IN_USE otherwise), then a first round. */
  async start(options: {
    folder: string;
    deviceName?: string;
    syncPassword?: string;
  }): Promise<SyncStatus> {
    void options;
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** Joins the sync in `folder` with a pairing code or the sync password, then a first round. */
  async join(options: {
    folder: string;
    deviceName?: string;
    code?: string;
    syncPassword?: string;
  }): Promise<SyncStatus> {
    void options;
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** One round now. SYNC_OFF; SYNC_FOLDER_UNREACHABLE (the status then says paused). */
  async syncNow(): Promise<SyncStatus> {
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  async offerPairing(): Promise<PairingOffer> {
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  async withdrawPairing(): Promise<SyncStatus> {
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** Sets (or with null removes) the sync password other devices may join with. */
  async setSyncPassword(password: string | null): Promise<SyncStatus> {
    void password;
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** Removes another device: the key rotates and this device's snapshot is sealed again. SYNC_DEVICE_NOT_FOUND. */
  async removeDevice(id: string): Promise<SyncStatus> {
    void id;
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }

  /** This device leaves the sync: its files are removed from the folder; its accounts stay. */
  async stop(): Promise<SyncStatus> {
    throw new Error('ISSUE16-PENDING: use-cases/sync.ts');
  }
}
