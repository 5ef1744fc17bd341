// A new password typed twice, with the strength meter and the messages for a short or mismatched one:
// shared by first run, the password change and the backup forms.
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { Field } from '../Field';
import { PasswordInput } from './PasswordInput';
import { StrengthMeter } from './StrengthMeter';

interface NewPasswordFieldsProps {
  labels: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Messages appear once the form has been submitted, not while typing. */
  submitted: boolean;
  /**
   * Also show a mismatch before a submit, once the second entry is as long as the first (not on blur:
   * a message appearing on blur would move the button out from under a click).
   */
  earlyMismatch?: boolean;
  busy: boolean;
  hint?: string;
  /** Announce messages as they appear (where nothing else on the screen does). */
  announce?: boolean;
  autoFocus?: boolean;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { labels, password, confirm, submitted, busy, announce } = props;
  const { t } = useTranslation();
  const mismatch = confirm !== password;
  const passwordMessage =
    submitted && password.length < MIN_PASSWORD_LENGTH
      ? t('firstRun.tooShort', { count: MIN_PASSWORD_LENGTH })
      : null;
  const confirmMessage =
    (submitted && mismatch) ||
    (props.earlyMismatch && mismatch && confirm.length >= password.length && confirm !== '')
      ? t('firstRun.mismatch')
      : null;
  return (
    <>
      <Field
        label={labels.password}
        message={passwordMessage}
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
              value={password}
              onChange={(e) => props.onPassword(e.target.value)}
            />
            <StrengthMeter password={password} />
          </>
        )}
      </Field>
      <Field label={labels.confirm} message={confirmMessage} announce={announce}>
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            name="confirm-password"
            autoComplete="new-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={busy}
            value={confirm}
            onChange={(e) => props.onConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
