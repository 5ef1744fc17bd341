// Confirms deleting an account, naming it and saying its secret key will be gone for good.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useToast } from '../../ui/useToast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AlertIcon } from '../../ui/Icons';

export function DeleteAccountDialog({
  account,
  onClose,
  onDeleted,
}: {
  account: AccountMeta;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = displayName(account) || t('row.noName');

  const remove = async () => {
    setBusy(true);
    try {
      await call('removeAccount', { id: account.id });
      notify(t('toast.deleted', { name }), { tone: 'success' });
      onDeleted?.();
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <ConfirmDialog
      title={t('delete.title', { name })}
      confirmLabel={t('delete.confirm')}
      busyLabel={t('delete.deleting')}
      busy={busy}
      error={error}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <p>{t('delete.body')}</p>
      <div className="callout callout-warning">
        <AlertIcon size={18} />
        <p>{t('delete.warning')}</p>
      </div>
    </ConfirmDialog>
  );
}
