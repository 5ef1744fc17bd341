// Sync as the window sets it up: the folder only from main's own dialog (the window holds a handle,
// never a path it could make up), and the vault password asked again before anything sends the
// vault's accounts somewhere new or changes who may read them (start, join, sync password, removing
// a device). Everything goes through the runner, in turn with the rounds.
import { posix } from 'node:path';
import { AuthdeskError } from '../../shared/errors';
import type { PairingOffer, SyncStatus } from '../../shared/sync';
import type { Clock, DialogPort } from '../ports';
import type { Vault } from '../vault/vault';
import { FolderChoices } from './backup-folder';
import type { SyncRunner } from './sync-runner';

export interface SyncWindowDeps {
  vault: Vault;
  runner: SyncRunner;
  dialogs: DialogPort;
  clock: Clock;
  platform: string;
}

/** A folder the sync may use: a full path; network shares are fine (that is what many sync through). */
export function checkSyncFolder(folder: string, platform: string): void {
  // Windows' device namespaces (\\?\, \\.\) are not folders a user picks; UNC shares (\\nas\share) are.
  const device = /^[\\/]{2}[?.][\\/]/.test(folder);
  const absolute =
    platform === 'win32'
      ? /^[a-zA-Z]:[\\/]/.test(folder) || /^[\\/]{2}[^\\/?.]/.test(folder)
      : posix.isAbsolute(folder);
  if (device || folder.includes('\0') || !absolute) {
    throw new AuthdeskError('INVALID_ARGUMENT', `${folder} is not a folder sync can use.`);
  }
}

export class SyncWindow {
  readonly #deps: SyncWindowDeps;
  readonly #folders: FolderChoices;

  constructor(deps: SyncWindowDeps) {
    this.#deps = deps;
    this.#folders = new FolderChoices(deps.clock);
  }

  status(): SyncStatus {
    return this.#deps.runner.status();
  }

  /** main's folder dialog; null when it was closed. VAULT_LOCKED before the dialog. */
  async chooseFolder(): Promise<{ handle: string; folder: string } | null> {
    this.#deps.vault.list();
    const folder = await this.#deps.dialogs.pickFolder();
    if (folder === null) return null;
    checkSyncFolder(folder, this.#deps.platform);
    return this.#folders.add(folder);
  }

  async start(args: {
    folderHandle: string;
    password: string;
    deviceName?: string | undefined;
    syncPassword?: string | undefined;
  }): Promise<SyncStatus> {
    const folder = this.#folders.folder(args.folderHandle);
    await this.#deps.vault.checkPassword(args.password);
    const status = await this.#deps.runner.change((sync) =>
      sync.start({
        folder,
        ...(args.deviceName !== undefined && { deviceName: args.deviceName }),
        ...(args.syncPassword !== undefined && { syncPassword: args.syncPassword }),
      }),
    );
    this.#folders.drop(args.folderHandle);
    return this.#withPolling(status);
  }

  async join(args: {
    folderHandle: string;
    password: string;
    deviceName?: string | undefined;
    with: { kind: 'code'; code: string } | { kind: 'password'; syncPassword: string };
  }): Promise<SyncStatus> {
    const folder = this.#folders.folder(args.folderHandle);
    await this.#deps.vault.checkPassword(args.password);
    const status = await this.#deps.runner.change((sync) =>
      sync.join({
        folder,
        ...(args.deviceName !== undefined && { deviceName: args.deviceName }),
        ...(args.with.kind === 'code'
          ? { code: args.with.code }
          : { syncPassword: args.with.syncPassword }),
      }),
    );
    this.#folders.drop(args.folderHandle);
    return this.#withPolling(status);
  }

  /** A round now; a folder out of reach answers with the paused status. */
  syncNow(): Promise<SyncStatus> {
    return this.#deps.runner.now();
  }

  offerPairing(): Promise<PairingOffer> {
    return this.#deps.runner.change((sync) => sync.offerPairing());
  }

  async withdrawPairing(): Promise<SyncStatus> {
    return this.#withPolling(await this.#deps.runner.change((sync) => sync.withdrawPairing()));
  }

  async setSyncPassword(password: string, syncPassword: string | null): Promise<SyncStatus> {
    await this.#deps.vault.checkPassword(password);
    return this.#withPolling(
      await this.#deps.runner.change((sync) => sync.setSyncPassword(syncPassword)),
    );
  }

  async removeDevice(id: string, password: string): Promise<SyncStatus> {
    await this.#deps.vault.checkPassword(password);
    return this.#withPolling(await this.#deps.runner.change((sync) => sync.removeDevice(id)));
  }

  async stop(): Promise<SyncStatus> {
    return this.#withPolling(await this.#deps.runner.change((sync) => sync.stop()));
  }

  #withPolling(status: SyncStatus): SyncStatus {
    return { ...status, polling: this.#deps.runner.polling };
  }
}
