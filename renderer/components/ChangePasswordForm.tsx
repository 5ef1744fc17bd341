// Changes the vault password: the current one, the new one twice, with the same strength advice.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useErrorText } from '../hooks/useErrorText';
import { useToast } from '../hooks/useToast';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { Field } from './Field';
import { NewPasswordFields } from './NewPasswordFields';
import { PasswordInput } from './PasswordInput';
import { FormActions } from './FormActions';

export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const formId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tooShort = next.length < MIN_PASSWORD_LENGTH;
  const mismatch = confirm !== next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy || current === '' || tooShort || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await call('changePassword', { oldPassword: current, newPassword: next });
      notify(t('toast.passwordChanged'), { tone: 'success' });
      onDone();
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <form id={formId} className="form subform" onSubmit={submit} noValidate aria-busy={busy}>
      <Field
        label={t('settings.currentPassword')}
        message={error ?? (submitted && current === '' ? t('settings.enterCurrent') : null)}
        announce
      >
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            name="current-password"
            autoComplete="current-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-autofocus
            autoFocus
            readOnly={busy}
            value={current}
            onChange={(e) => {
              setCurrent(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <NewPasswordFields
        labels={{ password: t('settings.newPassword'), confirm: t('settings.confirmPassword') }}
        password={next}
        confirm={confirm}
        onPassword={setNext}
        onConfirm={setConfirm}
        passwordMessage={
          submitted && tooShort ? t('firstRun.tooShort', { count: MIN_PASSWORD_LENGTH }) : null
        }
        confirmMessage={submitted && mismatch ? t('firstRun.mismatch') : null}
        busy={busy}
      />
      <div className="subform-actions">
        <FormActions
          busy={busy}
          label={t('settings.changeSubmit')}
          busyLabel={t('settings.changing')}
          onCancel={onDone}
        />
      </div>
    </form>
  );
}
