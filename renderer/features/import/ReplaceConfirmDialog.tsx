// Confirms replacing every account with a backup's: says what is removed, what comes in, and that the
// current vault is first kept as a dated copy.
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AlertIcon } from '../../ui/Icons';

interface ReplaceConfirmDialogProps {
  /** Accounts in the vault now, all removed. */
  current: number;
  /** Accounts the vault will hold afterwards. */
  incoming: number;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

export function ReplaceConfirmDialog(props: ReplaceConfirmDialogProps) {
  const { current, incoming, busy, error, onConfirm, onClose } = props;
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('backup.replaceTitle')}
      confirmLabel={t('backup.replaceConfirm')}
      busyLabel={t('backup.replacing')}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <div className="callout callout-warning">
        <AlertIcon size={18} />
        <div>
          <strong>{t('backup.replaceRemoves', { count: current })}</strong>
          <p>{t('backup.replaceAdds', { count: incoming })}</p>
        </div>
      </div>
      <p>{t('backup.replaceKept')}</p>
    </ConfirmDialog>
  );
}
