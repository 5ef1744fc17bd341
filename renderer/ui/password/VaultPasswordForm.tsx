// The vault password asked for again before main lets a secret out or changes something: the one form
// for a reveal, the exports, a backup, automatic backups and keychain unlock (useVaultPasswordForm).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../FormError';
import { NewPasswordFields } from './NewPasswordFields';
import { VaultPasswordField } from './VaultPasswordField';
import type { VaultPasswordFormState } from './useVaultPasswordForm';

interface VaultPasswordFormProps {
  form: VaultPasswordFormState;
  /** For buttons outside the form (a dialog footer), which name it by this id. */
  id?: string;
  /** Shown above the fields: what the password will unlock, and anything else the form asks. */
  children?: ReactNode;
  /** The buttons of a form inside a settings section, under its fields (a subform). */
  actions?: ReactNode;
  /** For a form that appears inside an open dialog (the dialog focuses data-autofocus only on open). */
  autoFocus?: boolean;
  /** The new password's labels and hint where it is not a backup's (an export's own password). */
  newPasswordText?: { password: string; confirm: string; hint: string };
}

export function VaultPasswordForm(props: VaultPasswordFormProps) {
  const { form, actions } = props;
  const { t } = useTranslation();
  return (
    <form
      id={props.id}
      className={actions ? 'form subform' : 'form'}
      onSubmit={form.submit}
      noValidate
      aria-busy={form.busy}
    >
      {props.children}
      <VaultPasswordField autoFocus={props.autoFocus} {...form.vaultPassword} />
      {form.withBackupPassword && (
        <NewPasswordFields
          labels={{
            password: props.newPasswordText?.password ?? t('backup.backupPassword'),
            confirm: props.newPasswordText?.confirm ?? t('backup.confirmBackupPassword'),
          }}
          hint={props.newPasswordText?.hint ?? t('backup.backupPasswordHint')}
          {...form.backupPassword}
        />
      )}
      <FormError error={form.error} />
      {actions && <div className="subform-actions">{actions}</div>}
    </form>
  );
}
