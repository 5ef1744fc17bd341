// The state of a VaultPasswordForm: the vault password asked for again (and, for a backup, a backup
// password typed twice), checked on submit with the caret put back, a wrong password shown at its
// field, success empties the fields.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, type ApiErrorCode } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { newPasswordProblem } from '../model/password-strength';

interface Options {
  /**
   * Sends the passwords; a thrown error is shown, success empties the fields. `backupPassword` is ''
   * without withBackupPassword.
   */
  run: (password: string, backupPassword: string) => Promise<void>;
  /** A reason not to send yet (e.g. no account chosen), shown at the password field. */
  check?: () => string | null;
  /** The form also asks for a backup password typed twice. */
  withBackupPassword?: boolean;
  /**
   * The password lets secret keys out of main (a reveal, an export) and is all the form asks for: the
   * field says why it is asked again, and every failure is shown at it, the caret back there.
   * Otherwise only a wrong password is; any other failure (the backup password, the folder, the
   * keychain) goes under the form and to onFailure.
   */
  revealsSecrets?: boolean;
  /** After a failure shown under the form; focusField puts the caret in a field by its name. */
  onFailure?: (code: ApiErrorCode, focusField: (name: string) => void) => void;
}

export function useVaultPasswordForm(options: Options) {
  const { run, check, withBackupPassword = false, revealsSecrets = false, onFailure } = options;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Said at the password field: a wrong password, a reason not to send, or any failure. */
  const [fieldError, setFieldError] = useState<string | null>(null);
  /** Said under the form. */
  const [error, setError] = useState<string | null>(null);

  const passwordName = revealsSecrets ? 'vault-password' : 'current-password';

  /** Empties the fields: after a success, or when the form is closed and may be opened again. */
  const reset = () => {
    setPassword('');
    setBackupPassword('');
    setConfirm('');
    setSubmitted(false);
    setFieldError(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const formElement = event.currentTarget;
    /** Puts the caret back in a field (by its name); retyping replaces the text, nothing is lost. */
    const focusField = (name: string) => {
      const input = formElement.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      input?.focus();
      input?.select();
    };
    const focusPassword = () => focusField(passwordName);
    if (busy) return;
    setSubmitted(true);
    if (password === '') return focusPassword();
    const problem = withBackupPassword ? newPasswordProblem(backupPassword, confirm) : null;
    if (problem) return focusField(problem === 'tooShort' ? 'new-password' : 'confirm-password');
    const notYet = check?.() ?? null;
    if (notYet) {
      setFieldError(notYet);
      return focusPassword();
    }
    setBusy(true);
    setFieldError(null);
    setError(null);
    try {
      await run(password, backupPassword);
      // The password has done its job; it is not kept for the next step.
      reset();
    } catch (failure) {
      const code = errorCodeOf(failure);
      if (code === 'WRONG_PASSWORD' || revealsSecrets) {
        setFieldError(errorText(failure));
        focusPassword();
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
      name: passwordName,
      hint: revealsSecrets ? t('transfer.password.hint') : undefined,
      value: password,
      onChange: (value: string) => {
        setPassword(value);
        setFieldError(null);
      },
      message: fieldError ?? (submitted && password === '' ? t('backup.enterVaultPassword') : null),
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

export type VaultPasswordFormState = ReturnType<typeof useVaultPasswordForm>;
