// Back up to a file: the vault password again, a backup password typed twice, then main's save dialog.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCodeOf } from '../api';
import { useErrorText } from '../hooks/useErrorText';
import { useToast } from '../hooks/useToast';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { Dialog } from './Dialog';
import { FormActions } from './FormActions';
import { FormError } from './FormError';
import { BackupPasswordFields, focusField, VaultPasswordField } from './BackupPasswordFields';

export function BackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const formId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  /** A wrong vault password is shown at its field; anything else under the form. */
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
      const saved = await call('exportBackup', { password, backupPassword });
      // null: the save dialog was closed, which is an answer, not a failure.
      if (saved) notify(t('backup.done', saved), { tone: 'success' });
      onClose();
    } catch (failure) {
      setBusy(false);
      const code = errorCodeOf(failure);
      if (code === 'WRONG_PASSWORD') {
        setWrongPassword(true);
        focusField(form.current, 'current-password');
      } else {
        setError(errorText(failure));
        if (code === 'PASSWORD_INVALID') focusField(form.current, 'new-password');
      }
    }
  };

  return (
    <Dialog
      title={t('backup.title')}
      onClose={onClose}
      footer={
        <FormActions
          formId={formId}
          busy={busy}
          label={t('backup.submit')}
          busyLabel={t('backup.working')}
          onCancel={onClose}
        />
      }
    >
      <form ref={form} id={formId} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <p className="backup-intro">{t('backup.intro')}</p>
        <VaultPasswordField
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
      </form>
    </Dialog>
  );
}
