// Sealing a sync file under something a person types (a pairing code, the sync password) instead of
// the sync key: the key is scrypt(secret, salt), and the header's keyId names the derivation
// (`scrypt:<log2 N>:<r>:<p>:<salt, base64url>`), so it is read before any key exists and, being in
// the associated data, cannot be changed without the file failing its check.
import { AuthdeskError } from '../../../shared/errors';
import { deriveKey, newKdfParams } from '../../vault/kdf';
import type { KdfCost, KdfParams } from '../../vault/kdf';
import { openSyncFile, readSyncHeader, sealSyncFile } from '../folder/sealed-file';
import type { SyncFileHeader, SyncFileKind } from '../folder/sealed-file';
import type { DeviceId } from '../types';

const DESCRIPTOR = /^scrypt:(\d{1,2}):(\d{1,2}):(\d{1,2}):([A-Za-z0-9_-]{43})$/;
// What a file of the folder may ask for before we agree to derive (anyone who can write to the
// folder can write such a file): at most the production cost of the sync password.
const LIMITS = { minLogN: 10, maxLogN: 17, maxR: 8, maxP: 1 } as const;

function descriptor({ N, r, p, salt }: KdfParams): string {
  return `scrypt:${Math.log2(N)}:${r}:${p}:${salt.toString('base64url')}`;
}

function damaged(message: string): AuthdeskError {
  return new AuthdeskError('SYNC_FILE_DAMAGED', message);
}

/** The derivation a header names, checked against LIMITS before anything runs. */
function paramsOf(header: SyncFileHeader): KdfParams {
  const match = DESCRIPTOR.exec(header.keyId);
  if (!match) throw damaged(`The ${header.kind} file does not name a key derivation we use.`);
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (
    logN < LIMITS.minLogN ||
    logN > LIMITS.maxLogN ||
    r < 1 ||
    r > LIMITS.maxR ||
    p < 1 ||
    p > LIMITS.maxP
  ) {
    throw damaged(`The ${header.kind} file asks for a key derivation outside the allowed range.`);
  }
  return { name: 'scrypt', N: 2 ** logN, r, p, salt: Buffer.from(match[4]!, 'base64url') };
}

/** Seals `body` under scrypt(`secret`) with a fresh salt at `cost`. */
export async function sealUnderSecret(
  body: unknown,
  secret: string,
  cost: KdfCost,
  who: { kind: SyncFileKind; device: DeviceId; epoch: number },
): Promise<Buffer> {
  const params = newKdfParams(cost);
  if (Math.log2(params.N) > LIMITS.maxLogN || params.r > LIMITS.maxR || params.p > LIMITS.maxP) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'That key derivation cost is above what is read.');
  }
  const key = await deriveKey(secret, params);
  try {
    return sealSyncFile(body, key, { ...who, seq: 0, keyId: descriptor(params) });
  } finally {
    key.fill(0);
  }
}

/**
 * Opens a file sealed by sealUnderSecret, or null when `secret` does not open it (a wrong secret
 * and a damaged body look the same). SYNC_FILE_DAMAGED / SYNC_TOO_NEW when its header is not one
 * of ours or asks for more work than allowed.
 */
export async function openUnderSecret(
  bytes: Buffer,
  secret: string,
  expect: { kind: SyncFileKind; device: DeviceId },
): Promise<{ header: SyncFileHeader; body: unknown } | null> {
  const { header } = readSyncHeader(bytes);
  if (header.kind !== expect.kind || header.device !== expect.device) {
    throw damaged(
      `The file says it is the ${header.kind} file of device ${header.device}, not what its name says.`,
    );
  }
  const key = await deriveKey(secret, paramsOf(header));
  try {
    return openSyncFile(bytes, key, expect);
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}
