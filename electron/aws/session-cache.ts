// Cached AWS sessions (GetSessionToken's credentials), so that credential_process answers from the
// cache until shortly before a session expires. Behind one interface with two homes: the running
// app's memory (the agent; dropped on lock), or, on the password path, a file beside the vault sealed
// with AES-256-GCM under a key derived from the vault's master key. A file that does not open (damaged,
// or sealed before a password change gave the vault a new master key) is an empty cache.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SessionCredentials } from '../agent/protocol';
import type { Clock } from '../ports';
import { writeFileDurably } from '../vault/durable-write';
import { lockVault, type HeldLock } from '../vault/vault-lock';

export interface SessionStore {
  get(key: string): Promise<SessionCredentials | null>;
  put(key: string, session: SessionCredentials): Promise<void>;
  /**
   * Runs `work` (look in the cache, ask AWS on a miss, store) while no other process does the same,
   * so two commands at once do not both send the step's code (AWS accepts it once).
   */
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
}

/** The purpose the cache's key is derived for (Vault.derivedKey). A new purpose is a new cache. */
export const SESSION_CACHE_PURPOSE = 'authdesk aws session cache v1';

const FORMAT = 'authdesk-aws-sessions';
const VERSION = 1;
const AAD = Buffer.from(`${FORMAT}/${VERSION}`);
/** How long a write waits for another command writing the same cache. */
const LOCK_WAIT_MS = 3_000;
/** How long `exclusive` waits for another command asking AWS (its answer timeout, and some). */
const EXCLUSIVE_WAIT_MS = 45_000;

/** The cache file of a vault: beside it, named after it. */
export function sessionCachePathFor(vaultPath: string): string {
  return `${vaultPath}.aws-sessions`;
}

/** The key a session is cached under: one per device and profile (serials never contain '#'). */
export function sessionKey(profile: string, serial: string): string {
  return `${serial}#${profile}`;
}

/**
 * Runs `work` while no other command asks AWS for a session of the vault whose cache is `path`: the
 * cache file's own lock, so commands through the running app (whose sessions live in its memory)
 * and commands on the password path wait for each other alike, and the step's code is sent once.
 */
export async function whileAskingAws<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = await lockVault(path, { waitMs: EXCLUSIVE_WAIT_MS });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** The app's own: sessions in memory, forgotten on lock. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, SessionCredentials>();

  async get(key: string): Promise<SessionCredentials | null> {
    const session = this.#sessions.get(key);
    return session ? { ...session } : null;
  }

  async put(key: string, session: SessionCredentials): Promise<void> {
    this.#sessions.set(key, { ...session });
  }

  clear(): void {
    this.#sessions.clear();
  }
}

interface SealedFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  iv: string;
  tag: string;
  data: string;
}

type Entries = Record<string, SessionCredentials>;

/**
 * The password path's cache: one file, rewritten whole (temporary file 0600, fsync, rename) under its
 * own lock, holding every entry that has not yet expired.
 */
export class SessionCacheFile implements SessionStore {
  readonly path: string;
  readonly #key: Buffer;
  readonly #clock: Clock;
  /** The cache's lock while `exclusive` runs: put() writes under it instead of taking it again. */
  #held: HeldLock | undefined;

  /** `key`: 32 bytes, vault.derivedKey(SESSION_CACHE_PURPOSE); this object keeps its own copy. */
  constructor(options: { path: string; key: Buffer; clock: Clock }) {
    if (options.key.length !== 32) throw new Error('The session cache key must be 32 bytes.');
    this.path = options.path;
    this.#key = Buffer.from(options.key);
    this.#clock = options.clock;
  }

  async get(key: string): Promise<SessionCredentials | null> {
    const session = (await this.#read())[key];
    return session ? { ...session } : null;
  }

  async put(key: string, session: SessionCredentials): Promise<void> {
    if (this.#held) return this.#write(key, session, this.#held);
    const lock = await lockVault(this.path, { waitMs: LOCK_WAIT_MS });
    try {
      await this.#write(key, session, lock);
    } finally {
      await lock.release();
    }
  }

  /** One command at a time asks AWS for this cache (another waits, then finds the new session). */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const lock = await lockVault(this.path, { waitMs: EXCLUSIVE_WAIT_MS });
    this.#held = lock;
    try {
      return await work();
    } finally {
      this.#held = undefined;
      await lock.release();
    }
  }

  /** Zeroes this object's copy of the key; it cannot be used afterwards. */
  dispose(): void {
    this.#key.fill(0);
  }

  async #write(key: string, session: SessionCredentials, lock: HeldLock): Promise<void> {
    const now = this.#clock.now();
    const kept: Entries = {};
    for (const [k, s] of Object.entries(await this.#read())) {
      if (Date.parse(s.expiration) > now) kept[k] = s;
    }
    kept[key] = { ...session };
    await lock.assertHeld();
    await writeFileDurably(this.path, this.#seal(kept), { what: 'AWS session cache' });
  }

  /** Every entry, or none when there is no file or it does not open under this key. */
  async #read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return {}; // no cache yet, or unreadable: the next put writes a new one
    }
    try {
      return this.#open(JSON.parse(text) as SealedFile);
    } catch {
      return {}; // damaged, or sealed under another master key (a password change)
    }
  }

  #seal(entries: Entries): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(AAD);
    const plaintext = Buffer.from(JSON.stringify({ entries }), 'utf8');
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    plaintext.fill(0);
    const file: SealedFile = {
      format: FORMAT,
      version: VERSION,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    return `${JSON.stringify(file)}\n`;
  }

  #open(file: SealedFile): Entries {
    if (file?.format !== FORMAT || file.version !== VERSION) return {};
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(file.iv, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(file.data, 'base64')),
      decipher.final(),
    ]);
    const parsed = JSON.parse(plaintext.toString('utf8')) as { entries?: unknown };
    plaintext.fill(0);
    const entries: Entries = {};
    if (typeof parsed.entries !== 'object' || parsed.entries === null) return entries;
    for (const [k, value] of Object.entries(parsed.entries)) {
      if (isSession(value)) entries[k] = value;
    }
    return entries;
  }
}

function isSession(value: unknown): value is SessionCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.accessKeyId === 'string' &&
    typeof s.secretAccessKey === 'string' &&
    typeof s.sessionToken === 'string' &&
    typeof s.expiration === 'string' &&
    Number.isFinite(Date.parse(s.expiration))
  );
}
