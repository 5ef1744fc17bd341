// The one-time backup key (an export, turning automatic backups on) is zeroed once used, also when
// its use fails: the key that opens a backup does not outlive the write.
import { describe, expect, it } from 'vitest';
import { withNewBackupKey } from '../../electron/use-cases/backup';
import { TINY_KDF } from '../harness/vault-fixtures';

const allZero = (key: Buffer) => key.every((byte) => byte === 0);

describe('withNewBackupKey', () => {
  it('hands out a real key and zeroes it after use', async () => {
    let seen: Buffer | undefined;
    await withNewBackupKey('backup password', TINY_KDF, async (key) => {
      seen = key.masterKey;
      expect(allZero(key.masterKey)).toBe(false);
    });
    expect(seen).toHaveLength(32);
    expect(allZero(seen!)).toBe(true);
  });

  it('zeroes it when its use fails', async () => {
    let seen: Buffer | undefined;
    await expect(
      withNewBackupKey('backup password', TINY_KDF, async (key) => {
        seen = key.masterKey;
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(allZero(seen!)).toBe(true);
  });
});
