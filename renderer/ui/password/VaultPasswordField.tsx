// The vault password asked for again (or the current one, to change it): one field, its message shown
// and announced under it.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../Field';
import { PasswordInput } from './PasswordInput';

interface VaultPasswordFieldProps {
  value: string;
  onChange: (value: string) => void;
  message: string | null;
  busy: boolean;
  /** For a form that appears inside an open dialog (the dialog focuses data-autofocus only on open). */
  autoFocus?: boolean;
  /** "Vault password" unless the form says what it is for. */
  label?: string;
  hint?: string;
  /** The input's name: "current-password" unless given. */
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function VaultPasswordField(props: VaultPasswordFieldProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={props.label ?? t('backup.vaultPassword')}
      hint={props.hint}
      message={props.message}
      announce
    >
      {({ id, describedBy, invalid }) => (
        <PasswordInput
          ref={props.inputRef}
          id={id}
          name={props.name ?? 'current-password'}
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
