// Moves accounts to Aegis: choose them, the vault password again and an export password typed twice,
// then main's save dialog writes an encrypted Aegis vault file.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { useToast } from '../../ui/useToast';
import { displayOrder } from '../accounts/model/account-order';
import { Dialog } from '../../ui/Dialog';
import { ExportAccountPicker } from './ExportAccountPicker';
import { FormActions } from '../../ui/FormActions';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';
import { useCloseOnLock } from './useCloseOnLock';

export function ExportAegisDialog({
  accounts,
  onClose,
}: {
  accounts: AccountMeta[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const formId = useId();
  const ordered = useMemo(() => displayOrder(accounts), [accounts]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(accounts.map((a) => a.id)),
  );
  const chosen = ordered.filter((a) => selected.has(a.id)).map((a) => a.id);
  const form = useVaultPasswordForm({
    withBackupPassword: true,
    check: () => (chosen.length === 0 ? t('transfer.choose.none') : null),
    run: async (password, exportPassword) => {
      const saved = await call('exportAegis', { ids: chosen, password, exportPassword });
      onClose();
      // null: the save dialog was closed, which is an answer, not a failure.
      if (saved) notify(t('transfer.aegis.exported', saved), { tone: 'success' });
    },
    onFailure: (code, focusField) => {
      if (code === 'PASSWORD_INVALID') focusField('new-password');
    },
  });
  useCloseOnLock(onClose);

  return (
    <Dialog
      title={t('transfer.aegis.title')}
      onClose={onClose}
      kind="export-aegis"
      footer={
        <FormActions
          formId={formId}
          busy={form.busy}
          label={t('transfer.aegis.submit')}
          busyLabel={t('transfer.aegis.working')}
          onCancel={onClose}
        />
      }
    >
      <VaultPasswordForm
        id={formId}
        form={form}
        autoFocus
        newPasswordText={{
          password: t('transfer.aegis.exportPassword'),
          confirm: t('transfer.aegis.confirmExportPassword'),
          hint: t('transfer.aegis.exportPasswordHint'),
        }}
      >
        <p className="export-intro">{t('transfer.aegis.intro')}</p>
        <ExportAccountPicker accounts={ordered} selected={selected} onChange={setSelected} />
      </VaultPasswordForm>
    </Dialog>
  );
}
