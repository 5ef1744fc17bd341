// Back up to a file: the vault password again, a backup password typed twice, then main's save dialog.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/api';
import { useToast } from '../../ui/useToast';
import { Dialog } from '../../ui/Dialog';
import { FormActions } from '../../ui/FormActions';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

export function BackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const formId = useId();
  const form = useVaultPasswordForm({
    withBackupPassword: true,
    run: async (password, backupPassword) => {
      const saved = await call('exportBackup', { password, backupPassword });
      // null: the save dialog was closed, which is an answer, not a failure.
      if (saved) notify(t('backup.done', saved), { tone: 'success' });
      onClose();
    },
    onFailure: (code, focusField) => {
      if (code === 'PASSWORD_INVALID') focusField('new-password');
    },
  });

  return (
    <Dialog
      title={t('backup.title')}
      onClose={onClose}
      footer={
        <FormActions
          formId={formId}
          busy={form.busy}
          label={t('backup.submit')}
          busyLabel={t('backup.working')}
          onCancel={onClose}
        />
      }
    >
      <VaultPasswordForm id={formId} form={form}>
        <p className="backup-intro">{t('backup.intro')}</p>
      </VaultPasswordForm>
    </Dialog>
  );
}
