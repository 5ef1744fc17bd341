// The encrypted backup file (DESIGN.md §4): the vault's envelope as 'authdesk-backup', opened by a password.
import { z } from 'zod';
import type { Account } from '../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { BackupInfo } from '../../shared/transfer';
import { describeIssue } from '../vault/base64-field';
import { writeFileDurably, type DurableFs } from '../vault/durable-write';
import {
  ENVELOPE_VERSION,
  MASTER_KEY_BYTES,
  newMasterKey,
  payloadAad,
  sealPayload,
  unseal,
  unwrapMasterKey,
  type EnvelopeContext,
  type KeySlot,
} from '../vault/envelope';
import type { KdfCost } from '../vault/kdf';
import { isPasswordSlot, passwordSlot } from '../vault/password-slot';
import { accountSchema, type BackupKey } from '../vault/payload';
import { checkEnvelope, serializeEnvelope } from '../vault/vault-file';
import { readIconStore, usedIcons, type IconStore } from '../vault/icon-store';
import { repairTags } from '../vault/vault-tags';

/** A random backup master key and a password slot wrapping it for the 'authdesk-backup' envelope. */
export type { BackupKey };

export interface BackupContents {
  accounts: Account[];
  groups: string[];
  info: BackupInfo;
  /** The icon pictures the accounts use (the vault's icon store); absent in older backups. */
  icons?: IconStore;
}

const CONTEXT: EnvelopeContext = { format: 'authdesk-backup', version: ENVELOPE_VERSION };

// Loose: fields a newer Authdesk adds to a backup do not stop this one from reading it.
const backupPayloadSchema = z
  .looseObject({
    createdAt: z.string(),
    appVersion: z.string(),
    count: z.number().int().nonnegative(),
    accounts: z.array(accountSchema),
    groups: z.array(z.string()),
    icons: z.unknown().optional().transform(readIconStore),
  })
  .refine((payload) => payload.count === payload.accounts.length, {
    message: 'the account count does not match the accounts',
    path: ['count'],
  });

const unrecognized = (why: string) => new AuthdeskError('FILE_UNRECOGNIZED', why);
const corrupt = (why: string) => new AuthdeskError('FILE_CORRUPT', why);

/** A fresh master key wrapped under `password` (PASSWORD_INVALID when empty). Runs scrypt once. */
export async function newBackupKey(password: string, kdf?: Partial<KdfCost>): Promise<BackupKey> {
  const masterKey = newMasterKey();
  try {
    const slot = await passwordSlot(kdf).wrap(masterKey, password, CONTEXT);
    return { masterKey, slot };
  } catch (error) {
    masterKey.fill(0);
    throw error;
  }
}

/**
 * The backup as file text: the envelope with the key's password slot only, and a payload of
 * { createdAt, appVersion, count, accounts, groups } sealed under a fresh nonce. No KDF runs, so
 * automatic backups cost no more than a vault write.
 */
