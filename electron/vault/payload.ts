// The decrypted payload: { accounts, groups, revision, updatedAt } as JSON bytes, checked when read.
import { z } from 'zod';
import { ALGORITHMS, OTP_TYPES, type Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { base64Bytes, describeIssue } from './base64-field';
import { MASTER_KEY_BYTES, type StoredSlot } from './envelope';
import { readIconStore, type IconStore } from './icon-store';
import { isPasswordSlot, parsePasswordSlot } from './password-slot';
import { repairTags } from './vault-tags';

/** A random backup master key and a password slot wrapping it for the 'authdesk-backup' envelope. */
export interface BackupKey {
  masterKey: Buffer;
  slot: StoredSlot;
}

/** The automatic-backup key as kept in the payload: secret, so only ever inside the encryption. */
export interface StoredBackupKey {
  /** base64 of the backup master key */
  key: string;
  slot: StoredSlot;
}

export interface VaultPayload {
  accounts: Account[];
  /**
   * The vault's tags in display order, unused ones included; every tag on an account is here
   * (vault-tags.ts). The JSON field keeps its old name, `groups`, so older Authdesk still reads it.
   */
  groups: string[];
  /** Increases by one on every write. */
  revision: number;
  /** ISO 8601 */
  updatedAt: string;
  /** The key automatic backups are written with, when they are on. */
  autoBackup?: StoredBackupKey;
  /** The pictures accounts use as icons (icon-store.ts); absent when there are none. */
  icons?: IconStore;
  /**
   * This device's sync (electron/sync/stored-sync.ts): the sync key, the device's identity and the
   * merged state. Secret, so only ever inside the encryption; never in a backup or an export.
   * Checked by its owner when read; the vault keeps it as it is.
   */
  sync?: unknown;
}

// Loose objects: fields a newer Authdesk adds survive a rewrite by this one.
export const accountSchema = z.looseObject({
  id: z.string().min(1),
  issuer: z.string(),
  label: z.string(),
  type: z.enum(OTP_TYPES),
  algorithm: z.enum(ALGORITHMS),
  digits: z.number().int(),
  period: z.number().int().positive(),
  counter: z.number().int().nonnegative(),
  secret: z.string().min(1),
  // Older files: one group, read as the first tag. Tags are made to fit when read (repairTags).
  group: z.string().optional(),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
  pinned: z.boolean().optional(),
  awsSerial: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const payloadSchema = z.looseObject({
  accounts: z.array(accountSchema),
  groups: z.array(z.string()),
  revision: z.number().int().nonnegative(),
  updatedAt: z.string(),
  // Entries not of the right form are dropped rather than refusing the vault (icon-store.ts).
  icons: z.unknown().optional().transform(readIconStore),
});

const storedBackupKeySchema = z.object({
  key: base64Bytes({ exactly: MASTER_KEY_BYTES }),
  slot: z.looseObject({ type: z.string() }),
});

export function toStoredBackupKey({ masterKey, slot }: BackupKey): StoredBackupKey {
  return { key: masterKey.toString('base64'), slot: structuredClone(slot) };
}

/**
 * A fresh copy of the stored key, or null when there is none. One that is not usable (which only
 * a broken writer could store) counts as none: automatic backups then show as off, and turning
 * them on again replaces it; it must not keep the vault from opening.
 */
export function fromStoredBackupKey(stored: unknown): BackupKey | null {
  const parsed = storedBackupKeySchema.safeParse(stored);
  if (!parsed.success || !isPasswordSlot(parsed.data.slot)) return null;
  try {
    parsePasswordSlot(parsed.data.slot);
  } catch {
    return null;
  }
  return { masterKey: parsed.data.key, slot: structuredClone(parsed.data.slot) };
}

export function emptyPayload(now: Date): VaultPayload {
  return { accounts: [], groups: [], revision: 0, updatedAt: now.toISOString() };
}

export function encodePayload(payload: VaultPayload): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

/** Zeroes `bytes` once parsed: the plaintext buffer must not linger after it is read. */
export function decodePayload(bytes: Buffer): VaultPayload {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  } finally {
    bytes.fill(0);
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    // Authenticated but unreadable: written by a broken or incompatible program, not damaged in transit.
    throw new AuthdeskError(
      'VAULT_CORRUPT',
      `The vault decrypted, but its contents are not in the expected form (${describeIssue(parsed.error)}).`,
    );
  }
  repairTags(parsed.data);
  return parsed.data;
}
