// The vault file with its master key: unlock, lock, slots, and saving the payload under the file lock.
import { timingSafeEqual } from 'node:crypto';
import { AuthdeskError } from '../../shared/errors';
import { createFileDurably, type DurableFs } from './durable-write';
import {
  ENVELOPE_VERSION,
  newMasterKey,
  openPayload,
  sealPayload,
  unwrapMasterKey,
  type EnvelopeContext,
  type KeySlot,
  type Sealed,
} from './envelope';
import type { KdfCost } from './kdf';
import { isPasswordSlot, passwordSlot, passwordSlotCost } from './password-slot';
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
    'VAULT_CORRUPT',
    'The vault file on disk no longer opens with the unlocked key: it was damaged or replaced by another vault. Nothing was changed; lock the vault and unlock it again.',
    { cause },
  );
}

/** Opening with the key we already hold: a failure means the file changed under us. */
function openWithHeldKey(envelope: Envelope, key: Buffer): VaultPayload {
  let plaintext: Buffer;
  try {
    plaintext = openPayload(envelope.payload, key, CONTEXT);
  } catch (error) {
    throw replacedUnderUs(error);
  }
  return decodePayload(plaintext);
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

  /** Reads the newest file and opens it with the first slot of `kind` that accepts `credential`. */
  async unlockWith<C>(kind: KeySlot<C>, credential: C): Promise<void> {
    await this.#serial(async () => {
      const envelope = await readEnvelope(this.path, CONTEXT.format);
      const { key } = await unwrapMasterKey(envelope.slots, kind, credential, CONTEXT);
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

  /** Re-wraps the master key under the new password (fresh salt); the payload bytes stay as they are. */
  async changePassword(oldPassword: string, newPassword: string, cost?: Partial<KdfCost>) {
    const current = this.#envelope.slots.find(isPasswordSlot);
    const slot = await this.#wrapHeldKey(
      passwordSlot(cost ?? (current ? passwordSlotCost(current) : {})),
      newPassword,
    );
    await this.#underLock(async ({ envelope, state, unlocked, lock }) => {
      const opened = await unwrapMasterKey(envelope.slots, passwordSlot(), oldPassword, CONTEXT);
      const sameKey = timingSafeEqual(opened.key, unlocked.key);
      opened.key.fill(0);
      if (!sameKey) throw replacedUnderUs();
      const slots = envelope.slots.map((old, index) => (index === opened.index ? slot : old));
      await this.#save(unlocked, lock, { ...envelope, slots }, state);
    });
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
      this.#adopt(unlocked, envelope, openWithHeldKey(envelope, unlocked.key));
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
        const state = openWithHeldKey(envelope, unlocked.key);
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

  /** Takes the new file and state, unless the vault was locked in the meantime. */
  #adopt(unlocked: Unlocked, envelope: Envelope, state: VaultPayload): void {
    if (this.#unlocked !== unlocked) return;
    this.#envelope = envelope;
    unlocked.state = state;
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
