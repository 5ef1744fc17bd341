// Vault.setBackupKey proves the stored automatic-backup key reads back; that decoded copy is zeroed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Payload from '../../electron/vault/payload';
import type { BackupKey } from '../../electron/vault/payload';

const decoded: BackupKey[] = [];
vi.mock('../../electron/vault/payload', async (importOriginal) => {
  const original = await importOriginal<typeof Payload>();
  return {
    ...original,
    fromStoredBackupKey: (...args: Parameters<typeof original.fromStoredBackupKey>) => {
      const key = original.fromStoredBackupKey(...args);
      if (key) decoded.push(key);
      return key;
    },
  };
});

const { Vault } = await import('../../electron/vault/vault');
const { newBackupKey } = await import('../../electron/transfer/backup-file');
const { FAST_KDF, PASSWORD, removeTempDir, tempVaultFile, TINY_KDF } =
  await import('../harness/vault-fixtures');

let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

describe('setting the automatic-backup key', () => {
  it('zeroes the copy it decodes to check the key, and keeps the key usable', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    const key = await newBackupKey('backup password', TINY_KDF);
    decoded.length = 0;
    await vault.setBackupKey(key);
    expect(decoded.length).toBeGreaterThan(0);
    for (const copy of decoded) expect(copy.masterKey.every((byte) => byte === 0)).toBe(true);
    const held = vault.backupKey();
    expect(held?.masterKey.equals(key.masterKey)).toBe(true);
  });
});
