// A form that asks for the vault password again before main changes something, and for a backup a
// backup password typed twice: checks on submit with the caret put back, a wrong vault password shown at
// its field, any other failure under the form. (useVaultPassword is the reveal and export step.)
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, type ApiErrorCode } from '../../api/api';
import { newPasswordProblem } from '../model/password-strength';
import { useErrorText } from '../../api/useErrorText';

interface Options {
  /** The form element, whose fields get the caret back after a failed submit. */
  formRef: RefObject<HTMLFormElement | null>;
  /** The form also asks for a backup password typed twice. */
  withBackupPassword?: boolean;
  /**
   * Sends the passwords; a thrown error is shown, success empties the fields. `backupPassword` is ''
   * without withBackupPassword.
   */
  run: (password: string, backupPassword: string) => Promise<void>;
  /** After a failure other than a wrong vault password has been shown under the form. */
  onFailure?: (code: ApiErrorCode, focusField: (name: string) => void) => void;
}

export function usePasswordForm(options: Options) {
  const { formRef, withBackupPassword = false, run, onFailure } = options;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  /** A wrong vault password is shown at its field; anything else under the form. */
  const [wrongPassword, setWrongPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Puts the caret back in a field (by its name) after a failed submit; nothing typed is lost. */
  const focusField = (name: string) => {
    formRef.current?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.select();
  };

  /** Empties the fields: after a success, or when the form is closed and may be opened again. */
  const reset = () => {
    setPassword('');
    setBackupPassword('');
    setConfirm('');
    setSubmitted(false);
    setWrongPassword(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy) return;
    if (password === '') return focusField('current-password');
    const problem = withBackupPassword ? newPasswordProblem(backupPassword, confirm) : null;
    if (problem) return focusField(problem === 'tooShort' ? 'new-password' : 'confirm-password');
    setBusy(true);
    setError(null);
    try {
      await run(password, backupPassword);
      reset();
    } catch (failure) {
      const code = errorCodeOf(failure);
      if (code === 'WRONG_PASSWORD') {
        setWrongPassword(true);
        focusField('current-password');
      } else {
        setError(errorText(failure));
        onFailure?.(code, focusField);
      }
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    setError,
    submit,
    reset,
    withBackupPassword,
    /** Props for VaultPasswordField. */
    vaultPassword: {
      value: password,
      onChange: (value: string) => {
        setPassword(value);
        setWrongPassword(false);
      },
      message: wrongPassword
        ? t('errors.WRONG_PASSWORD')
        : submitted && password === ''
          ? t('backup.enterVaultPassword')
          : null,
      busy,
    },
    /** Props for NewPasswordFields (with withBackupPassword). */
    backupPassword: {
      password: backupPassword,
      confirm,
      onPassword: setBackupPassword,
      onConfirm: setConfirm,
      submitted,
      busy,
    },
  };
}

export type PasswordForm = ReturnType<typeof usePasswordForm>;
