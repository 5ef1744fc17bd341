// This device's sync data as kept inside the vault's encryption (VaultPayload.sync): its identity
// and keys, the merged state, its clock and change numbers, the changes not yet known to be in the
// folder (the outbox), what it knows of the other devices, and whether it was removed. Parsed here,
// once, wherever the vault's copy is read.
import { z } from 'zod';
import { AuthdeskError } from '../../shared/errors';
import { describeIssue } from '../vault/base64-field';
import type { Change, DeviceId, Hlc, SyncKey, SyncState } from './types';

export const STORED_SYNC_VERSION = 1;

/** What this device knows of another one, from that device's snapshot and changes. */
export interface StoredPeer {
  name: string;
  /** X25519 public key (base64), '' until its snapshot was read: a rotated key is wrapped to it. */
  publicKey: string;
  /** ISO 8601: the newest write of that device seen (its own clock); null if none read yet. */
  lastSeen: string | null;
}

export interface StoredSync {
  v: typeof STORED_SYNC_VERSION;
  /** The sync folder as this computer reaches it. */
  folder: string;
  /** This device: its id, name and X25519 key pair (the private key is secret). */
  device: { id: DeviceId; name: string; publicKey: string; privateKey: string };
  /** Every epoch's key this device holds, ascending by epoch; the last one seals what it writes. */
  keys: SyncKey[];
  /** The merged state (engine/). */
  state: SyncState;
  /** The last clock stamp this device issued or saw. */
  hlc: Hlc | null;
  /** The highest change number this device has issued (its state's vv[device]). */
  seq: number;
  /** This device's changes, ascending, that were not yet seen in the folder: published again until they are. */
  outbox: Change[];
  /** The other devices of the sync, as last listed (removed and departed ones are not here). */
  peers: Record<DeviceId, StoredPeer>;
  /** Per device, the highest change number ever seen in the folder: a lower one later is a rollback. */
  highest: Record<DeviceId, number>;
  /** Devices removed from the sync (their files are ignored, also the ones they keep writing). */
  removed: DeviceId[];
  /** Another device rotated the key without this one: it is out of the sync. */
  removedBy: { id: DeviceId; name: string; at: string } | null;
  /** A rotation this device made that is not yet written to the folder (`<id>.keys`). */
  rotationPending: boolean;
  /** ISO 8601 of the last round that reached the folder and wrote the vault. */
  lastSync: string | null;
  /** Whether this device offers joining by the sync password (`<id>.password`). */
  password: boolean;
  /** The pairing offer this device has in the folder, while it is valid. */
  pairing: { expiresAt: string } | null;
  /** The first round after joining has not run yet (it adopts local duplicates of merged accounts). */
  joining: boolean;
}

const deviceId = z.string().regex(/^[0-9a-f]{32}$/);
const seqNumber = z.number().int().nonnegative();
const base64Key = z
  .string()
  .refine(
    (text) =>
      Buffer.from(text, 'base64').toString('base64') === text &&
      Buffer.from(text, 'base64').length === 32,
    'must be 32 bytes of base64',
  );
const isoTime = z.string().min(1);
const versionVector = z.record(deviceId, seqNumber);

const keySchema = z.object({ epoch: seqNumber, id: z.string().min(1), key: base64Key });

const changeSchema = z.object({
  device: deviceId,
  seq: z.number().int().positive(),
  hlc: z.string().min(1),
  seen: versionVector,
  edits: z.array(z.object({ record: z.string(), field: z.string(), value: z.unknown() })),
});

const storedSyncSchema = z.looseObject({
  v: z.literal(STORED_SYNC_VERSION),
  folder: z.string().min(1),
  device: z.object({
    id: deviceId,
    name: z.string(),
    publicKey: base64Key,
    privateKey: base64Key,
  }),
  keys: z.array(keySchema).min(1),
  state: z.object({
    v: z.literal(1),
    vv: versionVector,
    records: z.record(z.string(), z.unknown()),
  }),
  hlc: z.string().nullable(),
  seq: seqNumber,
  outbox: z.array(changeSchema),
  peers: z.record(
    deviceId,
    z.object({ name: z.string(), publicKey: z.string(), lastSeen: isoTime.nullable() }),
  ),
  highest: z.record(deviceId, seqNumber),
  removed: z.array(deviceId),
  removedBy: z.object({ id: deviceId, name: z.string(), at: isoTime }).nullable(),
  rotationPending: z.boolean(),
  lastSync: isoTime.nullable(),
  password: z.boolean(),
  pairing: z.object({ expiresAt: isoTime }).nullable(),
  joining: z.boolean(),
});

/**
 * The sync data of a vault payload, or null when sync is not set up there. VAULT_CORRUPT when it is
 * there but not in the expected form (only a broken writer could store that): stopping sync clears it.
 */
export function readStoredSync(raw: unknown): StoredSync | null {
  if (raw === undefined || raw === null) return null;
  const parsed = storedSyncSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AuthdeskError(
      'VAULT_CORRUPT',
      `This vault's sync data is not in the expected form (${describeIssue(parsed.error)}). Stop sync on this computer and set it up again.`,
    );
  }
  const stored = parsed.data as StoredSync;
  stored.keys.sort(byEpochThenId);
  stored.outbox.sort((a, b) => a.seq - b.seq);
  return stored;
}

/**
 * Keys in the order every device agrees on (keys/ reads rotations the same way): by epoch, and two
 * keys of one epoch (two devices rotated at once) by id; the last one seals.
 */
export function byEpochThenId(a: SyncKey, b: SyncKey): number {
  return a.epoch - b.epoch || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `held` with the keys of `more` it lacks (by id), in order. */
export function withKeys(held: SyncKey[], more: SyncKey[]): SyncKey[] {
  const keys = [...held];
  for (const key of more) if (!keys.some((known) => known.id === key.id)) keys.push(key);
  return keys.sort(byEpochThenId);
}

/** The key this device seals with now: the newest epoch's. */
export function currentKey(stored: StoredSync): SyncKey {
  return stored.keys[stored.keys.length - 1]!;
}

/**
 * Everything that makes a round write the vault: not when it ran, and not the outbox's published
 * entries being dropped (a new change always changes the state). Each write announces a change
 * and starts another round, so a round that only did bookkeeping must not write.
 */
export function storedForWrite(stored: StoredSync): string {
  return JSON.stringify({ ...stored, lastSync: null, outbox: null });
}
