// Turning automatic backups on: the folder chosen, how many to keep, the vault password again and a
// backup password typed twice (automatic backups are encrypted with it, not with the vault's).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_BACKUP_KEEP, type BackupStatus } from '../../../shared/transfer';
import { call } from '../../api/api';
import { BackupKeepSelect } from './BackupKeepSelect';
import { FormActions } from '../../ui/FormActions';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

interface AutoBackupSetupFormProps {
  /** From chooseBackupFolder: main takes the handle, never a path from here. */
  folder: { handle: string; folder: string };
  onChooseFolder: () => void;
  onEnabled: (status: BackupStatus) => void;
  onCancel: () => void;
}

export function AutoBackupSetupForm(props: AutoBackupSetupFormProps) {
  const { folder, onChooseFolder, onEnabled, onCancel } = props;
  const { t } = useTranslation();
  const folderLabel = useId();
  const [keep, setKeep] = useState(DEFAULT_BACKUP_KEEP);
  const form = useVaultPasswordForm({
    withBackupPassword: true,
    run: async (password, backupPassword) => {
      onEnabled(
        await call('enableAutoBackup', {
          folderHandle: folder.handle,
          keep,
          password,
          backupPassword,
        }),
      );
    },
  });

  return (
    <VaultPasswordForm
      form={form}
      autoFocus
      actions={
        <FormActions
          busy={form.busy}
          label={t('backup.autoSubmit')}
          busyLabel={t('backup.autoTurningOn')}
          onCancel={onCancel}
        />
      }
    >
      <p className="backup-intro">{t('backup.autoSetupIntro')}</p>
      {/* The path wraps rather than being cut: its end (the folder's own name) matters most. */}
      <div className="field" role="group" aria-labelledby={folderLabel}>
        <span id={folderLabel} className="field-label">
          {t('backup.autoFolder')}
        </span>
        <div className="backup-folder">
          <span className="backup-folder-path mono selectable">{folder.folder}</span>
          <button type="button" className="button" disabled={form.busy} onClick={onChooseFolder}>
            {t('backup.autoChange')}
          </button>
        </div>
      </div>
      <BackupKeepSelect value={keep} onChange={setKeep} disabled={form.busy} />
    </VaultPasswordForm>
  );
}
