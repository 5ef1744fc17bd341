// What an Authdesk backup says about itself, at the top of its restore preview, and the two ways to finish.
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../shared/transfer';
import { formatDateTime } from '../../ui/model/date-format';
import { ShieldIcon } from '../../ui/Icons';

export function BackupSummary({ backup }: { backup: BackupInfo }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="callout callout-info backup-summary">
      <ShieldIcon size={18} />
      <div>
        <strong>
          {t('backup.header', {
            date: formatDateTime(backup.createdAt, i18n.language),
            count: backup.count,
            version: backup.appVersion,
          })}
        </strong>
        <p>{t('backup.mergeHint')}</p>
      </div>
    </div>
  );
}
