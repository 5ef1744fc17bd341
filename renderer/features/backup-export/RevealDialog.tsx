// Shows one account as a QR code and its secret key, after the vault password, to add it to a phone.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { RevealedAccount } from '../../../shared/transfer';
import { call } from '../../api/api';
import { useCloseOnLock } from './useCloseOnLock';
import { secretInFours } from './model/secret-groups';
import { Dialog } from '../../ui/Dialog';
import { FormActions } from '../../ui/FormActions';
import { QrCode } from './QrCode';
import { RevealCountdown } from './RevealCountdown';
import { RevealHiddenNote } from './RevealHiddenNote';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

export function RevealDialog({ account, onClose }: { account: AccountMeta; onClose: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  // The secret lives only in this state: dropped on hide and gone with the dialog (lock unmounts it).
  const [revealed, setRevealed] = useState<RevealedAccount | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useVaultPasswordForm({
    revealsSecrets: true,
    run: async (password) => {
      setRevealed(await call('revealAccount', { id: account.id, password }));
      setExpired(false);
    },
  });
  const hide = useCallback(() => {
    setRevealed(null);
    setExpired(true);
  }, []);
  useCloseOnLock(onClose);
  const name = displayName(account) || t('row.noName');

  if (revealed) {
    return (
      <Dialog
        title={t('transfer.reveal.viewTitle')}
        onClose={onClose}
        size="full"
        kind="reveal"
        footer={
          <button type="button" className="button button-primary" onClick={onClose} autoFocus>
            {t('common.done')}
          </button>
        }
      >
        <RevealView revealed={revealed} onHide={hide} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t('transfer.reveal.title')}
      onClose={onClose}
      size="small"
      kind="reveal"
      footer={
        <FormActions
          formId={formId}
          busy={form.busy}
          label={t('transfer.reveal.submit')}
          busyLabel={t('transfer.password.checking')}
          onCancel={onClose}
        />
      }
    >
      <VaultPasswordForm id={formId} form={form} autoFocus>
        {expired && <RevealHiddenNote />}
        <p>{t('transfer.reveal.intro', { name })}</p>
      </VaultPasswordForm>
    </Dialog>
  );
}

function RevealView({ revealed, onHide }: { revealed: RevealedAccount; onHide: () => void }) {
  const { t } = useTranslation();
  const secretId = useId();
  const title = revealed.issuer || revealed.label || t('row.noName');
  return (
    <div className="reveal">
      <div className="reveal-names">
        <p className="reveal-issuer">{title}</p>
        {revealed.issuer && revealed.label && <p className="reveal-label">{revealed.label}</p>}
      </div>
      <p className="reveal-hint">{t('transfer.reveal.scan')}</p>
      <div className="qr-frame">
        <QrCode
          qr={revealed.qr}
          label={t('transfer.reveal.qrLabel', { name: displayName(revealed) || title })}
        />
      </div>
      <div className="reveal-secret">
        <span id={secretId} className="field-label">
          {t('transfer.reveal.secretLabel')}
        </span>
        <code className="secret-text selectable" aria-labelledby={secretId}>
          {secretInFours(revealed.secret)}
        </code>
      </div>
      <RevealCountdown onHide={onHide} />
    </div>
  );
}
