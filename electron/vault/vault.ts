// The vault: the decrypted account list over a session that holds the key and saves. The one service
// every door uses: the app holds one (with events, the unlock throttle and a watch on the file), the
// command line opens one per command.
import { resolve } from 'node:path';
import type { Account, AccountInput, AccountPatch } from '../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { LockReason, VaultState } from '../../shared/ipc';
import type { Timers } from '../ports';
import type { KeySlot } from './envelope';
import { cancelledError, type KdfCost } from './kdf';
import { passwordSlot } from './password-slot';
import {
  fromStoredBackupKey,
  toStoredBackupKey,
  type BackupKey,
  type VaultPayload,
} from './payload';
import type { UnlockThrottle } from './unlock-throttle';
import {
  addAccounts,
  findAccount,
  findDuplicates,
  removeAccount,
  reorderAccounts,
  replaceAccounts,
  updateAccount,
  type SkippedInput,
} from './vault-accounts';
import { fileExists, readEnvelope } from './vault-file';
import {
  checkPatchIcon,
  iconImages,
  offerPictures,
  storePicture,
  type IconPictures,
  type IconStore,
} from './icon-store';
import { createTag, removeTag, renameTag, reorderTags, tagCounts } from './vault-tags';
import { VaultSession, type SessionOptions, type SlotRewrap } from './vault-session';

export interface VaultEvents {
  locked(reason: LockReason): void;
  /** Accounts changed, here or in another process (the CLI). */
  changed(accounts: Account[]): void;
}

export interface VaultOptions extends SessionOptions {
  /** Scrypt cost of a new password slot (create, change password); tests only lower it. */
  kdf?: Partial<KdfCost>;
  events?: VaultEvents;
  /** Every check of the vault password goes through it: unlock, re-asking, changing it. */
  throttle?: UnlockThrottle;
  /** Looks at the file every 2 s while unlocked, to load another process's save. */
  watch?: Timers;
}

const DISK_POLL_MS = 2_000;

/** Test hook: `vault[masterKeyForTests]()` is the live key Buffer, to prove lock() zeroes it. */
export const masterKeyForTests = Symbol('authdesk.vault.masterKey');

/**
 * Everything returned is a copy: callers cannot change the vault except through its methods.
 * Every change takes the file lock, re-reads the newest file, applies itself to that, and saves.
 */
export class Vault {
  readonly path: string;
  readonly #options: VaultOptions;
  #session: VaultSession | undefined;
  #poll: unknown;

  constructor(path: string, options: VaultOptions = {}) {
    this.path = resolve(path);
    this.#options = options;
  }

  /** Creates the file and returns the vault unlocked. */
  static async create(path: string, password: string, options: VaultOptions = {}): Promise<Vault> {
    const vault = new Vault(path, options);
    await vault.create(password);
    return vault;
  }

  /** Reads and checks the file (VAULT_NOT_FOUND, VAULT_CORRUPT); the vault is returned locked. */
  static async open(path: string, options: VaultOptions = {}): Promise<Vault> {
    const vault = new Vault(path, options);
    vault.#session = await VaultSession.open(vault.path, options);
    return vault;
  }

  static async exists(path: string): Promise<boolean> {
    return fileExists(resolve(path), 'authdesk-vault');
  }

  async state(): Promise<VaultState> {
    if (this.isUnlocked) return 'unlocked';
    return (await Vault.exists(this.path)) ? 'locked' : 'missing';
  }

  get isUnlocked(): boolean {
    return this.#session?.isUnlocked ?? false;
  }

  get revision(): number {
    return this.#unlocked().state.revision;
  }

