// Moves accounts to Google Authenticator: choose them, confirm with the vault password, scan the codes in turn.
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { GoogleExportCodes } from '../../../shared/transfer';
import { call } from '../../api/api';
import { useCloseOnLock } from './useCloseOnLock';
import { displayOrder } from '../accounts/model/account-order';
import { googleLimit } from './model/google-support';
import { Dialog } from '../../ui/Dialog';
import { ExportAccountPicker } from './ExportAccountPicker';
import { FormActions } from '../../ui/FormActions';
import { GoogleCodesView } from './GoogleCodesView';
import { RevealHiddenNote } from './RevealHiddenNote';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

export function ExportGoogleDialog({
  accounts,
  onClose,
}: {
  accounts: AccountMeta[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const ordered = useMemo(() => displayOrder(accounts), [accounts]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(accounts.map((a) => a.id)),
  );
  // The codes hold secret keys: only in this state, dropped on hide, gone with the dialog.
  const [exported, setExported] = useState<GoogleExportCodes | null>(null);
  const [expired, setExpired] = useState(false);
  const chosen = ordered.filter((a) => selected.has(a.id)).map((a) => a.id);
  const form = useVaultPasswordForm({
    revealsSecrets: true,
    check: () => (chosen.length === 0 ? t('transfer.choose.none') : null),
    run: async (password) => {
      setExported(await call('exportGoogleCodes', { ids: chosen, password }));
      setExpired(false);
    },
  });
  const hide = useCallback(() => {
    setExported(null);
    setExpired(true);
  }, []);
  useCloseOnLock(onClose);
  const note = useCallback(
    (account: AccountMeta) => {
      const limit = googleLimit(account);
      return limit && t(`transfer.google.limit.${limit}`);
    },
    [t],
  );

  if (exported) {
    return (
      <Dialog
        title={t('transfer.google.title')}
        onClose={onClose}
        size="full"
        kind="export-google"
        footer={
          // With several codes, focus starts on Next (GoogleCodesView); with one, on Done.
          <button
            type="button"
            className="button button-primary"
            onClick={onClose}
            autoFocus={exported.codes.length < 2}
          >
            {t('common.done')}
          </button>
        }
      >
        <GoogleCodesView exported={exported} accounts={accounts} onHide={hide} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t('transfer.google.title')}
      onClose={onClose}
      kind="export-google"
      footer={
        <FormActions
          formId={formId}
          busy={form.busy}
          label={t('transfer.google.submit')}
          busyLabel={t('transfer.password.checking')}
          onCancel={onClose}
        />
      }
    >
      <VaultPasswordForm id={formId} form={form} autoFocus>
        {expired && <RevealHiddenNote />}
        <p className="export-intro">{t('transfer.google.intro')}</p>
        <ExportAccountPicker
          accounts={ordered}
          selected={selected}
          onChange={setSelected}
          note={note}
        />
      </VaultPasswordForm>
    </Dialog>
  );
}
