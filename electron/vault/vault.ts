// The vault: the decrypted account list that callers see, over a session that holds the key and saves.
import { resolve } from 'node:path';
import type { Account, AccountInput, AccountPatch } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { KeySlot } from './envelope';
import type { KdfCost } from './kdf';
import { passwordSlot } from './password-slot';
import { fromStoredBackupKey, toStoredBackupKey, type BackupKey } from './payload';
import {
  addAccounts,
  findAccount,
  findDuplicates,
  removeAccount,
  reorderAccounts,
  replaceAccounts,
  updateAccount,
} from './vault-accounts';
import { fileExists, readEnvelope } from './vault-file';
import { VaultSession, type SessionOptions } from './vault-session';

export type VaultOptions = SessionOptions;

export interface CreateVaultOptions extends VaultOptions {
  /** Scrypt cost of the password slot; the default is N=2^17, r=8, p=1. */
  kdf?: Partial<KdfCost>;
}

/** Test hook: `vault[masterKeyForTests]()` is the live key Buffer, to prove lock() zeroes it. */
export const masterKeyForTests = Symbol('authdesk.vault.masterKey');

/**
 * Everything returned is a copy: callers cannot change the vault except through its methods.
 * Every change takes the file lock, re-reads the newest file, applies itself to that, and saves.
 */
export class Vault {
  readonly #session: VaultSession;

  private constructor(session: VaultSession) {
    this.#session = session;
  }

  /** Creates the file and returns the vault unlocked. */
  static async create(
    path: string,
    password: string,
    options: CreateVaultOptions = {},
  ): Promise<Vault> {
    if (typeof password !== 'string' || password.length === 0) {
      throw new AuthdeskError('PASSWORD_INVALID', 'The password must not be empty.');
    }
    return new Vault(await VaultSession.create(resolve(path), password, options));
  }

  /** Reads and checks the file (VAULT_NOT_FOUND, VAULT_CORRUPT); the vault is returned locked. */
  static async open(path: string, options: VaultOptions = {}): Promise<Vault> {
    return new Vault(await VaultSession.open(resolve(path), options));
  }

  static async exists(path: string): Promise<boolean> {
    return fileExists(resolve(path), 'authdesk-vault');
  }

  /** The types of the file's slots ('password', 'system', …), read without a key; works locked. */
  static async slotTypes(path: string): Promise<string[]> {
    return (await readEnvelope(resolve(path), 'authdesk-vault')).slots.map((slot) => slot.type);
  }

  get path(): string {
    return this.#session.path;
  }

  get isUnlocked(): boolean {
    return this.#session.isUnlocked;
  }

  get revision(): number {
    return this.#session.state.revision;
  }

  /** WRONG_PASSWORD; VAULT_CORRUPT when the password is right but the contents are damaged. */
  async unlock(password: string): Promise<void> {
    await this.#session.unlockWith(passwordSlot(), password);
  }