  /** Creates the file (VAULT_EXISTS if there is one) and holds it unlocked. */
  async create(password: string): Promise<void> {
    if (typeof password !== 'string' || password.length === 0) {
      throw new AuthdeskError('PASSWORD_INVALID', 'The password must not be empty.');
    }
    const session = await VaultSession.create(this.path, password, this.#options);
    this.#adopt(session);
  }

  /**
   * Reads the file as it is now and unlocks it. WRONG_PASSWORD; VAULT_CORRUPT when the password is
   * right but the contents are damaged; UNLOCK_THROTTLED after too many wrong ones in a row.
   * CANCELLED when `signal` went first: no further key is derived, a key that opened meanwhile is
   * thrown away, and the vault stays as it was (a cancelled try is not a wrong password).
   */
  async unlock(password: string, signal?: AbortSignal): Promise<void> {
    await this.unlockWith(passwordSlot(), password, signal, { throttled: true });
  }

  /** Unlocks with another kind of slot (the OS keychain); its refusal is that kind's error. */
  async unlockWith<C>(
    kind: KeySlot<C>,
    credential: C,
    signal?: AbortSignal,
    options: { throttled?: boolean } = {},
  ): Promise<void> {
    const session = await this.#fresh();
    const open = () => session.unlockWith(kind, credential, signal);
    await (options.throttled ? this.#attempt(open) : open());
    if (signal?.aborted) {
      session.lock();
      throw cancelledError();
    }
    this.#adopt(session);
  }

  /** Proves that `kind` opens the vault file as it is on disk; what is unlocked stays as it is. */
  async checkSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    const probe = await VaultSession.open(this.path, this.#options);
    await probe.unlockWith(kind, credential);
    probe.lock();
  }

  /** The types of the file's slots ('password', 'system', …), read without a key; [] without a file. */
  async slotTypes(): Promise<string[]> {
    if (!(await Vault.exists(this.path))) return [];
    return (await readEnvelope(this.path, 'authdesk-vault')).slots.map((slot) => slot.type);
  }

  /**
   * WRONG_PASSWORD unless the password opens the password slot of the file (re-asking before an
   * export or a restore). Changes nothing; works locked or unlocked; throttled like unlock.
   */
  async checkPassword(password: string): Promise<void> {
    const session = this.#session ?? (await VaultSession.open(this.path, this.#options));
    await this.#attempt(() => session.checkPassword(password));
  }

  /** Forgets the accounts and zeroes the master key; `locked` is announced if it was unlocked. */
  lock(reason: LockReason = 'user'): void {
    const wasUnlocked = this.isUnlocked;
    this.#stopWatching();
    this.#session?.lock();
    this.#session = undefined;
    if (wasUnlocked) this.#options.events?.locked(reason);
  }

  /** In stored order (pinned accounts are sorted first by the UI, not here). VAULT_LOCKED. */
  list(): Account[] {
    return structuredClone(this.#unlocked().state.accounts);
  }

  /** The decrypted accounts, or undefined while locked. */
  listOrUndefined(): Account[] | undefined {
    return this.isUnlocked ? this.list() : undefined;
  }

  get(id: string): Account {
    return structuredClone(findAccount(this.#unlocked().state.accounts, id));
  }

  /** Accounts with the same credential (secret, type, algorithm, digits, period or counter), whatever their name. */
  findDuplicates(input: AccountInput): Account[] {
    return structuredClone(findDuplicates(this.#unlocked().state.accounts, input));
  }

  /** ACCOUNT_INVALID, or ACCOUNT_DUPLICATE (same credential as an account there) unless allowDuplicate. */
  async add(input: AccountInput, options: { allowDuplicate?: boolean } = {}): Promise<Account> {
    const policy = options.allowDuplicate ? 'allow' : 'refuse';
    return this.#change((session) =>
      session.mutate((draft, now) => ({
        value: addAccounts(draft, offerPictures(draft, [input]), policy, now).added[0]!,
        write: true,
      })),
    );
  }

  /**
   * One write for the whole batch; nothing is added if any input is invalid. Inputs with the same
   * credential as an account in the vault, and exact repeats of an earlier input, are skipped and
   * returned with the reason (shared/duplicate-rule.ts), unless skipDuplicates is false.
   * `pictures`: the icon pictures the inputs name (an import's), kept with them; an input whose
   * picture is neither there nor in the vault is added without its icon.
   */
  async addMany(
    inputs: AccountInput[],
    options: { skipDuplicates?: boolean; pictures?: IconPictures } = {},
  ): Promise<{ added: Account[]; skipped: SkippedInput[] }> {
    if (!Array.isArray(inputs)) {
      throw new AuthdeskError('INVALID_ARGUMENT', 'Expected a list of accounts.');
    }
    const policy = options.skipDuplicates === false ? 'allow' : 'skip';
    return this.#change((session) =>
      session.mutate((draft, now) => {
        const offered = offerPictures(draft, inputs, options.pictures);
        const outcome = addAccounts(draft, offered, policy, now);
        return { value: outcome, write: outcome.added.length > 0 };
      }),
    );
  }

  /** The tag list in display order, unused tags included (shared/tags.ts). VAULT_LOCKED. */
  tags(): string[] {
    return [...this.#unlocked().state.groups];
  }

  /** Each tag and how many accounts have it, in display order. VAULT_LOCKED. */
  tagCounts(): { name: string; accounts: number }[] {
    return tagCounts(this.#unlocked().state);
  }

  /** Adds an unused tag at the end of the list: TAG_EXISTS, TAG_LIMIT. Returns the list. */
  async createTag(name: string): Promise<string[]> {
    return this.#changeTags((draft) => void createTag(draft, name));
  }

  /** Renames a tag everywhere; to an existing name the two become one (vault-tags.ts). TAG_NOT_FOUND. */
  async renameTag(from: string, to: string): Promise<string[]> {
    return this.#changeTags((draft, now) => void renameTag(draft, from, to, now));
  }

  /** Takes a tag off every account and off the list; no account is deleted. TAG_NOT_FOUND. */
  async removeTag(name: string): Promise<string[]> {
    return this.#changeTags((draft, now) => removeTag(draft, name, now));
  }

  /** `names` first, in that order, then the tags not named (vault-tags.ts). TAG_NOT_FOUND. */
  async reorderTags(names: string[]): Promise<string[]> {
    return this.#changeTags((draft) => reorderTags(draft, names));
  }

  /** A key for another file sealed under this vault (VaultSession.derivedKey). VAULT_LOCKED when locked. */
  derivedKey(purpose: string): Buffer {
    return this.#unlocked().derivedKey(purpose);
  }

  /** A copy of what a backup holds (`icons`: the pictures the accounts use). VAULT_LOCKED when locked. */
  contents(): { accounts: Account[]; groups: string[]; revision: number; icons: IconStore } {
    const { accounts, groups, revision, icons } = this.#unlocked().state;
    return {
      accounts: structuredClone(accounts),
      groups: [...groups],
      revision,
      icons: { ...icons },
    };
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
    pictures?: IconPictures,
  ): Promise<{ added: Account[]; keptCopy: string }> {
    return this.#change(async (session) => {
      const { value, copy } = await session.mutateKeepingCopy('restore', (draft, now) => ({
        value: replaceAccounts(draft, offerPictures(draft, inputs, pictures), groups, now),
        write: true,
      }));
      return { added: value, keptCopy: copy! };
    });
  }

  /** The automatic-backup key kept inside the encrypted payload, or null. VAULT_LOCKED when locked. */
  backupKey(): BackupKey | null {
    return fromStoredBackupKey(this.#unlocked().state.autoBackup);
  }

  /** Stores (or with null removes) the automatic-backup key: one write. */
  async setBackupKey(key: BackupKey | null): Promise<void> {
    const stored = key ? toStoredBackupKey(key) : null;
    const check = stored ? fromStoredBackupKey(stored) : null;
    if (stored && !check) {
      throw new AuthdeskError('INVALID_ARGUMENT', 'That is not a usable backup key.');
    }
    // The decoded copy only proved the stored form reads back; it must not linger.
    check?.masterKey.fill(0);
    await this.#change((session) =>
      session.mutate((draft) => {
        const had = draft.autoBackup !== undefined;
        if (stored) draft.autoBackup = stored;
        else delete draft.autoBackup;
        return { value: undefined, write: stored !== null || had };
      }),
    );
  }

  /** This device's sync data as kept in the payload (electron/sync/stored-sync.ts), or undefined. VAULT_LOCKED. */
  syncData(): unknown {
    return structuredClone(this.#unlocked().state.sync);
  }

  /**
   * A sync round (use-cases/sync*.ts) under the lock on the newest file: `change` may set the
   * accounts, groups, icons and `sync` of the draft. `changed` is announced only when it wrote, so
   * that a round which found nothing new does not start another.
   */
  async syncChange<T>(
    change: (draft: VaultPayload, now: string) => { value: T; write: boolean },
  ): Promise<T> {
    let wrote = false;
    const value = await this.#guard(
      this.#unlocked().mutate((draft, now) => {
        const outcome = change(draft, now);
        wrote = outcome.write;
        return outcome;
      }),
    );
    if (wrote) this.#options.events?.changed(this.list());
    return structuredClone(value);
  }

  /** Only the fields of AccountPatch; an empty string clears note and awsSerial, [] the tags. */
  async update(id: string, patch: AccountPatch): Promise<Account> {
    return this.#change((session) =>
      session.mutate((draft, now) => ({
        value: updateAccount(draft, id, checkPatchIcon(draft, patch), now),
        write: true,
      })),
    );
  }

  /** Moves an HOTP account's counter on by one (its code was used). INVALID_ARGUMENT for others. */
  async nextHotp(id: string): Promise<Account> {
    return this.#change((session) =>
      session.mutate((draft, now) => {
        const account = findAccount(draft.accounts, id);
        if (account.type !== 'hotp') {
          throw new AuthdeskError(
            'INVALID_ARGUMENT',
            'Only HOTP accounts have a counter to advance.',
          );
        }
        return {
          value: updateAccount(draft, id, { counter: account.counter + 1 }, now),
          write: true,
        };
      }),
    );
  }

  async remove(id: string): Promise<void> {
    await this.#change((session) =>
      session.mutate((draft) => ({ value: removeAccount(draft, id), write: true })),
    );
  }

