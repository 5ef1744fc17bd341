// The "confirm with your vault password" step of a reveal or an export; its buttons sit in the dialog footer.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultPasswordStep } from '../hooks/useVaultPassword';
import { Field } from './Field';
import { PasswordInput } from './PasswordInput';

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
      <Field
        label={t('transfer.password.label')}
        hint={t('transfer.password.hint')}
        message={step.error}
        announce
      >
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            ref={step.inputRef}
            id={id}
            name="vault-password"
            autoComplete="current-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-autofocus
            autoFocus
            readOnly={step.busy}
            value={step.password}
            onChange={(e) => step.setPassword(e.target.value)}
          />
        )}
      </Field>
    </form>
  );
}