  /** Unlocks with another kind of slot, e.g. the OS keychain. */
  async unlockWith<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    await this.#session.unlockWith(kind, credential);
  }

  /**
   * WRONG_PASSWORD unless the password opens the password slot of the file as loaded (re-asking
   * before an export or a restore). Changes nothing; works locked or unlocked.
   */
  async checkPassword(password: string): Promise<void> {
    await this.#session.checkPassword(password);
  }

  /** Forgets the accounts and zeroes the master key. */
  lock(): void {
    this.#session.lock();
  }

  /** In stored order (pinned accounts are sorted first by the UI, not here). */
  list(): Account[] {
    return structuredClone(this.#session.state.accounts);
  }

  get(id: string): Account {
    return structuredClone(findAccount(this.#session.state.accounts, id));
  }

  listGroups(): string[] {
    return [...this.#session.state.groups];
  }

  /** Accounts with the same secret, or the same issuer and name (case-insensitive, trimmed). */
  findDuplicates(input: AccountInput): Account[] {
    return structuredClone(findDuplicates(this.#session.state.accounts, input));
  }

  /** ACCOUNT_INVALID, or ACCOUNT_DUPLICATE unless allowDuplicate. */
  async add(input: AccountInput, options: { allowDuplicate?: boolean } = {}): Promise<Account> {
    const policy = options.allowDuplicate ? 'allow' : 'refuse';
    const added = await this.#session.mutate((draft, now) => ({
      value: addAccounts(draft, [input], policy, now).added[0]!,
      write: true,
    }));
    return structuredClone(added);
  }

  /**
   * One write for the whole batch; nothing is added if any input is invalid. Duplicates (of the
   * vault or of an earlier input) are skipped and returned, unless skipDuplicates is false.
   */
  async addMany(
    inputs: AccountInput[],
    options: { skipDuplicates?: boolean } = {},
  ): Promise<{ added: Account[]; skipped: AccountInput[] }> {
    if (!Array.isArray(inputs)) {
      throw new AuthdeskError('INVALID_ARGUMENT', 'Expected a list of accounts.');
    }
    const policy = options.skipDuplicates === false ? 'allow' : 'skip';
    const result = await this.#session.mutate((draft, now) => {
      const outcome = addAccounts(draft, inputs, policy, now);
      return { value: outcome, write: outcome.added.length > 0 };
    });
    return structuredClone(result);
  }

  /** A copy of what a backup holds. VAULT_LOCKED when locked. */
  contents(): { accounts: Account[]; groups: string[]; revision: number } {
    const { accounts, groups, revision } = this.#session.state;
    return { accounts: structuredClone(accounts), groups: [...groups], revision };
  }

  /**
   * Restore by replacing. Under the file lock, first the vault file as it is is kept beside it as
   * `<name>.before-restore-<UTC stamp>` (0600, durable, never over an existing file); then the
   * accounts become exactly `inputs` (checked like addMany: all or nothing; new ids; duplicates
   * kept) and the groups `groups` plus any group the inputs use. Nothing changes if an input is
   * invalid; if the save fails the copy stays and the vault is as it was.
   */
  async replaceAll(
    inputs: AccountInput[],
    groups: string[],
  ): Promise<{ added: Account[]; keptCopy: string }> {
    const { value, copy } = await this.#session.mutateKeepingCopy('restore', (draft, now) => ({
      value: replaceAccounts(draft, inputs, groups, now),
      write: true,
    }));
    return { added: structuredClone(value), keptCopy: copy! };
  }

  /** The automatic-backup key kept inside the encrypted payload, or null. VAULT_LOCKED when locked. */
  backupKey(): BackupKey | null {
    return fromStoredBackupKey(this.#session.state.autoBackup);
  }

  /** Stores (or with null removes) the automatic-backup key: one write. */
  async setBackupKey(key: BackupKey | null): Promise<void> {
    const stored = key ? toStoredBackupKey(key) : null;
    if (stored && !fromStoredBackupKey(stored)) {
      throw new AuthdeskError('INVALID_ARGUMENT', 'That is not a usable backup key.');
    }
    await this.#session.mutate((draft) => {
      const had = draft.autoBackup !== undefined;
      if (stored) draft.autoBackup = stored;
      else delete draft.autoBackup;
      return { value: undefined, write: stored !== null || had };
    });
  }

  /** Only the fields of AccountPatch; an empty string clears group, note and awsSerial. */
  async update(id: string, patch: AccountPatch): Promise<Account> {
    const updated = await this.#session.mutate((draft, now) => ({
      value: updateAccount(draft, id, patch, now),
      write: true,
    }));
    return structuredClone(updated);
  }

  async remove(id: string): Promise<void> {
    await this.#session.mutate((draft) => ({ value: removeAccount(draft, id), write: true }));
  }

  /** `ids` must be a permutation of the current ids, else INVALID_ARGUMENT. */
  async reorder(ids: string[]): Promise<void> {
    await this.#session.mutate((draft) => ({ value: reorderAccounts(draft, ids), write: true }));
  }

  /**
   * Re-wraps the master key under the new password with a fresh salt; the accounts are not
   * re-encrypted. Keeps the slot's scrypt cost unless `kdf` is given.
   */
  async changePassword(
    oldPassword: string,
    newPassword: string,
    options: { kdf?: Partial<KdfCost> } = {},
  ): Promise<void> {
    await this.#session.changePassword(oldPassword, newPassword, options.kdf);
  }

  /** Adds or replaces the slots of a non-password kind (e.g. the OS keychain). */
  async setSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    await this.#session.setSlot(kind, credential);
  }

  /** Removes every slot of that type; the password slot cannot be removed. */
  async removeSlots(type: string): Promise<void> {
    await this.#session.removeSlots(type);
  }

  /** Cheap check for another process's save: reads the file, no KDF, no decryption, no lock. */
  async hasNewerOnDisk(): Promise<boolean> {
    return this.#session.hasNewerOnDisk();
  }

  /** Loads the file if another process saved since we read or wrote it; true when it did. */
  async refresh(): Promise<boolean> {
    return this.#session.refresh();
  }

  /** @internal */
  [masterKeyForTests](): Buffer | null {
    return this.#session.masterKey;
  }
}