  /** `ids` must be a permutation of the current ids, else INVALID_ARGUMENT. */
  async reorder(ids: string[]): Promise<void> {
    await this.#change((session) =>
      session.mutate((draft) => ({ value: reorderAccounts(draft, ids), write: true })),
    );
  }

  /**
   * Keeps `png` (a PNG the icon pipeline made: electron/icons/) in the icon store and makes it the
   * account's icon, in one write; the picture the account had is dropped if nothing else uses it.
   * ICON_UNREADABLE when it is not a PNG the store may hold; ICON_TOO_LARGE when the store is full.
   */
  async setIconPicture(id: string, png: Uint8Array): Promise<Account> {
    return this.#change((session) =>
      session.mutate((draft, now) => ({
        value: updateAccount(draft, id, { icon: storePicture(draft, png) }, now),
        write: true,
      })),
    );
  }

  /** The kept pictures among `hashes` as data: URLs; unknown hashes are left out. VAULT_LOCKED. */
  iconImages(hashes: readonly string[]): Record<string, string> {
    return iconImages(this.#unlocked().state, hashes);
  }

  /**
   * A new master key, the accounts sealed again under it, wrapped by the new password and by each
   * of `rewrap` (the keychain slot); other slots are dropped and their types returned. Keeps the
   * slot's scrypt cost unless `kdf` is given. See VaultSession.changePassword.
   */
  async changePassword(
    oldPassword: string,
    newPassword: string,
    options: { kdf?: Partial<KdfCost>; rewrap?: readonly SlotRewrap[] } = {},
  ): Promise<{ dropped: string[] }> {
    const session = this.#unlocked();
    return this.#attempt(() =>
      this.#guard(
        session.changePassword(oldPassword, newPassword, {
          ...(options.kdf ? { cost: options.kdf } : {}),
          ...(options.rewrap ? { rewrap: options.rewrap } : {}),
        }),
      ),
    );
  }

  /** Adds or replaces the slots of a non-password kind (e.g. the OS keychain). VAULT_LOCKED. */
  async setSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    await this.#guard(this.#unlocked().setSlot(kind, credential));
  }

  /** Removes every slot of that type; the password slot cannot be removed. VAULT_LOCKED. */
  async removeSlots(type: string): Promise<void> {
    await this.#guard(this.#unlocked().removeSlots(type));
  }

  /** Loads the file if another process saved since we read or wrote it; true when it did. */
  async refresh(): Promise<boolean> {
    const changed = await this.#guard(this.#unlocked().refresh());
    if (changed) this.#options.events?.changed(this.list());
    return changed;
  }

  /** @internal */
  [masterKeyForTests](): Buffer | null {
    return this.#session?.masterKey ?? null;
  }

  /** The session to unlock: the one `open` read (a locked one is never kept otherwise), else the file read again. */
  async #fresh(): Promise<VaultSession> {
    const held = this.#session;
    if (held && !held.isUnlocked) return held;
    return VaultSession.open(this.path, this.#options);
  }

  #attempt<T>(check: () => Promise<T>): Promise<T> {
    return this.#options.throttle ? this.#options.throttle.attempt(check) : check();
  }

  #unlocked(): VaultSession {
    const session = this.#session;
    if (!session?.isUnlocked) throw new AuthdeskError('VAULT_LOCKED', 'The vault is locked.');
    return session;
  }

  async #change<T>(change: (session: VaultSession) => Promise<T>): Promise<T> {
    const result = structuredClone(await this.#guard(change(this.#unlocked())));
    this.#options.events?.changed(this.list());
    return result;
  }

  /** A tag change under the lock on the newest file; written only when the list or an account changed. */
  async #changeTags(change: (draft: VaultPayload, now: string) => void): Promise<string[]> {
    return this.#change((session) =>
      session.mutate((draft, now) => {
        const before = JSON.stringify([draft.groups, draft.accounts]);
        change(draft, now);
        return {
          value: [...draft.groups],
          write: JSON.stringify([draft.groups, draft.accounts]) !== before,
        };
      }),
    );
  }

  /**
   * A file that no longer opens with the held key (its password changed elsewhere, another vault)
   * or is older than the one held cannot be followed or saved over: the vault locks, saying why.
   */
  async #guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (isAuthdeskError(error) && error.code === 'VAULT_REPLACED') this.lock('replaced');
      throw error;
    }
  }

  /** The newly unlocked session replaces the one held, and is watched and announced. */
  #adopt(session: VaultSession): void {
    if (this.#session !== session) this.#session?.lock();
    this.#session = session;
    this.#startWatching();
    this.#options.events?.changed(this.list());
  }

  #startWatching(): void {
    const timers = this.#options.watch;
    if (!timers) return;
    this.#stopWatching();
    this.#poll = timers.setTimeout(() => void this.#checkDisk(), DISK_POLL_MS);
  }

  #stopWatching(): void {
    if (this.#poll !== undefined) this.#options.watch?.clearTimeout(this.#poll);
    this.#poll = undefined;
  }

  async #checkDisk(): Promise<void> {
    const session = this.#session;
    if (!session?.isUnlocked) return;
    try {
      await this.refresh();
    } catch {
      // A half-visible or unreadable file is retried on the next poll; the loaded state stays valid.
    }
    if (this.#session === session && session.isUnlocked) this.#startWatching();
  }
}
