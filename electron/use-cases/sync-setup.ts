// Setting sync up and taking it down on this device: the checks on what the user gave (folder,
// sync password, device name), the sync data of a new device, and removing this device's files.
import { isAbsolute, resolve } from 'node:path';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { DEVICE_NAME_MAX, SYNC_PASSWORD_MIN_LENGTH } from '../../shared/sync';
import { emptyState } from '../sync/engine/round';
import { SyncFolder } from '../sync/folder/sync-folder';
import type { DeviceIdentity } from '../sync/keys/sync-keys';
import { STORED_SYNC_VERSION, withKeys, type StoredSync } from '../sync/stored-sync';
import type { SyncKey } from '../sync/types';

/** The sync data of a device that has just started or joined: nothing merged, nothing written. */
export function newStoredSync(
  folder: string,
  name: string,
  identity: DeviceIdentity,
  keys: SyncKey[],
): StoredSync {
  return {
    v: STORED_SYNC_VERSION,
    folder,
    device: {
      id: identity.id,
      name,
      publicKey: identity.publicKey,
      privateKey: identity.privateKey,
    },
    keys: withKeys([], keys),
    state: emptyState(),
    hlc: null,
    seq: 0,
    outbox: [],
    peers: {},
    highest: {},
    removed: [],
    removedBy: null,
    rotationPending: false,
    lastSync: null,
    password: false,
    pairing: null,
    joining: false,
  };
}

export function alreadyOn(): AuthdeskError {
  return new AuthdeskError(
    'SYNC_ALREADY_ON',
    'Sync is already set up on this computer: stop it first to use another folder.',
  );
}

export function checkFolder(folder: string): string {
  if (typeof folder !== 'string' || folder.length === 0 || folder.includes('\0')) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The sync folder name is not valid.');
  }
  if (!isAbsolute(folder)) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The sync folder must be a full path.');
  }
  return resolve(folder);
}

export function checkSyncPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < SYNC_PASSWORD_MIN_LENGTH) {
    throw new AuthdeskError(
      'PASSWORD_INVALID',
      `A sync password needs at least ${SYNC_PASSWORD_MIN_LENGTH} characters: anyone holding the sync folder can try passwords against it.`,
    );
  }
}

/** The name other devices show: the one given, else the computer's; no control characters. */
export function deviceNameOf(given: string | undefined, hostname: () => string): string {
  const clean = (text: string) =>
    [...text.replace(/\p{Cc}/gu, ' ').trim()].slice(0, DEVICE_NAME_MAX).join('');
  return clean(given ?? '') || clean(hostname()) || 'Authdesk';
}

/** Removes this device's files from the folder, except a key rotation other devices may still need. */
export async function removeOwnFiles(stored: StoredSync): Promise<void> {
  const folder = new SyncFolder(stored.folder);
  let listing;
  try {
    listing = await folder.list();
  } catch (error) {
    // A folder that is gone for good must not keep this computer in the sync.
    if (isAuthdeskError(error) && error.code === 'SYNC_FOLDER_UNREACHABLE') return;
    throw error;
  }
  const mine = listing.devices.get(stored.device.id);
  if (!mine) return;
  for (const file of [mine.pairing, mine.password, mine.snapshot, ...mine.journals]) {
    if (file) await folder.removeOwn(file.name);
  }
}
