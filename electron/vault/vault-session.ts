// The vault file with its master key: unlock, lock, slots, and saving the payload under the file lock.
import { hkdfSync, timingSafeEqual } from 'node:crypto';
import * as realFs from 'node:fs/promises';
import { AuthdeskError } from '../../shared/errors';
import { backupPathOf, createFileDurably, type DurableFs } from './durable-write';
import {
  ENVELOPE_VERSION,
  newMasterKey,
  openPayload,
  sealPayload,
  unwrapMasterKey,
  type EnvelopeContext,
  type KeySlot,
  type Sealed,
  type StoredSlot,
} from './envelope';
import type { KdfCost } from './kdf';
import { isPasswordSlot, passwordSlot, passwordSlotCost } from './password-slot';
import { keepUsedIcons } from './icon-store';
import { decodePayload, emptyPayload, encodePayload, type VaultPayload } from './payload';
import {
  fileExists,
  readEnvelope,
  serializeEnvelope,
  writeEnvelope,
  type Envelope,
} from './vault-file';
import { lockVault, type HeldLock } from './vault-lock';

const CONTEXT: EnvelopeContext = { format: 'authdesk-vault', version: ENVELOPE_VERSION };

export interface SessionOptions {
  now?: () => Date;
  /** How long a save waits for another process's lock before VAULT_BUSY. */
  lockWaitMs?: number;
  /** Tests only: wraps the real file calls of a save to inject failures such as ENOSPC. */
  fs?: DurableFs;
}

/** A change to a draft of the newest payload; `write: false` when it turned out to change nothing. */
type Change<T> = (draft: VaultPayload, now: string) => { value: T; write: boolean };

const MAX_COPY_SUFFIX = 100;

/** A slot to wrap the new master key with when the password changes (e.g. the OS keychain). */
export interface SlotRewrap {
  type: string;
  /** null when it cannot now (the keychain is gone): the slot is then dropped. */
  wrap(masterKey: Buffer, context: EnvelopeContext): Promise<StoredSlot | null>;
}

interface Unlocked {
  key: Buffer;
  state: VaultPayload;
}

/** The newest file, read and decrypted under the file lock. */
interface Newest {
  envelope: Envelope;
  state: VaultPayload;
  unlocked: Unlocked;
  lock: HeldLock;
}

function clock(options: SessionOptions): Date {
  return options.now ? options.now() : new Date();
}

function sealState(state: VaultPayload, key: Buffer): Sealed {
  const plaintext = encodePayload(state);
  try {
    return sealPayload(plaintext, key, CONTEXT);
  } finally {
    plaintext.fill(0);
  }
}

function replacedUnderUs(cause?: unknown): AuthdeskError {
  return new AuthdeskError(
    'VAULT_REPLACED',
    'The vault file on disk no longer opens with the unlocked key: its password was changed elsewhere, or it was damaged or replaced by another vault. Nothing was changed; unlock it again.',
    { cause },
  );
}

function rolledBack(onDisk: number, held: number): AuthdeskError {
  return new AuthdeskError(
    'VAULT_REPLACED',
    `The vault file on disk is older than the one open (revision ${onDisk}, open ${held}): an older copy was put back, and changes made since are missing from it. Nothing was saved over it; unlock to use the file as it is, or put the newer copy back first.`,
  );
}

/**
 * Opening with the key we already hold: a failure means the file changed under us. The revision
 * sits inside the authenticated payload, so a file that opens cannot lie about it; one lower than
 * the revision held is an older copy put back (a deleted account back, an old HOTP counter).
 */
function openWithHeldKey(envelope: Envelope, held: Unlocked): VaultPayload {
  let plaintext: Buffer;
  try {
    plaintext = openPayload(envelope.payload, held.key, CONTEXT);
  } catch (error) {
    throw replacedUnderUs(error);
  }
  const state = decodePayload(plaintext);
  if (state.revision < held.state.revision) throw rolledBack(state.revision, held.state.revision);
  return state;
}

