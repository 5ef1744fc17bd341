// Setting, changing or removing the sync password (other computers may join with it), with the vault
// password again.
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/sync';
import { call } from '../../api/api';
import { FormActions } from '../../ui/FormActions';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';
import { SyncPasswordFields, useSyncPasswordFields } from './SyncPasswordFields';

interface SyncPasswordFormProps {
  mode: 'set' | 'remove';
  onDone: (status: SyncStatus) => void;
  onCancel: () => void;
}

export function SyncPasswordForm({ mode, onDone, onCancel }: SyncPasswordFormProps) {
  const { t } = useTranslation();
  const syncPassword = useSyncPasswordFields();
  const form = useVaultPasswordForm({
    run: async (password) => {
      onDone(
        await call('setSyncPassword', {
          password,
          syncPassword: mode === 'set' ? syncPassword.password : null,
        }),
      );
    },
  });
  // The sync password is checked before the vault password is sent.
  const submit = syncPassword.guard(mode === 'set' && !form.busy, form.submit);
  return (
    <VaultPasswordForm
      form={{ ...form, submit }}
      autoFocus={mode === 'remove'}
      actions={
        <FormActions
          busy={form.busy}
          label={t(mode === 'set' ? 'sync.passwordSubmit' : 'sync.passwordRemoveSubmit')}
          busyLabel={t('sync.passwordSaving')}
          onCancel={onCancel}
        />
      }
    >
      <p className="backup-intro">
        {t(mode === 'set' ? 'sync.setPasswordIntro' : 'sync.removePasswordIntro')}
      </p>
      {mode === 'set' && <SyncPasswordFields state={syncPassword} busy={form.busy} autoFocus />}
    </VaultPasswordForm>
  );
}
