// A new password typed twice, with the strength meter: shared by first run and the password change.
import { Field } from './Field';
import { PasswordInput } from './PasswordInput';
import { StrengthMeter } from './StrengthMeter';

interface NewPasswordFieldsProps {
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordMessage: string | null;
  confirmMessage: string | null;
  busy: boolean;
  hint?: string;
  /** Announce messages as they appear (where nothing else on the screen does). */
  announce?: boolean;
  autoFocus?: boolean;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { labels, busy, announce } = props;
  return (
    <>
      <Field
        label={labels.password}
        message={props.passwordMessage}
        hint={props.hint}
        announce={announce}
      >
        {({ id, describedBy, invalid }) => (
          <>
            <PasswordInput
              id={id}
              name="new-password"
              autoComplete="new-password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoFocus={props.autoFocus}
              readOnly={busy}
              value={props.password}
              onChange={(e) => props.onPassword(e.target.value)}
            />
            <StrengthMeter password={props.password} />
          </>
        )}
      </Field>
      <Field label={labels.confirm} message={props.confirmMessage} announce={announce}>
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            name="confirm-password"
            autoComplete="new-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={busy}
            value={props.confirm}
            onChange={(e) => props.onConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
