// ISSUE16-PENDING (helper E replaces the bodies; the signatures are the contract the use case codes against).
// The sync key and how it reaches another device: a new key and device identity; a pairing offer
// opened by a code (valid 10 minutes); a file opened by the sync password (scrypt); and the next
// key, after a device is removed, wrapped to each remaining device's public key (X25519) only.
import type { DeviceId, DeviceInfo, SyncKey } from '../types';
import type { FolderListing, SyncFolder } from '../folder/sync-folder';

/** This device's identity; the private key stays in the vault. */
export interface DeviceIdentity {
  id: DeviceId;
  /** base64 of the raw 32-byte X25519 public key */
  publicKey: string;
  /** base64 of the raw 32-byte X25519 private key. Secret. */
  privateKey: string;
}

export function newDeviceIdentity(): DeviceIdentity {
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** A fresh random key for `epoch`. */
export function newSyncKey(epoch: number): SyncKey {
  void epoch;
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** A new pairing code (PAIRING_CODE_TTL_MS), written as `<device>.pairing` (replacing an older one). */
export async function offerPairing(
  folder: SyncFolder,
  me: DeviceInfo,
  keys: SyncKey[],
  nowMs: number,
): Promise<{ code: string; expiresAt: string }> {
  void [folder, me, keys, nowMs];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** Removes this device's pairing offer (cancelled, used, or expired). */
export async function withdrawPairing(folder: SyncFolder, device: DeviceId): Promise<void> {
  void [folder, device];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/**
 * The keys behind a typed code (shared/sync.ts normalisePairingCode). SYNC_NOTHING_TO_JOIN when the
 * folder holds no sync; SYNC_PAIRING_WRONG when no offer opens with it; SYNC_PAIRING_EXPIRED.
 */
export async function openPairing(
  folder: SyncFolder,
  listing: FolderListing,
  code: string,
  nowMs: number,
): Promise<{ keys: SyncKey[]; offeredBy: DeviceId }> {
  void [folder, listing, code, nowMs];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** Writes `<device>.password`: the keys sealed under scrypt(password). `cost` only lowered by tests. */
export async function writePasswordJoin(
  folder: SyncFolder,
  device: DeviceId,
  keys: SyncKey[],
  password: string,
  cost?: { N: number },
): Promise<void> {
  void [folder, device, keys, password, cost];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

export async function removePasswordJoin(folder: SyncFolder, device: DeviceId): Promise<void> {
  void [folder, device];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** SYNC_NOTHING_TO_JOIN, SYNC_NO_PASSWORD (no device set one), SYNC_PASSWORD_WRONG. */
export async function openPasswordJoin(
  folder: SyncFolder,
  listing: FolderListing,
  password: string,
): Promise<{ keys: SyncKey[] }> {
  void [folder, listing, password];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/**
 * Writes `<me>.keys`: `next` wrapped to each of `members` (not to `removed`), the whole sealed under
 * `current` so that only members of the sync can read who was removed.
 */
export async function writeRotation(
  folder: SyncFolder,
  me: DeviceIdentity,
  current: SyncKey,
  next: SyncKey,
  members: DeviceInfo[],
  removed: DeviceId[],
): Promise<void> {
  void [folder, me, current, next, members, removed];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

export interface RotationsRead {
  /** Keys of later epochs this device could unwrap, ascending; the last is the one to use. */
  adopted: SyncKey[];
  /** Devices removed by the rotations read (to ignore from now on). */
  removed: DeviceId[];
  /** A rotation to a later epoch that left this device out: it was removed (by that device). */
  removedBy?: DeviceId;
}

/** Reads the other devices' `.keys` files for epochs after the newest of `keys`. */
export async function readRotations(
  folder: SyncFolder,
  listing: FolderListing,
  me: DeviceIdentity,
  keys: SyncKey[],
): Promise<RotationsRead> {
  void [folder, listing, me, keys];
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}

/** The pairing code as a QR code (SVG text), carrying `authdesk-pair:<code>`. */
export async function pairingQrSvg(code: string): Promise<string> {
  void code;
  throw new Error('ISSUE16-PENDING: keys/sync-keys.ts');
}
