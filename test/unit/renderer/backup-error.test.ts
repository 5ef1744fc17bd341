// Proves why a failed automatic backup is explained in words about the backup folder.
import { describe, expect, it } from 'vitest';
import { autoBackupErrorText } from '../../../renderer/features/backup-export/model/backup-error';
import { translator } from './translate';

describe('autoBackupErrorText', () => {
  it("speaks of the backup folder for a write failure, not of the vault as IO_ERROR's own text does", async () => {
    const t = await translator('en');
    const text = autoBackupErrorText('IO_ERROR', t);
    expect(text).toBe(t('backup.folderError'));
    expect(text).toContain('backup folder');
    expect(text).not.toBe(t('errors.IO_ERROR'));
  });

  it('uses the general sentence for any other code, in either language', async () => {
    for (const language of ['en', 'ja'] as const) {
      const t = await translator(language);
      expect(autoBackupErrorText('VAULT_LOCKED', t)).toBe(t('errors.VAULT_LOCKED'));
      expect(autoBackupErrorText('WRONG_PASSWORD', t)).toBe(t('errors.WRONG_PASSWORD'));
      expect(autoBackupErrorText('IO_ERROR', t)).toBe(t('backup.folderError'));
    }
    const ja = await translator('ja');
    expect(autoBackupErrorText('IO_ERROR', ja)).not.toBe(
      autoBackupErrorText('IO_ERROR', await translator('en')),
    );
  });
});
