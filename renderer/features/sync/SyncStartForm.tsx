// Starting sync on the first computer: the folder chosen, this computer's name, optionally a sync
// password other computers may join with, and the vault password again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/sync';
import { call } from '../../api/api';
import { FormActions } from '../../ui/FormActions';
import { Switch } from '../../ui/Switch';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';
import { DeviceNameField, deviceNameArg } from './DeviceNameField';
import { SyncFolderField } from './SyncFolderField';
import { SyncPasswordFields, useSyncPasswordFields } from './SyncPasswordFields';

interface SyncStartFormProps {
  /** From chooseSyncFolder: main takes the handle, never a path from here. */
  folder: { handle: string; folder: string };
  onChooseFolder: () => void;
  onStarted: (status: SyncStatus) => void;
  onCancel: () => void;
}

export function SyncStartForm({ folder, onChooseFolder, onStarted, onCancel }: SyncStartFormProps) {
  const { t } = useTranslation();
  const [deviceName, setDeviceName] = useState('');
  const [withPassword, setWithPassword] = useState(false);
  const syncPassword = useSyncPasswordFields();
  const form = useVaultPasswordForm({
    run: async (password) => {
      onStarted(
        await call('startSync', {
          folderHandle: folder.handle,
          password,
          deviceName: deviceNameArg(deviceName),
          syncPassword: withPassword ? syncPassword.password : undefined,
        }),
      );
    },
  });

  // The sync password is checked before the vault password is sent.
  const submit = syncPassword.guard(withPassword && !form.busy, form.submit);

  return (
    <VaultPasswordForm
      form={{ ...form, submit }}
      actions={
        <FormActions
          busy={form.busy}
          label={t('sync.startSubmit')}
          busyLabel={t('sync.starting')}
          onCancel={onCancel}
        />
      }
    >
      <p className="backup-intro">{t('sync.startIntro')}</p>
      <SyncFolderField folder={folder.folder} busy={form.busy} onChange={onChooseFolder} />
      <DeviceNameField value={deviceName} onChange={setDeviceName} busy={form.busy} autoFocus />
      <Switch
        label={t('sync.usePassword')}
        hint={t('sync.usePasswordHint')}
        checked={withPassword}
        disabled={form.busy}
        onChange={setWithPassword}
      />
      {withPassword && <SyncPasswordFields state={syncPassword} busy={form.busy} />}
    </VaultPasswordForm>
  );
}
