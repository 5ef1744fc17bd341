// Unlock: one password field; Enter submits; a wrong password keeps focus and selects the text.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason } from '../../shared/ipc';
import { call, errorCodeOf } from '../api';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { PasswordInput } from '../components/PasswordInput';
import { useErrorText } from '../hooks/useErrorText';
import { BusyButton } from '../components/BusyButton';

// Locking by hand needs no explanation; the other reasons do.
const REASON_KEY = { idle: 'unlock.reasonIdle', system: 'unlock.reasonSystem' } as const;

export function UnlockScreen({
  reason,
  onUnlocked,
}: {
  reason: LockReason | null;
  onUnlocked: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    setError(null);
    try {
      await call('unlock', { password });
      onUnlocked();
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') {
        // After React re-enables the field.
        requestAnimationFrame(() => {
          input.current?.focus();
          input.current?.select();
        });
      }
    }
  };

  return (
    <AuthCard
      title={t('unlock.title')}
      intro={
        <>
          {reason && reason !== 'user' && <p className="auth-notice">{t(REASON_KEY[reason])}</p>}
          <p>{t('unlock.subtitle')}</p>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} aria-busy={busy}>
        <Field label={t('unlock.password')} message={error} announce>
          {({ id, describedBy, invalid }) => (
            <PasswordInput
              ref={input}
              id={id}
              name="password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoFocus
              readOnly={busy}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <BusyButton
          className="button button-primary button-block"
          busy={busy}
          label={t('unlock.submit')}
          busyLabel={t('unlock.progress')}
        />
        <p className="visually-hidden" role="status" aria-live="polite">
          {busy ? t('unlock.progress') : ''}
        </p>
      </form>
    </AuthCard>
  );
}
