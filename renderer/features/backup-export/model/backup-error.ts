// Why an automatic backup failed, in words about the backup folder rather than the vault.
import type { TFunction } from 'i18next';
import type { ErrorCode } from '../../../../shared/errors';

export function autoBackupErrorText(code: ErrorCode, t: TFunction): string {
  // IO_ERROR's general text speaks of the vault file; here it is the backup folder that failed.
  return code === 'IO_ERROR' ? t('backup.folderError') : t(`errors.${code}`);
}