export class VaultSession {
  readonly path: string;
  readonly #options: SessionOptions;
  /** The file as last read or written; its payload is the one `#unlocked.state` came from. */
  #envelope: Envelope;
  #unlocked: Unlocked | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, envelope: Envelope, options: SessionOptions) {
    this.path = path;
    this.#envelope = envelope;
    this.#options = options;
  }

  /** Writes a new vault file (VAULT_EXISTS if there is one) and returns it unlocked. */
  static async create(
    path: string,
    password: string,
    options: SessionOptions & { kdf?: Partial<KdfCost> },
  ): Promise<VaultSession> {
    const key = newMasterKey();
    try {
      // The KDF runs before the lock is taken, so other processes are not kept waiting.
      const slot = await passwordSlot(options.kdf).wrap(key, password, CONTEXT);
      const state: VaultPayload = { ...emptyPayload(clock(options)), revision: 1 };
      const envelope: Envelope = { ...CONTEXT, slots: [slot], payload: sealState(state, key) };
      const lock = await lockVault(path, { waitMs: options.lockWaitMs });
      try {
        if (await fileExists(path, CONTEXT.format)) {
          throw new AuthdeskError('VAULT_EXISTS', `A vault already exists at ${path}.`);
        }
        await lock.assertHeld();
        await writeEnvelope(path, envelope, { fs: options.fs });
      } finally {
        await lock.release();
      }
      const session = new VaultSession(path, envelope, options);
      session.#unlocked = { key, state };
      return session;
    } catch (error) {
      key.fill(0);
      throw error;
    }
  }

  /** Reads and checks the file; locked. */
  static async open(path: string, options: SessionOptions): Promise<VaultSession> {
    return new VaultSession(path, await readEnvelope(path, CONTEXT.format), options);
  }

  get isUnlocked(): boolean {
    return this.#unlocked !== null;
  }

  /** The decrypted payload; callers must not modify it. */
  get state(): VaultPayload {
    return this.#require().state;
  }

  /** For Vault's test hook only; never hand it further. */
  get masterKey(): Buffer | null {
    return this.#unlocked?.key ?? null;
  }

  /**
   * A 32-byte key for something else the vault's owner keeps encrypted (the AWS session cache):
   * HKDF-SHA256 of the master key with `purpose` as info. A new master key (a password change)
   * gives new keys, so what was sealed under the old ones no longer opens. The caller owns the copy.
   */
  derivedKey(purpose: string): Buffer {
    if (typeof purpose !== 'string' || purpose.length === 0) {
      throw new AuthdeskError('INVALID_ARGUMENT', 'A derived key needs a purpose.');
    }
    return Buffer.from(hkdfSync('sha256', this.#require().key, Buffer.alloc(0), purpose, 32));
  }

  /** Reads the newest file and opens it with the first slot of `kind` that accepts `credential`. */
  async unlockWith<C>(kind: KeySlot<C>, credential: C, signal?: AbortSignal): Promise<void> {
    await this.#serial(async () => {
      const envelope = await readEnvelope(this.path, CONTEXT.format);
      const { key } = await unwrapMasterKey(envelope.slots, kind, credential, CONTEXT, signal);
      let state: VaultPayload;
      try {
        // A slot opened, so a failed tag here is damage, not a wrong password.
        state = decodePayload(openPayload(envelope.payload, key, CONTEXT));
      } catch (error) {
        key.fill(0);
        throw error;
      }
      this.lock();
      this.#envelope = envelope;
      this.#unlocked = { key, state };
    });
  }

  lock(): void {
    this.#unlocked?.key.fill(0);
    this.#unlocked = null;
  }

  /**
   * Applies `change` to a copy of the newest state on disk and saves it as the next revision.
   * Memory is replaced only after the write succeeded: a failure leaves file and memory as they were.
   */
  mutate<T>(change: Change<T>): Promise<T> {
    return this.#underLock((newest) => this.#commit(newest, change));
  }

  /**
   * As mutate, but before the new revision is saved the file as it is (read under the lock) is
   * kept beside it as `<name>.before-<label>-<UTC stamp>`, durably and never over an existing
   * file. `copy` is its path (null when nothing was written). The copy stays if the save then
   * fails: it holds the vault as it still is, and deleting is never done for the user.
   */
  mutateKeepingCopy<T>(
    label: string,
    change: Change<T>,
  ): Promise<{ value: T; copy: string | null }> {
    return this.#underLock(async (newest) => {
      let copy: string | null = null;
      const value = await this.#commit(newest, change, async (now) => {
        copy = await this.#keepCopy(newest.envelope, label, now);
      });
      return { value, copy };
    });
  }

  /**
   * WRONG_PASSWORD unless `password` opens the password slot of the file as last read or written
   * (and, while unlocked, yields the key in use). Changes nothing; works locked or unlocked.
   */
  async checkPassword(password: string): Promise<void> {
    const kind = passwordSlot();
    const { key } = await unwrapMasterKey(this.#envelope.slots, kind, password, CONTEXT);
    try {
      const held = this.#unlocked?.key;
      if (held && !timingSafeEqual(key, held)) throw kind.refused();
    } finally {
      key.fill(0);
    }
  }

  /**
   * A new master key: the payload is sealed again under it, the password slot wraps it under the new
   * password (fresh salt, the old slot's cost unless `cost`), and each slot in `rewrap` wraps it too.
   * Every other slot (more password slots, a keychain slot nobody re-wrapped, types this version
   * does not know) held the old key and is dropped; their types are returned. The previous
   * generation (`.bak`) is sealed again under the new key, so no copy this save leaves behind opens
   * with the old password. Older copies elsewhere still open with it, but only to their own
   * contents: the old key opens nothing of the new file.
   */
  async changePassword(
    oldPassword: string,
    newPassword: string,
    options: { cost?: Partial<KdfCost>; rewrap?: readonly SlotRewrap[] } = {},
  ): Promise<{ dropped: string[] }> {
    const current = this.#envelope.slots.find(isPasswordSlot);
    const cost = options.cost ?? (current ? passwordSlotCost(current) : {});
    const key = newMasterKey();
    try {
      // The KDF and the keychain run before the lock is taken, so other processes are not kept waiting.
      const passwordSlotNew = await passwordSlot(cost).wrap(key, newPassword, CONTEXT);
      const rewrapped = new Map<string, StoredSlot>();
      for (const rewrap of options.rewrap ?? []) {
        const slot = rewrap.type === 'password' ? null : await rewrap.wrap(key, CONTEXT);
        if (slot) rewrapped.set(rewrap.type, slot);
      }
      return await this.#underLock(async ({ envelope, state, unlocked, lock }) => {
        const opened = await unwrapMasterKey(envelope.slots, passwordSlot(), oldPassword, CONTEXT);
        const sameKey = timingSafeEqual(opened.key, unlocked.key);
        opened.key.fill(0);
        if (!sameKey) throw replacedUnderUs();
        const slots: StoredSlot[] = [passwordSlotNew];
        const dropped: string[] = [];
        for (const [index, slot] of envelope.slots.entries()) {
          if (index === opened.index) continue;
          const again = rewrapped.get(slot.type);
          if (again && !slots.includes(again)) slots.push(again);
          else dropped.push(slot.type);
        }
        const now = clock(this.#options).toISOString();
        const next: VaultPayload = { ...state, revision: state.revision + 1, updatedAt: now };
        const envelopeNew: Envelope = { ...envelope, slots, payload: sealState(next, key) };
        const previous: Envelope = { ...envelopeNew, payload: sealState(state, key) };
        await lock.assertHeld();
        await writeEnvelope(this.path, envelopeNew, { fs: this.#options.fs, keepPrevious: false });
        const held = unlocked.key;
        this.#adopt(unlocked, envelopeNew, next, key);
        // Locked meanwhile: lock() zeroed the old key and nothing holds the new one.
        if (unlocked.key === key) held.fill(0);
        else key.fill(0);
        await this.#resealPrevious(previous);
        return { dropped };
      });
    } catch (error) {
      // Once adopted, the key belongs to the session (lock() zeroes it); before, to us.
      if (this.#unlocked?.key !== key) key.fill(0);
      throw error;
    }
  }

  /**
   * The previous generation, sealed under the new key, replaces `.bak`, which held the old one.
   * When that cannot be written the old `.bak` is removed; when neither works the user is told,
   * since the password did change.
   */
  async #resealPrevious(previous: Envelope): Promise<void> {
    const bak = backupPathOf(this.path);
    if (!(await fileExists(bak, CONTEXT.format))) return;
    try {
      await writeEnvelope(bak, previous, { fs: this.#options.fs, keepPrevious: false });
    } catch (error) {
      try {
        await (this.#options.fs ?? realFs).unlink(bak);
      } catch {
        throw new AuthdeskError(
          'IO_ERROR',
          `The password was changed, but the previous copy ${bak} could not be rewritten or removed and still opens with the old password. Delete it.`,
          { cause: error },
        );
      }
    }
  }

  /** Adds or replaces the slots of a non-password kind (e.g. the OS keychain). */
  async setSlot<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    if (kind.type === 'password') {
      throw new AuthdeskError('INVALID_ARGUMENT', 'Use changePassword to change the password.');
    }
    const slot = await this.#wrapHeldKey(kind, credential);
    await this.#underLock(async ({ envelope, state, unlocked, lock }) => {
      const slots = [...envelope.slots.filter((old) => old.type !== kind.type), slot];
      await this.#save(unlocked, lock, { ...envelope, slots }, state);
    });
  }

  /** Removes every slot of a type; the password slot always stays. */
  async removeSlots(type: string): Promise<void> {
    if (type === 'password') {
      throw new AuthdeskError('INVALID_ARGUMENT', 'The password slot cannot be removed.');
    }
    await this.#underLock(async ({ envelope, state, unlocked, lock }) => {
      const slots = envelope.slots.filter((old) => old.type !== type);
      await this.#save(unlocked, lock, { ...envelope, slots }, state);
    });
  }

  /** Loads the file if its payload changed since we read or wrote it; true when it did. */
  async refresh(): Promise<boolean> {
    return this.#serial(async () => {
      this.#require();
      const envelope = await readEnvelope(this.path, CONTEXT.format);
      const unlocked = this.#require();
      if (envelope.payload.nonce.equals(this.#envelope.payload.nonce)) {
        this.#envelope = envelope; // the slots may have changed (a new password elsewhere)
        return false;
      }
      this.#adopt(unlocked, envelope, openWithHeldKey(envelope, unlocked));
      return true;
    });
  }

  #require(): Unlocked {
    if (!this.#unlocked) throw new AuthdeskError('VAULT_LOCKED', 'The vault is locked.');
    return this.#unlocked;
  }

  /** One operation at a time per vault object; other processes are kept out by the file lock. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Takes the file lock, reads and decrypts the newest file, and runs `work` on it. */
  #underLock<T>(work: (newest: Newest) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      this.#require();
      const lock = await lockVault(this.path, { waitMs: this.#options.lockWaitMs });
      try {
        const envelope = await readEnvelope(this.path, CONTEXT.format);
        const unlocked = this.#require(); // lock() may have run while we waited
        const state = openWithHeldKey(envelope, unlocked);
        return await work({ envelope, state, unlocked, lock });
      } finally {
        await lock.release();
      }
    });
  }

  async #commit<T>(
    { envelope, state, unlocked, lock }: Newest,
    change: Change<T>,
    beforeSave?: (now: Date) => Promise<void>,
  ): Promise<T> {
    const date = clock(this.#options);
    const now = date.toISOString();
    const draft = structuredClone(state);
    const { value, write } = change(draft, now);
    if (!write) {
      this.#adopt(unlocked, envelope, state);
      return value;
    }
    // Pictures no account uses any more are dropped with every write (ICON_TOO_LARGE past the limit).
    keepUsedIcons(draft, state);
    draft.revision = state.revision + 1;
    draft.updatedAt = now;
    await beforeSave?.(date);
    const payload = sealState(draft, unlocked.key);
    await this.#save(unlocked, lock, { ...envelope, payload }, draft);
    return value;
  }

  /** Writes `envelope` beside the vault under a new dated name; two in one second get -2, -3, … */
  async #keepCopy(envelope: Envelope, label: string, now: Date): Promise<string> {
    const stamp = `${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
    const base = `${this.path}.before-${label}-${stamp}`;
    const text = serializeEnvelope(envelope);
    const options = { fs: this.#options.fs, what: 'copy of the vault' };
    for (let n = 1; n <= MAX_COPY_SUFFIX; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (await createFileDurably(candidate, text, options)) return candidate;
    }
    throw new AuthdeskError(
      'IO_ERROR',
      `Cannot keep a copy of the vault: ${MAX_COPY_SUFFIX} copies named ${base} already exist.`,
    );
  }

  async #save(unlocked: Unlocked, lock: HeldLock, next: Envelope, state: VaultPayload) {
    await lock.assertHeld();
    await writeEnvelope(this.path, next, { fs: this.#options.fs });
    this.#adopt(unlocked, next, state);
  }

  /** Takes the new file and state (and key), unless the vault was locked in the meantime. */
  #adopt(unlocked: Unlocked, envelope: Envelope, state: VaultPayload, key?: Buffer): void {
    if (this.#unlocked !== unlocked) return;
    this.#envelope = envelope;
    unlocked.state = state;
    if (key) unlocked.key = key;
  }

  /** Wraps a copy of the key: lock() may zero the original while the KDF runs. */
  async #wrapHeldKey<C>(kind: KeySlot<C>, credential: C) {
    const key = Buffer.from(this.#require().key);
    try {
      return await kind.wrap(key, credential, CONTEXT);
    } finally {
      key.fill(0);
    }
  }
}
