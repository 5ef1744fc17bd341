// One file of the sync folder, sealed: a JSON header line that anyone holding the folder can read
// (what the file is, whose, which number, which key), then the deflated JSON body encrypted with
// AES-256-GCM under the sync key. The whole header line is the associated data, so a file cannot be
// renamed to another device or number, or replayed as another kind, without failing its check.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { AuthdeskError } from '../../../shared/errors';
import type { DeviceId, SyncKey } from '../types';

export const SYNC_FILE_FORMAT = 'authdesk-sync';
export const SYNC_FILE_VERSION = 1;
/** The kinds of file a device writes (folder/names.ts names them). */
export const SYNC_FILE_KINDS = ['journal', 'snapshot', 'keys', 'pairing', 'password'] as const;
export type SyncFileKind = (typeof SYNC_FILE_KINDS)[number];

/** No sync file of ours is larger; a bigger one is refused before it is read whole. */
export const SYNC_FILE_MAX_BYTES = 64 * 1024 * 1024;
const HEADER_MAX_BYTES = 4096;
/** A body never inflates past this (a snapshot of the largest vault is far below it). */
const INFLATED_MAX_BYTES = 512 * 1024 * 1024;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a file says about itself before it is opened. `seq`: the change number, or 0 for kinds without one. */
export interface SyncFileHeader {
  format: typeof SYNC_FILE_FORMAT;
  version: number;
  kind: SyncFileKind;
  device: DeviceId;
  seq: number;
  /** The sync key's epoch and id; pairing and password files name their own wrapping instead (keyId ''). */
  epoch: number;
  keyId: string;
  nonce: string;
}

const headerSchema = z.strictObject({
  format: z.literal(SYNC_FILE_FORMAT),
  version: z.number().int().positive(),
  kind: z.enum(SYNC_FILE_KINDS),
  device: z.string().regex(/^[0-9a-f]{32}$/),
  seq: z.number().int().nonnegative(),
  epoch: z.number().int().nonnegative(),
  keyId: z.string().max(64),
  nonce: z.string().max(32),
});

function damaged(message: string, cause?: unknown): AuthdeskError {
  return new AuthdeskError('SYNC_FILE_DAMAGED', message, { cause });
}

/**
 * Seals `body` (JSON) under a 32-byte key. `who` fills the header; the file opens only as exactly
 * that kind, device and number.
 */
export function sealSyncFile(
  body: unknown,
  key: Buffer,
  who: Pick<SyncFileHeader, 'kind' | 'device' | 'seq' | 'epoch' | 'keyId'>,
): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header: SyncFileHeader = {
    format: SYNC_FILE_FORMAT,
    version: SYNC_FILE_VERSION,
    ...who,
    nonce: nonce.toString('base64'),
  };
  const line = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const plain = deflateRawSync(Buffer.from(JSON.stringify(body), 'utf8'));
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(line);
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  plain.fill(0);
  return Buffer.concat([line, data]);
}

/**
 * The header of a sealed file, read without a key. SYNC_FILE_DAMAGED when it is not one (also a
 * file cut short before its header ends: a download in progress looks the same, so callers retry
 * later before they report it); SYNC_TOO_NEW for a newer version.
 */
export function readSyncHeader(bytes: Buffer): { header: SyncFileHeader; headerBytes: number } {
  const end = bytes.subarray(0, HEADER_MAX_BYTES).indexOf(0x0a);
  if (end < 0) throw damaged('The sync file has no header line (cut short, or not a sync file).');
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch (error) {
    throw damaged('The sync file header is not JSON.', error);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SYNC_FILE_VERSION) {
    throw new AuthdeskError(
      'SYNC_TOO_NEW',
      `A device writes sync files of version ${version}; this Authdesk reads version ${SYNC_FILE_VERSION}. Update Authdesk on this computer.`,
    );
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw damaged('The sync file header is not in the expected form.');
  return { header: parsed.data, headerBytes: end + 1 };
}

/**
 * Opens a sealed file with `key`. SYNC_FILE_DAMAGED when the header does not say `expect`, or the
 * body fails its check (damaged, cut short, or sealed with another key), or is not JSON.
 */
export function openSyncFile(
  bytes: Buffer,
  key: Buffer,
  expect: Pick<SyncFileHeader, 'kind' | 'device'> & { seq?: number },
): { header: SyncFileHeader; body: unknown } {
  const { header, headerBytes } = readSyncHeader(bytes);
  if (
    header.kind !== expect.kind ||
    header.device !== expect.device ||
    (expect.seq !== undefined && header.seq !== expect.seq)
  ) {
    throw damaged(
      `The sync file says it is ${header.kind} ${header.seq} of device ${header.device}, not what its name says.`,
    );
  }
  const data = bytes.subarray(headerBytes);
  if (data.length < TAG_BYTES) throw damaged('The sync file is cut short.');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(bytes.subarray(0, headerBytes));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (error) {
    throw damaged(
      'The sync file fails its check: damaged, cut short, or sealed with another key.',
      error,
    );
  }
  try {
    const text = inflateRawSync(plain, { maxOutputLength: INFLATED_MAX_BYTES }).toString('utf8');
    return { header, body: JSON.parse(text) };
  } catch (error) {
    throw damaged('The sync file opened but its contents are not readable.', error);
  } finally {
    plain.fill(0);
  }
}

/** A sync key's 32 bytes. */
export function keyBytes(key: SyncKey): Buffer {
  return Buffer.from(key.key, 'base64');
}
