// The sync password: `<device>.password` holds the keys sealed under scrypt(password), so that
// another computer can join by typing it. Anyone holding the folder can try passwords offline, so
// the derivation is the vault's (N=2^17, r=8, p=1) and the password at least
// SYNC_PASSWORD_MIN_LENGTH characters.
import { z } from 'zod';
import { AuthdeskError } from '../../../shared/errors';
import { SYNC_PASSWORD_MIN_LENGTH } from '../../../shared/sync';
import { DEFAULT_KDF_COST } from '../../vault/kdf';
import { readSyncHeader } from '../folder/sealed-file';
import { syncFileName } from '../folder/names';
import type { FolderListing, SyncFolder } from '../folder/sync-folder';
import type { DeviceId, SyncKey } from '../types';
import { readOrSkip } from './read-or-skip';
import { newestRotationEpoch } from './rotation';
import { openUnderSecret, sealUnderSecret } from './secret-seal';
import { newestEpoch, syncKeySchema } from './sync-key';

/** The most password files a joining device tries (each costs ~0.4 s); newest keys first. */
const MAX_FILES_TRIED = 4;

const bodySchema = z.strictObject({ keys: z.array(syncKeySchema).min(1).max(1024) });

/** Writes `<device>.password`: the keys sealed under scrypt(password). `cost` only lowered by tests. */
export async function writePasswordJoin(
  folder: SyncFolder,
  device: DeviceId,
  keys: SyncKey[],
  password: string,
  cost?: { N: number },
): Promise<void> {
  if ([...password.normalize('NFC')].length < SYNC_PASSWORD_MIN_LENGTH) {
    throw new AuthdeskError(
      'PASSWORD_INVALID',
      `A sync password needs at least ${SYNC_PASSWORD_MIN_LENGTH} characters.`,
    );
  }
  if (keys.length === 0) throw new AuthdeskError('INVALID_ARGUMENT', 'There is no key to seal.');
  const bytes = await sealUnderSecret(
    { keys },
    password,
    { ...DEFAULT_KDF_COST, ...cost },
    { kind: 'password', device, epoch: newestEpoch(keys) },
  );
  await folder.writeOwn(syncFileName('password', device), bytes);
}

export async function removePasswordJoin(folder: SyncFolder, device: DeviceId): Promise<void> {
  await folder.removeOwn(syncFileName('password', device));
}

/**
 * The keys a sync password opens. SYNC_NOTHING_TO_JOIN (the folder holds no sync),
 * SYNC_NO_PASSWORD (no device set one), SYNC_PASSWORD_WRONG.
 */
export async function openPasswordJoin(
  folder: SyncFolder,
  listing: FolderListing,
  password: string,
): Promise<{ keys: SyncKey[] }> {
  if (listing.devices.size === 0) {
    throw new AuthdeskError('SYNC_NOTHING_TO_JOIN', 'The folder holds no sync to join.');
  }
  const files = [...listing.devices.values()].flatMap((f) => (f.password ? [f.password] : []));
  if (files.length === 0) {
    throw new AuthdeskError('SYNC_NO_PASSWORD', 'No device of this folder set a sync password.');
  }
  // Files holding the newest keys first (an older one may predate a device's removal).
  const candidates: { device: DeviceId; bytes: Buffer; epoch: number; mtimeMs: number }[] = [];
  // A file written by a newer Authdesk cannot be tried: if nothing else opens, that is the answer.
  let tooNew: AuthdeskError | undefined;
  for (const file of files) {
    const bytes = await readOrSkip(folder, file);
    if (!bytes) continue;
    try {
      const { header } = readSyncHeader(bytes);
      candidates.push({ device: file.device, bytes, epoch: header.epoch, mtimeMs: file.mtimeMs });
    } catch (error) {
      // not whole yet, or not ours
      if (error instanceof AuthdeskError && error.code === 'SYNC_TOO_NEW') tooNew = error;
    }
  }
  // A file from before a device was removed holds only keys the sync no longer uses (and the
  // removed device knew its password): it does not count.
  const rotated = await newestRotationEpoch(folder, listing);
  const current = candidates.filter((candidate) => candidate.epoch >= rotated);
  if (current.length === 0) {
    if (tooNew) throw tooNew;
    if (candidates.length === 0) {
      throw new AuthdeskError(
        'SYNC_WAITING',
        'The sync password file is not complete yet: the sync service may still be copying it.',
      );
    }
    throw new AuthdeskError(
      'SYNC_NO_PASSWORD',
      'No device of this folder set a sync password since a device was removed.',
    );
  }
  current.sort((a, b) => b.epoch - a.epoch || b.mtimeMs - a.mtimeMs);
  for (const candidate of current.slice(0, MAX_FILES_TRIED)) {
    let opened: Awaited<ReturnType<typeof openUnderSecret>>;
    try {
      opened = await openUnderSecret(candidate.bytes, password, {
        kind: 'password',
        device: candidate.device,
      });
    } catch (error) {
      if (error instanceof AuthdeskError) continue;
      throw error;
    }
    const body = opened && bodySchema.safeParse(opened.body);
    if (body && body.success) return { keys: body.data.keys };
  }
  if (tooNew) throw tooNew;
  throw new AuthdeskError('SYNC_PASSWORD_WRONG', 'The sync password does not open this folder.');
}
