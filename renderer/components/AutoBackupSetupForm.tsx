// Turning automatic backups on: the folder chosen, how many to keep, the vault password again and a
// backup password typed twice (automatic backups are encrypted with it, not with the vault's).
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_BACKUP_KEEP, type BackupStatus } from '../../shared/transfer';
import { call, errorCodeOf } from '../api';
import { useErrorText } from '../hooks/useErrorText';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { BackupKeepSelect } from './BackupKeepSelect';
import { BackupPasswordFields, focusField, VaultPasswordField } from './BackupPasswordFields';
import { FormActions } from './FormActions';
import { FormError } from './FormError';

interface AutoBackupSetupFormProps {
  folder: string;
  onChooseFolder: () => void;
  onEnabled: (status: BackupStatus) => void;
  onCancel: () => void;
}

export function AutoBackupSetupForm(props: AutoBackupSetupFormProps) {
  const { folder, onChooseFolder, onEnabled, onCancel } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useRef<HTMLFormElement>(null);
  const folderLabel = useId();
  const [keep, setKeep] = useState(DEFAULT_BACKUP_KEEP);
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [wrongPassword, setWrongPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tooShort = backupPassword.length < MIN_PASSWORD_LENGTH;
  const mismatch = confirm !== backupPassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy) return;
    if (password === '') return focusField(form.current, 'current-password');
    if (tooShort || mismatch) {
      return focusField(form.current, tooShort ? 'new-password' : 'confirm-password');
    }
    setBusy(true);
    setError(null);
    try {
      onEnabled(await call('enableAutoBackup', { folder, keep, password, backupPassword }));
    } catch (failure) {
      setBusy(false);
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') {
        setWrongPassword(true);
        focusField(form.current, 'current-password');
      } else {
        setError(errorText(failure));
      }
    }
  };

  return (
    <form ref={form} className="form subform" onSubmit={submit} noValidate aria-busy={busy}>
      <p className="backup-intro">{t('backup.autoSetupIntro')}</p>
      {/* The path wraps rather than being cut: its end (the folder's own name) matters most. */}
      <div className="field" role="group" aria-labelledby={folderLabel}>
        <span id={folderLabel} className="field-label">
          {t('backup.autoFolder')}
        </span>
        <div className="backup-folder">
          <span className="backup-folder-path mono selectable">{folder}</span>
          <button type="button" className="button" disabled={busy} onClick={onChooseFolder}>
            {t('backup.autoChange')}
          </button>
        </div>
      </div>
      <BackupKeepSelect value={keep} onChange={setKeep} disabled={busy} />
      <VaultPasswordField
        autoFocus
        value={password}
        onChange={(value) => {
          setPassword(value);
          setWrongPassword(false);
        }}
        message={
          wrongPassword
            ? t('errors.WRONG_PASSWORD')
            : submitted && password === ''
              ? t('backup.enterVaultPassword')
              : null
        }
        busy={busy}
      />
      <BackupPasswordFields
        password={backupPassword}
        confirm={confirm}
        onPassword={setBackupPassword}
        onConfirm={setConfirm}
        submitted={submitted}
        busy={busy}
      />
      <FormError error={error} />
      <div className="subform-actions">
        <FormActions
          busy={busy}
          label={t('backup.autoSubmit')}
          busyLabel={t('backup.autoTurningOn')}
          onCancel={onCancel}
        />
      </div>
    </form>
  );
}
