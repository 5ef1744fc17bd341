// A failed automatic backup stays in view on the accounts screen until a later one succeeds.
import { useTranslation } from 'react-i18next';
import { useBackupStatus } from './useBackupStatus';
import { autoBackupErrorText } from './model/backup-error';
import { AlertIcon } from '../../ui/Icons';

export function BackupFailedBanner({
  onOpenSettings,
  onError,
}: {
  onOpenSettings: () => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const { status } = useBackupStatus(onError);
  const failure = status?.enabled ? status.error : null;
  if (!failure) return null;
  return (
    <div className="banner-row">
      <div className="callout callout-warning banner" role="alert">
        <AlertIcon size={18} />
        <p>{t('backup.autoFailed', { error: autoBackupErrorText(failure.code, t) })}</p>
        <button type="button" className="button button-compact" onClick={onOpenSettings}>
          {t('backup.openSettings')}
        </button>
      </div>
    </div>
  );
}
