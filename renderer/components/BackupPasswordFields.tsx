// The password fields every backup form has: the vault password again, and a backup password typed twice.
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { Field } from './Field';
import { NewPasswordFields } from './NewPasswordFields';
import { PasswordInput } from './PasswordInput';

/** Puts the caret back in a form's field (by its name) after a failed submit; nothing typed is lost. */
export function focusField(form: HTMLFormElement | null, name: string): void {
  form?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.select();
}

export function VaultPasswordField(props: {
  value: string;
  onChange: (value: string) => void;
  message: string | null;
  busy: boolean;
  /** For a form that appears inside an open dialog (the dialog focuses data-autofocus only on open). */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field label={t('backup.vaultPassword')} message={props.message} announce>
      {({ id, describedBy, invalid }) => (
        <PasswordInput
          id={id}
          name="current-password"
          autoComplete="current-password"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          data-autofocus
          autoFocus={props.autoFocus}
          readOnly={props.busy}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function BackupPasswordFields(props: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Messages appear once the form has been submitted, not while typing. */
  submitted: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { password, confirm, submitted } = props;
  return (
    <NewPasswordFields
      labels={{ password: t('backup.backupPassword'), confirm: t('backup.confirmBackupPassword') }}
      hint={t('backup.backupPasswordHint')}
      password={password}
      confirm={confirm}
      onPassword={props.onPassword}
      onConfirm={props.onConfirm}
      passwordMessage={
        submitted && password.length < MIN_PASSWORD_LENGTH
          ? t('firstRun.tooShort', { count: MIN_PASSWORD_LENGTH })
          : null
      }
      confirmMessage={submitted && confirm !== password ? t('firstRun.mismatch') : null}
      busy={props.busy}
    />
  );
}
