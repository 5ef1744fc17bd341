// Unlock: one password field; Enter submits; a wrong password keeps focus and selects the text.
// After too many wrong passwords main refuses tries for a while: the button waits, counting down.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason } from '../../../shared/ipc';
import { call, errorCodeOf, retryAfterOf } from '../../api/api';
import { AuthCard } from './AuthCard';
import { Field } from '../../ui/Field';
import { KeychainUnlock } from './KeychainUnlock';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { RetryCountdown } from './RetryCountdown';
import { useErrorText } from '../../api/useErrorText';
import { BusyButton } from '../../ui/BusyButton';

// Locking by hand needs no explanation; the other reasons do.
const REASON_KEY = {
  idle: 'unlock.reasonIdle',
  system: 'unlock.reasonSystem',
  replaced: 'unlock.reasonReplaced',
} as const;

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
  /** While main refuses tries: when they are allowed again (this window's clock), and what was said. */
  const [wait, setWait] = useState<{ until: number; notice: string } | null>(null);

  const selectPassword = () =>
    // After React re-enables the field.
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.select();
    });

  useEffect(() => {
    if (!wait) return;
    const timer = setTimeout(() => {
      setWait(null);
      selectPassword();
    }, wait.until - Date.now());
    return () => clearTimeout(timer);
  }, [wait]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait || password === '') return;
    setBusy(true);
    setError(null);
    try {
      await call('unlock', { password });
      onUnlocked();
    } catch (failure) {
      setBusy(false);
      const retryAfterMs = retryAfterOf(failure);
      if (retryAfterMs !== undefined) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        setWait({
          until: Date.now() + retryAfterMs,
          notice: t('unlock.throttled', { count: seconds }),
        });
      } else {
        setError(errorText(failure));
      }
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') selectPassword();
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
        <Field
          label={t('unlock.password')}
          message={wait ? <RetryCountdown until={wait.until} /> : error}
          // The countdown changes every second: the status line below announces it once instead.
          announce={!wait}
        >
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
          disabled={wait !== null}
          label={t('unlock.submit')}
          busyLabel={t('unlock.progress')}
        />
        <p className="visually-hidden" role="status" aria-live="polite">
          {busy ? t('unlock.progress') : (wait?.notice ?? '')}
        </p>
      </form>
      <KeychainUnlock atStart={reason === null} onUnlocked={onUnlocked} passwordRef={input} />
    </AuthCard>
  );
}
