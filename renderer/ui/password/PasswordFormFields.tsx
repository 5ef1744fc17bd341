// The fields of a usePasswordForm form: the vault password again, a backup password typed twice when the
// form asks for one, and the error under them.
import { useTranslation } from 'react-i18next';
import type { PasswordForm } from './usePasswordForm';
import { FormError } from '../FormError';
import { NewPasswordFields } from './NewPasswordFields';
import { VaultPasswordField } from './VaultPasswordField';

export function PasswordFormFields({
  form,
  autoFocus,
}: {
  form: PasswordForm;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <VaultPasswordField autoFocus={autoFocus} {...form.vaultPassword} />
      {form.withBackupPassword && (
        <NewPasswordFields
          labels={{
            password: t('backup.backupPassword'),
            confirm: t('backup.confirmBackupPassword'),
          }}
          hint={t('backup.backupPasswordHint')}
          {...form.backupPassword}
        />
      )}
      <FormError error={form.error} />
    </>
  );
}
