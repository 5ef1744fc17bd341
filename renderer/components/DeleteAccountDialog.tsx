// Confirms deleting an account, naming it and saying its secret key will be gone for good.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../shared/account';
import { call } from '../api';
import { accountName } from '../model/account-name';
import { useErrorText } from '../hooks/useErrorText';
import { useToast } from '../hooks/useToast';
import { Dialog } from './Dialog';
import { AlertIcon } from './Icons';
import { FormError } from './FormError';
import { BusyButton } from './BusyButton';

export function DeleteAccountDialog({
  account,
  onClose,
}: {
  account: AccountMeta;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = accountName(account) || t('row.noName');

  const remove = async () => {
    setBusy(true);
    try {
      await call('removeAccount', { id: account.id });
      notify(t('toast.deleted', { name }), { tone: 'success' });
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <Dialog
      title={t('delete.title', { name })}
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
            onClick={() => void remove()}
            busy={busy}
            label={t('delete.confirm')}
            busyLabel={t('delete.deleting')}
          />
        </>
      }
    >
      <div id={bodyId} className="stack">
        <p>{t('delete.body')}</p>
        <div className="callout callout-warning">
          <AlertIcon size={18} />
          <p>{t('delete.warning')}</p>
        </div>
      </div>
      <FormError error={error} />
    </Dialog>
  );
}
