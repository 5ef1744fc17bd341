// The sync key itself: a fresh one per epoch, its shape when it comes out of a file, and finding the
// key a sealed file names.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AuthdeskError } from '../../../shared/errors';
import type { SyncFileHeader } from '../folder/sealed-file';
import type { SyncKey } from '../types';

const KEY_BYTES = 32;

/** A fresh random key for `epoch`. */
export function newSyncKey(epoch: number): SyncKey {
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new AuthdeskError('INVALID_ARGUMENT', `A sync key's epoch must be a whole number ≥ 0.`);
  }
  return {
    epoch,
    id: randomBytes(16).toString('hex'),
    key: randomBytes(KEY_BYTES).toString('base64'),
  };
}

/** A sync key as read back from a file that opened (so written by a device of the sync). */
export const syncKeySchema = z.strictObject({
  epoch: z.number().int().nonnegative(),
  id: z.string().regex(/^[0-9a-f]{32}$/),
  key: z
    .string()
    .refine((text) => Buffer.from(text, 'base64').length === KEY_BYTES, 'a 32-byte key'),
});

/** The key a sealed file says it is sealed with, if held. */
export function keyNamedBy(
  keys: readonly SyncKey[],
  header: Pick<SyncFileHeader, 'epoch' | 'keyId'>,
): SyncKey | undefined {
  return keys.find((key) => key.id === header.keyId && key.epoch === header.epoch);
}

/** Ascending by epoch, then by id: every device sorts the same way, so the last is the same everywhere. */
export function byEpochThenId(a: SyncKey, b: SyncKey): number {
  return a.epoch - b.epoch || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function newestEpoch(keys: readonly SyncKey[]): number {
  return keys.reduce((newest, key) => Math.max(newest, key.epoch), 0);
}
