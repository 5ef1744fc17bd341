// Confirms replacing every account with a backup's: says what is removed, what comes in, and that the
// current vault is first kept as a dated copy.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton';
import { Dialog } from './Dialog';
import { FormError } from './FormError';
import { AlertIcon } from './Icons';

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
  const bodyId = useId();
  return (
    <Dialog
      title={t('backup.replaceTitle')}
      onClose={onClose}
      role="alertdialog"
      size="small"
      describedBy={bodyId}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
          <BusyButton
            type="button"
            className="button button-danger"
            onClick={onConfirm}
            busy={busy}
            label={t('backup.replaceConfirm')}
            busyLabel={t('backup.replacing')}
          />
        </>
      }
    >
      <div id={bodyId} className="stack">
        <div className="callout callout-warning">
          <AlertIcon size={18} />
          <div>
            <strong>{t('backup.replaceRemoves', { count: current })}</strong>
            <p>{t('backup.replaceAdds', { count: incoming })}</p>
          </div>
        </div>
        <p>{t('backup.replaceKept')}</p>
      </div>
      <FormError error={error} />
    </Dialog>
  );
}
