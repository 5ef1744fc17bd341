// The "confirm with your vault password" step of a reveal or an export; its buttons sit in the dialog footer.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultPasswordStep } from './useVaultPassword';
import { VaultPasswordField } from './VaultPasswordField';

interface VaultPasswordFormProps {
  formId: string;
  step: VaultPasswordStep;
  /** Shown above the field: what the password will unlock. */
  children?: ReactNode;
}

export function VaultPasswordForm({ formId, step, children }: VaultPasswordFormProps) {
  const { t } = useTranslation();
  return (
    <form id={formId} className="form" onSubmit={step.submit} noValidate aria-busy={step.busy}>
      {children}
      <VaultPasswordField
        label={t('transfer.password.label')}
        hint={t('transfer.password.hint')}
        name="vault-password"
        inputRef={step.inputRef}
        autoFocus
        value={step.password}
        onChange={step.setPassword}
        message={step.error}
        busy={step.busy}
      />
    </form>
  );
}
