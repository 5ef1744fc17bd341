// The app's one vault: status, create, unlock and lock, account changes, and noticing other writers.
import type { Account, AccountInput, AccountPatch } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { LockReason, VaultState } from '../../shared/ipc';
import type { AutoBackupSource } from './auto-backup';
import type { KeySlot } from '../vault/envelope';
import type { KdfCost } from '../vault/kdf';
import type { BackupKey } from '../vault/payload';
import { Vault } from '../vault/vault';
import type { Timers } from '../clock/clock';
import type { UnlockThrottle } from '../vault/unlock-throttle';

const DISK_POLL_MS = 2_000;

export interface VaultServiceEvents {
  locked(reason: LockReason): void;
  /** Accounts changed, here or in another process (the CLI). */
  changed(accounts: Account[]): void;
}

export class VaultService {
  private vault: Vault | undefined;
  private poll: unknown;

  constructor(
    readonly path: string,
    private readonly events: VaultServiceEvents,
    private readonly timers: Timers,
    /** Every check of the vault password goes through it: unlock, re-asking, changing it. */
    private readonly throttle: UnlockThrottle,
    /** Lower KDF cost for tests only; the app always uses the default. */
    private readonly kdf?: Partial<KdfCost>,
  ) {}

  async state(): Promise<VaultState> {
    if (this.vault?.isUnlocked) return 'unlocked';
    return (await Vault.exists(this.path)) ? 'locked' : 'missing';
  }

  get isUnlocked(): boolean {
    return this.vault?.isUnlocked ?? false;
  }

  async create(password: string): Promise<void> {
    this.vault = await Vault.create(this.path, password, this.kdf ? { kdf: this.kdf } : undefined);
    this.startPolling();
    this.events.changed(this.accounts());
  }

  /** WRONG_PASSWORD; UNLOCK_THROTTLED after too many in a row (see unlock-throttle.ts). */
  async unlock(password: string): Promise<void> {
    const vault = await Vault.open(this.path);
    await this.throttle.attempt(() => vault.unlock(password));
    this.adopt(vault);
  }

  lock(reason: LockReason): void {
    const wasUnlocked = this.isUnlocked;
    this.stopPolling();
    this.vault?.lock();
    this.vault = undefined;
    if (wasUnlocked) this.events.locked(reason);
  }

  /** Unlocks with another kind of slot (the OS keychain); its refusal is that kind's error. */
  async unlockWith<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    const vault = await Vault.open(this.path);
    await vault.unlockWith(kind, credential);
    this.adopt(vault);
  }

  /** Proves that `kind` opens the vault file as it is on disk; what is unlocked stays as it is. */
  async checkSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    const probe = await Vault.open(this.path);
    await probe.unlockWith(kind, credential);
    probe.lock();
  }

  /** The types of the vault file's slots, read from disk (works locked); [] when there is no vault. */
  async slotTypes(): Promise<string[]> {
    return (await Vault.exists(this.path)) ? Vault.slotTypes(this.path) : [];
  }

  /** Adds or replaces the slots of a non-password kind. VAULT_LOCKED when locked. */
  async setSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    await this.unlocked().setSlot(kind, credential);
  }

  /** Removes every slot of a non-password type. VAULT_LOCKED when locked. */
  async removeSlots(type: string): Promise<void> {
    await this.unlocked().removeSlots(type);
  }

  /** The decrypted accounts, or undefined while locked. */
  accountsOrUndefined(): Account[] | undefined {
    return this.vault?.isUnlocked ? this.vault.list() : undefined;
  }

  accounts(): Account[] {
    return this.unlocked().list();
  }

  async add(input: AccountInput, allowDuplicate: boolean): Promise<Account> {
    return this.mutate((v) => v.add(input, { allowDuplicate }));
  }

  /** One write for all of them; duplicates are added too (the user chose them in an import). */
  async addMany(inputs: AccountInput[]): Promise<Account[]> {
    return this.mutate(async (v) => (await v.addMany(inputs, { skipDuplicates: false })).added);
  }

  /**
   * Restore by replacing: the vault file as it was is kept beside it first (keptCopy); then the
   * accounts are exactly `inputs`. See Vault.replaceAll.
   */
  async replaceAll(
    inputs: AccountInput[],
    groups: string[],
  ): Promise<{ added: Account[]; keptCopy: string }> {
    return this.mutate((v) => v.replaceAll(inputs, groups));
  }

  /** WRONG_PASSWORD unless it is the vault's password; locked or unlocked, changes nothing. */
  async checkPassword(password: string): Promise<void> {
    // Throttled like unlock: otherwise a renderer could guess through reveal or export instead.
    const vault = this.vault ?? (await Vault.open(this.path));
    await this.throttle.attempt(() => vault.checkPassword(password));
  }

  /** A copy of what a backup holds. VAULT_LOCKED when locked. */
  contents(): { accounts: Account[]; groups: string[]; revision: number } {
    return this.unlocked().contents();
  }

  async setBackupKey(key: BackupKey | null): Promise<void> {
    return this.mutate((v) => v.setBackupKey(key));
  }

  /** What automatic backups write (AutoBackupDeps.source), or undefined while locked. */
  backupSource(): AutoBackupSource | undefined {
    if (!this.vault?.isUnlocked) return undefined;
    return { ...this.vault.contents(), key: this.vault.backupKey() };
  }

  async update(id: string, patch: AccountPatch): Promise<Account> {
    return this.mutate((v) => v.update(id, patch));
  }

  async remove(id: string): Promise<void> {
    return this.mutate((v) => v.remove(id));
  }

  async reorder(ids: string[]): Promise<void> {
    return this.mutate((v) => v.reorder(ids));
  }

  async nextHotp(id: string): Promise<Account> {
    return this.mutate(async (v) => {
      const account = v.get(id);
      if (account.type !== 'hotp') {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'Only HOTP accounts have a counter to advance.',
        );
      }
      return v.update(id, { counter: account.counter + 1 });
    });
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const vault = this.unlocked();
    await this.throttle.attempt(() => vault.changePassword(oldPassword, newPassword));
  }

  private async mutate<T>(change: (vault: Vault) => Promise<T>): Promise<T> {
    const result = await change(this.unlocked());
    this.events.changed(this.accounts());
    return result;
  }

  /** The newly unlocked vault replaces the one held, and is watched and announced. */
  private adopt(vault: Vault): void {
    this.vault?.lock();
    this.vault = vault;
    this.startPolling();
    this.events.changed(this.accounts());
  }

  private unlocked(): Vault {
    if (!this.vault?.isUnlocked) throw new AuthdeskError('VAULT_LOCKED', 'The vault is locked.');
    return this.vault;
  }

  /** The CLI may write the same vault; a newer revision on disk is loaded and announced. */
  private startPolling(): void {
    this.stopPolling();
    this.poll = this.timers.setTimeout(() => void this.checkDisk(), DISK_POLL_MS);
  }

  private stopPolling(): void {
    if (this.poll !== undefined) this.timers.clearTimeout(this.poll);
    this.poll = undefined;
  }

  private async checkDisk(): Promise<void> {
    const vault = this.vault;
    if (!vault?.isUnlocked) return;
    try {
      if (await vault.refresh()) this.events.changed(vault.list());
    } catch {
      // A half-visible or unreadable file is retried on the next poll; the loaded state stays valid.
    }
    if (this.vault === vault && vault.isUnlocked) this.startPolling();
  }
}