export function encodeBackup(
  data: { accounts: Account[]; groups: string[]; icons?: IconStore },
  key: BackupKey,
  meta: { appVersion: string; now: Date },
): string {
  if (key.masterKey.length !== MASTER_KEY_BYTES || !isPasswordSlot(key.slot)) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'That is not a usable backup key.');
  }
  const payload = {
    createdAt: meta.now.toISOString(),
    appVersion: meta.appVersion,
    count: data.accounts.length,
    accounts: data.accounts,
    groups: data.groups,
    // The pictures these accounts use (a backup of some accounts carries only theirs).
    ...usedIcons(data.accounts, data.icons),
  };
  const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
  try {
    const sealed = sealPayload(plaintext, key.masterKey, CONTEXT);
    return serializeEnvelope({ ...CONTEXT, slots: [key.slot], payload: sealed });
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Everything that can be judged without the password is judged first, so a file that is not a
 * backup, or a damaged one, is reported before anyone is asked for a password. Then
 * PASSWORD_REQUIRED (password ''), WRONG_PASSWORD, and FILE_CORRUPT when the slot opened but the
 * payload does not. A damaged password slot cannot be told from a wrong password (both fail the
 * same tag), so it reports WRONG_PASSWORD. A backup has exactly one password slot (parseEnvelope
 * refuses any other count as FILE_CORRUPT before a key is derived); CANCELLED when `signal` went
 * before or while its key was derived (the result is discarded).
 */
export async function decodeBackup(
  bytes: Uint8Array,
  password: string,
  signal?: AbortSignal,
): Promise<BackupContents> {
  const envelope = parseBackupEnvelope(Buffer.from(bytes).toString('utf8'));
  if (password === '') {
    throw new AuthdeskError('PASSWORD_REQUIRED', 'This backup is encrypted: enter its password.');
  }
  const kind: KeySlot<string> = {
    ...passwordSlot(),
    refused: () => new AuthdeskError('WRONG_PASSWORD', 'The password does not open this backup.'),
  };
  const { key } = await asFileErrors(() =>
    unwrapMasterKey(envelope.slots, kind, password, CONTEXT, signal),
  );
  let plaintext: Buffer | null;
  try {
    plaintext = unseal(envelope.payload, key, payloadAad(CONTEXT));
  } finally {
    key.fill(0);
  }
  if (!plaintext) {
    throw corrupt(
      'The backup opened with this password, but its contents are damaged or were changed outside Authdesk.',
    );
  }
  return readPayload(plaintext);
}

/** Durable and atomic like the vault (no .bak), mode 0600; IO_ERROR with the old file intact. */
export async function writeBackupFile(
  path: string,
  text: string,
  options: { fs?: DurableFs } = {},
): Promise<void> {
  await writeFileDurably(path, text, {
    keepPrevious: false,
    what: 'backup',
    ...(options.fs ? { fs: options.fs } : {}),
  });
}

/** Format and version here, with the backup's own codes; the rest as the vault's envelope. */
function parseBackupEnvelope(raw: string) {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw unrecognized('The file is empty; it is not an Authdesk backup.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Cut short or damaged, but its start says what it was meant to be.
    const start = text.slice(0, 4096);
    if (/"format"\s*:\s*"authdesk-backup"/.test(start)) {
      throw corrupt('The backup file is incomplete or damaged: it is not valid JSON.');
    }
    if (/"format"\s*:\s*"authdesk-vault"/.test(start)) throw vaultNotBackup();
    throw unrecognized('The file is not an Authdesk backup.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw unrecognized('The file is not an Authdesk backup.');
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format === 'authdesk-vault') throw vaultNotBackup();
  if (format !== CONTEXT.format) throw unrecognized('The file is not an Authdesk backup.');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt(
      `The backup file has an unknown format version (${JSON.stringify(version) ?? 'missing'}).`,
    );
  }
  if (version > ENVELOPE_VERSION) {
    throw new AuthdeskError(
      'FILE_TOO_NEW',
      `The backup was made by a newer Authdesk (format version ${version}; this version reads ${ENVELOPE_VERSION}). Update Authdesk to restore it.`,
    );
  }
  return asFileErrorsSync(() => checkEnvelope(json, CONTEXT.format));
}

function vaultNotBackup(): AuthdeskError {
  return unrecognized(
    'This file is an Authdesk vault, not a backup. Only backup files (.authdesk) can be restored.',
  );
}

function readPayload(plaintext: Buffer): BackupContents {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    json = undefined;
  } finally {
    plaintext.fill(0);
  }
  const parsed = backupPayloadSchema.safeParse(json);
  if (!parsed.success) {
    // Authenticated but unreadable: written by a broken or incompatible program.
    throw corrupt(
      `The backup decrypted, but its contents are not in the expected form (${describeIssue(parsed.error)}).`,
    );
  }
  const { accounts, groups, createdAt, appVersion, count, icons } = parsed.data;
  // An older backup's groups are read as tags (vault-tags.ts), as the vault reads its own file.
  const tagged = { accounts, groups };
  repairTags(tagged);
  return { ...tagged, info: { createdAt, appVersion, count }, ...(icons && { icons }) };
}

/** The envelope's checks speak of VAULT_CORRUPT; in a backup the same findings are FILE_CORRUPT. */
function asFileError(error: unknown): unknown {
  if (isAuthdeskError(error) && error.code === 'VAULT_CORRUPT') {
    return new AuthdeskError('FILE_CORRUPT', error.message, { cause: error });
  }
  return error;
}

function asFileErrorsSync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asFileError(error);
  }
}

async function asFileErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asFileError(error);
  }
}
