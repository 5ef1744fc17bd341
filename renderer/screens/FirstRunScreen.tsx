// First run: create the vault with a password typed twice, its strength, and the cost of forgetting it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { AlertIcon } from '../components/Icons';
import { PasswordInput } from '../components/PasswordInput';
import { Spinner } from '../components/Spinner';
import { StrengthMeter } from '../components/StrengthMeter';
import { useErrorText } from '../hooks/useErrorText';
import { MIN_PASSWORD_LENGTH } from '../model/password-strength';

export function FirstRunScreen({ onCreated }: { onCreated: (password: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  const mismatch = confirm !== password;
  const passwordMessage =
    submitted && tooShort ? t('firstRun.tooShort', { count: MIN_PASSWORD_LENGTH }) : null;
  // Shown once the second entry is as long as the first, not on blur: a message appearing on blur
  // would move the button out from under a click.
  const confirmMessage =
    (submitted && mismatch) || (mismatch && confirm.length >= password.length && confirm !== '')
      ? t('firstRun.mismatch')
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (busy || tooShort || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await call('createVault', { password });
      onCreated(password);
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <AuthCard title={t('firstRun.title')} intro={<p>{t('firstRun.intro')}</p>}>
      <form className="auth-form" onSubmit={submit} aria-busy={busy} noValidate>
        <Field
          label={t('firstRun.password')}
          message={passwordMessage}
          hint={t('strength.hint')}
          announce
        >
          {({ id, describedBy, invalid }) => (
            <>
              <PasswordInput
                id={id}
                name="new-password"
                autoComplete="new-password"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                autoFocus
                readOnly={busy}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <StrengthMeter password={password} />
            </>
          )}
        </Field>
        <Field label={t('firstRun.confirm')} message={confirmMessage} announce>
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
        <div className="callout callout-warning" role="note">
          <AlertIcon size={18} />
          <div>
            <strong>{t('firstRun.warningTitle')}</strong>
            <p>{t('firstRun.warning')}</p>
          </div>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy && <Spinner />}
          {busy ? t('firstRun.progress') : t('firstRun.submit')}
        </button>
      </form>
    </AuthCard>
  );
}
