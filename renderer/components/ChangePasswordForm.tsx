// Changes the vault password: the current one, the new one twice, with the same strength advice.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useErrorText } from '../hooks/useErrorText';
import { useToast } from '../hooks/useToast';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';
import { Field } from './Field';
import { PasswordInput } from './PasswordInput';
import { Spinner } from './Spinner';
import { StrengthMeter } from './StrengthMeter';

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
      <Field
        label={t('settings.newPassword')}
        message={
          submitted && tooShort ? t('firstRun.tooShort', { count: MIN_PASSWORD_LENGTH }) : null
        }
      >
        {({ id, describedBy, invalid }) => (
          <>
            <PasswordInput
              id={id}
              name="new-password"
              autoComplete="new-password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              readOnly={busy}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
            <StrengthMeter password={next} />
          </>
        )}
      </Field>
      <Field
        label={t('settings.confirmPassword')}
        message={submitted && mismatch ? t('firstRun.mismatch') : null}
      >
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            name="confirm-password"
            autoComplete="new-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={busy}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <div className="subform-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <Spinner />}
          {busy ? t('settings.changing') : t('settings.changeSubmit')}
        </button>
      </div>
    </form>
  );
}
